package io.alertbridge.launcher.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.alertbridge.schemas.serde.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The HTTP face of a process: {@code GET /health} answers 200 when every registered check is ready or
 * {@linkplain HealthCheck.Status#degraded() degraded}, and 503 otherwise, with a JSON body naming each part and its
 * status; {@code GET /metrics} answers Prometheus text.
 *
 * <p>Degraded is for parts held back by an outside service that a restart would not bring back, Slack above all: the
 * SQS bridge and the processor keep ingesting while Slack is down or refuses the token, so a container orchestrator
 * must not restart the process (nor take it out of service) for it. The body then says so:
 *
 * <pre>{@code
 * {"parts": {"bridge":     {"ready": true,  "degraded": false, "detail": "..."},
 *            "slack-sink": {"ready": false, "degraded": true,
 *                           "detail": "SLACK_UNAVAILABLE {slack=slack unreachable: HTTP 503 at auth.test, retrying}"}},
 *  "ready": true, "degraded": true}
 * }</pre>
 * Other handlers (Slack's {@code /slack/events}) can be mounted with {@link #mount}.
 *
 * <p>{@code /health} never shows an AWS account id: whatever a part's detail says, a twelve-digit account id inside
 * a queue URL or an ARN is masked, because the endpoint is meant for load balancers and people without AWS access.
 *
 * <p>Thread-safe. Serves from a small thread pool so a slow scrape never blocks a health probe.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    /** An account id as it stands in a queue URL ({@code /123456789012/}) or an ARN ({@code :123456789012:}). */
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<=[:/])\\d{12}(?=[:/])");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry;

    private OpsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
    }

    /**
     * Starts serving on the port (0 for a free one) of all local interfaces.
     *
     * @param port the port
     * @param registry the registry {@code /metrics} scrapes
     */
    public static OpsServer start(int port, PrometheusMeterRegistry registry) {
        return start(null, port, registry);
    }

    /**
     * Starts serving on the port (0 for a free one) of one local address.
     *
     * @param bind the address to listen on (e.g. the loopback address), or null for all local interfaces
     * @param port the port
     * @param registry the registry {@code /metrics} scrapes
     */
    public static OpsServer start(InetAddress bind, int port, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(
                    bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, "ops-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            OpsServer ops = new OpsServer(server, executor, registry);
            server.createContext("/health", ops::health);
            server.createContext("/metrics", ops::metrics);
            server.start();
            LOG.info(
                    "Health and metrics on {} port {}: /health and /metrics",
                    bind == null ? "every interface" : bind.getHostAddress(),
                    ops.port());
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " for /health and /metrics", e);
        }
    }

    /** Registers a part whose readiness {@code /health} reports. */
    public void register(String name, HealthCheck check) {
        checks.put(name, check);
    }

    /** Serves another path (e.g. {@code /slack/events}) from this server. */
    public void mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address and port actually bound (the wildcard address when bound to every interface). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The overall health: ready when every check is ready or degraded (and at least one is registered); degraded when
     * any is.
     */
    public ObjectNode healthReport() {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode parts = body.putObject("parts");
        boolean ready = !checks.isEmpty();
        boolean degraded = false;
        for (Map.Entry<String, HealthCheck> entry : new java.util.TreeMap<>(checks).entrySet()) {
            HealthCheck.Status status = safeCheck(entry.getValue());
            ready &= status.ready() || status.degraded();
            degraded |= status.degraded();
            ObjectNode part = parts.putObject(entry.getKey());
            part.put("ready", status.ready());
            part.put("degraded", status.degraded());
            part.put("detail", maskAccountIds(status.detail()));
        }
        body.put("ready", ready);
        body.put("degraded", degraded);
        return body;
    }

    /** The text with every AWS account id of a queue URL or ARN replaced by {@code ***}. */
    static String maskAccountIds(String text) {
        return text == null ? null : ACCOUNT_ID.matcher(text).replaceAll("***");
    }

    private static HealthCheck.Status safeCheck(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return HealthCheck.Status.notReady("check failed: " + e.getMessage());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        ObjectNode report = healthReport();
        int status = report.get("ready").asBoolean() ? 200 : 503;
        respond(exchange, status, "application/json", Json.mapper().writeValueAsBytes(report));
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(
                exchange,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
