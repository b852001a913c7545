package io.alertbridge.devkit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint as a careful third party writes one, on localhost: {@code POST /hooks/<anything>} verifies
 * {@code Alertbridge-Signature} ({@code t=...,v1=...}, HMAC-SHA256 of {@code t + "." + body} with the shared secret,
 * timestamp within five minutes) and answers 401 when it does not match, records every request it accepted with its
 * idempotency key, and can be told to fail ({@link #faults()}). Its own HMAC code, independent of Alertbridge's, so
 * the tests check the documented contract, not one implementation against itself.
 *
 * <p>Thread-safe; requests are served on daemon threads.
 */
public final class LocalWebhookReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWebhookReceiver.class);
    private static final long TOLERANCE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One accepted request.
     *
     * @param path the request path
     * @param idempotencyKey its {@code Idempotency-Key}
     * @param body the JSON body
     * @param receivedAt when it arrived
     * @param repeat whether an earlier request carried the same idempotency key (a receiver would ignore it)
     */
    public record Delivery(String path, String idempotencyKey, JsonNode body, Instant receivedAt, boolean repeat) {
        public String incidentId() {
            return body.path("incidentId").asText();
        }

        public long version() {
            return body.path("version").asLong();
        }
    }

    private final String secret;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private LocalWebhookReceiver(String secret, Clock clock, int port) throws IOException {
        this.secret = secret;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-webhook");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/hooks/", this::handle);
    }

    /** Starts on a free port, verifying with {@code secret}. */
    public static LocalWebhookReceiver start(String secret) {
        return start(secret, 0);
    }

    /** Starts on {@code port} (0 for a free one), verifying with {@code secret}. */
    public static LocalWebhookReceiver start(String secret, int port) {
        try {
            LocalWebhookReceiver receiver = new LocalWebhookReceiver(secret, Clock.systemUTC(), port);
            receiver.server.start();
            LOG.info("Local webhook receiver on {}", receiver.url("…"));
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local webhook receiver", e);
        }
    }

    /** The URL of the hook named {@code name}. */
    public URI url(String name) {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/hooks/" + name);
    }

    public Faults faults() {
        return faults;
    }

    /** Every request accepted so far (2xx answered), in arrival order. */
    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Why requests were refused as forged or stale. */
    public List<String> rejected() {
        return new ArrayList<>(rejected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"POST only\"}");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            sleep(faults.delay().toMillis());
            Faults.Fault fault = faults.take();
            if (fault != null) {
                if (fault.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders()
                            .add("Retry-After", fault.retryAfterSeconds().toString());
                }
                answer(exchange, fault.status(), fault.body());
                return;
            }
            String problem = verify(exchange.getRequestHeaders().getFirst("Alertbridge-Signature"), body);
            if (problem != null) {
                rejected.add(problem);
                answer(exchange, 401, "{\"error\":\"" + problem + "\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            boolean repeat = key != null && deliveries.stream().anyMatch(d -> key.equals(d.idempotencyKey()));
            Delivery delivery =
                    new Delivery(exchange.getRequestURI().getPath(), key, JSON.readTree(body), clock.instant(), repeat);
            deliveries.add(delivery);
            // What dev mode shows of each delivery: one line, the alarm's own text left out.
            LOG.info(
                    "Webhook stand-in {} got {} v{} ({}){}",
                    delivery.path(),
                    delivery.incidentId().replaceAll("[^A-Za-z0-9_-]", "?"),
                    delivery.version(),
                    delivery.body().path("change").path("kind").asText().replaceAll("[^A-Z_]", "?"),
                    repeat ? ", a repeat of " + key.replaceAll("[^A-Za-z0-9:_-]", "?") : "");
            answer(exchange, repeat ? 200 : 202, "{\"ok\":true}");
        }
    }

    /** Null when the signature holds, else why not. */
    private String verify(String header, byte[] body) {
        if (header == null) {
            return "no signature";
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            return "no timestamp";
        }
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return "stale timestamp";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String signature : signatures) {
            if (signature.matches("[0-9a-f]{64}")
                    && MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
                return null;
            }
        }
        return "signature mismatch";
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis); // CHECKSTYLE:OK a slow destination: the wait is the behaviour under test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
