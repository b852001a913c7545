package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.alertbridge.schemas.serde.Json;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's {@code response_url} endpoint over real HTTP: every interaction gets its own URL, and what the app
 * posts there is kept for the test to read.
 */
final class ResponseUrlRecorder implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    ResponseUrlRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/response/", exchange -> {
            try (exchange) {
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
                received.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                        .add(body);
                byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
        server.start();
    }

    /** A fresh response URL. */
    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/response/" + next.incrementAndGet();
    }

    /** The answers posted to this URL so far. */
    List<JsonNode> answers(String url) {
        return received.getOrDefault(java.net.URI.create(url).getPath(), List.of());
    }

    /** Waits for the {@code n}th answer (1-based) posted to this URL. */
    JsonNode await(String url, int n) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> answers(url).size() >= n);
        return answers(url).get(n - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
