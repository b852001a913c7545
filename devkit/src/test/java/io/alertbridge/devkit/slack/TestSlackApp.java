package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny real HTTP app, as Slack's Request URL: receives what the workspace sends, checks Slack's signature with
 * its own HMAC code (independent of {@link SlackSignature}), and answers what the test says.
 */
final class TestSlackApp implements AutoCloseable {

    /** One request as the app got it. */
    record Received(String contentType, String timestamp, String signature, String body, boolean signatureValid) {

        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return form;
        }

        JsonNode payload() throws IOException {
            return SlackJson.parse(form().get("payload"));
        }
    }

    /** What the app answers. */
    record Answer(int status, String contentType, String body) {
        static Answer ok() {
            return new Answer(200, "text/plain", "");
        }

        static Answer json(String json) {
            return new Answer(200, "application/json", json);
        }
    }

    private final HttpServer server;
    private final String signingSecret;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Function<Received, Answer> handler = r -> Answer.ok();

    TestSlackApp(String signingSecret) throws IOException {
        this.signingSecret = signingSecret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/slack/events", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String timestamp = exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp");
                String signature = exchange.getRequestHeaders().getFirst("X-Slack-Signature");
                Received request = new Received(
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        timestamp,
                        signature,
                        body,
                        verify(timestamp, signature, body));
                received.add(request);
                Answer answer = request.signatureValid()
                        ? handler.apply(request)
                        : new Answer(401, "text/plain", "bad signature");
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        server.start();
    }

    /** The app's Request URL. */
    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/slack/events";
    }

    void answerWith(Function<Received, Answer> handler) {
        this.handler = handler;
    }

    /** The next request received, waiting up to 5 seconds. */
    Received next() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the app received nothing within 5 s");
        }
        return request;
    }

    int pending() {
        return received.size();
    }

    private boolean verify(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return false;
        }
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "v0="
                    + HexFormat.of()
                            .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
            return age <= 300 && expected.equals(signature);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
