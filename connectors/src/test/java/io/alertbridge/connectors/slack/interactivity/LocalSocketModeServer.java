package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertbridge.schemas.serde.Json;
import org.awaitility.Awaitility;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Slack's side of Socket Mode on localhost: {@code apps.connections.open} (and {@code auth.test}, which Bolt calls)
 * over HTTP, and the WebSocket that says {@code hello}, delivers envelopes and receives their acknowledgements.
 * Protocol as documented by Slack (api.slack.com/apis/socket-mode).
 */
final class LocalSocketModeServer implements AutoCloseable {

    static final String APP_TOKEN = "xapp-test-local";

    private final HttpServer http;
    private final Sockets sockets;
    private final Map<String, JsonNode> acks = new ConcurrentHashMap<>();
    private final AtomicInteger envelopes = new AtomicInteger();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicReference<String> appToken = new AtomicReference<>(APP_TOKEN);

    LocalSocketModeServer() {
        sockets = new Sockets(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sockets.setReuseAddr(true);
        sockets.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sockets.getPort() > 0);
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext(
                "/api/auth.test",
                exchange -> answer(
                        exchange,
                        "{\"ok\":true,\"url\":\"https://local/\","
                                + "\"team\":\"Local\",\"user\":\"alertbridge\",\"team_id\":\"T0LOCAL\",\"user_id\":\"U0BOT\","
                                + "\"bot_id\":\"B0BOT\"}"));
        http.createContext("/api/apps.connections.open", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + appToken.get()).equals(auth)) {
                refused.incrementAndGet();
                answer(exchange, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                return;
            }
            connectionsOpened.incrementAndGet();
            answer(exchange, "{\"ok\":true,\"url\":\"ws://localhost:" + sockets.getPort() + "/link\"}");
        });
        http.start();
    }

    String apiUrl() {
        return "http://localhost:" + http.getAddress().getPort() + "/api/";
    }

    int connectionsOpened() {
        return connectionsOpened.get();
    }

    /** How many {@code apps.connections.open} calls were refused for their token. */
    int refused() {
        return refused.get();
    }

    /**
     * Rotates the app token as Slack does when it is regenerated: only {@code newToken} opens connections from now
     * on, and the open WebSocket is closed (a revoked token's connection ends).
     */
    void rotateAppToken(String newToken) {
        appToken.set(newToken);
        WebSocket open = sockets.current.get();
        if (open != null) {
            open.close(1008, "token revoked");
        }
    }

    /** True while the app holds a WebSocket open. */
    boolean appConnected() {
        return sockets.current.get() != null && sockets.current.get().isOpen();
    }

    /** Delivers an envelope of the given type and payload; returns its id. */
    String deliver(String type, JsonNode payload, boolean acceptsResponsePayload) {
        String id = "env-" + envelopes.incrementAndGet();
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("envelope_id", id);
        envelope.put("type", type);
        envelope.put("accepts_response_payload", acceptsResponsePayload);
        envelope.set("payload", payload);
        sockets.current.get().send(envelope.toString());
        return id;
    }

    /** Waits for the app's acknowledgement of an envelope. */
    JsonNode awaitAck(String envelopeId, Duration within) {
        Awaitility.await().atMost(within).until(() -> acks.containsKey(envelopeId));
        return acks.get(envelopeId);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        try {
            sockets.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Sockets extends WebSocketServer {
        private final AtomicReference<WebSocket> current = new AtomicReference<>();

        Sockets(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            current.set(conn);
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"local\"},"
                    + "\"connection_info\":{\"app_id\":\"A0LOCAL\"}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode ack = Json.mapper().readTree(message);
                if (ack.hasNonNull("envelope_id")) {
                    acks.put(ack.get("envelope_id").asText(), ack);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            current.compareAndSet(conn, null);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            // A test failing to connect shows up as the app not becoming ready.
        }

        @Override
        public void onStart() {
            // Nothing to do: the port is read after start.
        }
    }
}
