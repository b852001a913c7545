package io.alertbridge.launcher.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /heartbeat/<name>}: the ping of a {@code ping} heartbeat, for cron jobs and pipelines, served on the
 * process's HTTP server beside {@code /health}. The caller presents the heartbeat's token as
 * {@code Authorization: Bearer <token>} (or {@code ?token=<token>}); its SHA-256 is compared in constant time with the
 * rule's {@code tokenSha256} ({@link HeartbeatTokens}). A valid ping becomes a {@link HeartbeatBeat} on
 * {@code alertbridge.heartbeats} (key: the name; the body, if any, as its note) and is answered 202 once Kafka has it.
 *
 * <p>Answers: 405 for anything but POST; 404 for a name that is not a {@code ping} heartbeat of the rules in force;
 * 401 for a missing or wrong token (nothing is recorded); 413 for a body over {@value #MAX_BODY} bytes; 429 beyond
 * {@value #PINGS_PER_SECOND} pings per second for one heartbeat; 503 when Kafka does not take the beat (the pinger
 * retries). Tokens are never logged.
 *
 * <p>Meters: {@code alertbridge.heartbeat.pings} (tag {@code outcome}: recorded, unknown, unauthorized, too_large,
 * rate_limited, kafka_failed, bad_method). Thread-safe.
 */
public final class HeartbeatPings implements HttpHandler {

    /** Where pings are served: {@code /heartbeat/<name>}. */
    public static final String PATH = "/heartbeat/";

    /** Largest body accepted. */
    public static final int MAX_BODY = 4096;

    /** Pings accepted per heartbeat per second. */
    public static final int PINGS_PER_SECOND = 10;

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatPings.class);
    private static final String BEARER = "Bearer ";

    /** Where a valid ping's beat goes. */
    @FunctionalInterface
    public interface BeatPublisher {
        /**
         * Records the beat; returns once it is durable.
         *
         * @throws Exception when it could not be recorded (the ping is answered 503)
         */
        void publish(HeartbeatBeat beat) throws Exception;
    }

    private final Function<String, Optional<HeartbeatRule>> heartbeats;
    private final BeatPublisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final PingRateLimit rateLimit;

    /**
     * @param heartbeats the heartbeat rule of a name, in the rules in force
     * @param publisher where valid pings go ({@link KafkaBeatPublisher} in the processor)
     * @param clock the time of a beat
     * @param registry where the outcomes are counted
     */
    public HeartbeatPings(
            Function<String, Optional<HeartbeatRule>> heartbeats,
            BeatPublisher publisher,
            Clock clock,
            MeterRegistry registry) {
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rateLimit = new PingRateLimit(PINGS_PER_SECOND, clock);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = accept(exchange);
            answer(exchange, status);
        }
    }

    private int accept(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return outcome(405, "bad_method");
        }
        String mountedAt = exchange.getHttpContext().getPath();
        String path = exchange.getRequestURI().getPath();
        String name = path.length() > mountedAt.length() ? path.substring(mountedAt.length()) : "";
        Optional<HeartbeatRule> rule = name.isEmpty() || name.contains("/")
                ? Optional.empty()
                : heartbeats.apply(name).filter(r -> r.beat() == HeartbeatRule.BeatKind.PING);
        if (rule.isEmpty()) {
            return outcome(404, "unknown");
        }
        if (!HeartbeatTokens.matches(token(exchange), rule.get().tokenSha256())) {
            LOG.warn("Heartbeat ping for {} refused: missing or wrong token", LogText.safe(name));
            return outcome(401, "unauthorized");
        }
        if (!rateLimit.tryAcquire(name)) {
            return outcome(429, "rate_limited");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return outcome(413, "too_large");
        }
        String note = body.length == 0 ? null : new String(body, StandardCharsets.UTF_8).strip();
        HeartbeatBeat beat =
                new HeartbeatBeat(name, clock.instant(), "ping", note == null || note.isEmpty() ? null : note);
        try {
            publisher.publish(beat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(503, "kafka_failed");
        } catch (Exception e) {
            LOG.warn(
                    "Heartbeat ping for {}: Kafka did not take it: {}", LogText.safe(name), LogText.safe(e.toString()));
            return outcome(503, "kafka_failed");
        }
        LOG.debug("Heartbeat ping for {} recorded", LogText.safe(name));
        return outcome(202, "recorded");
    }

    /** The token of the request: {@code Authorization: Bearer}, else the {@code token} query parameter. */
    private static String token(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith(BEARER)) {
            return authorization.substring(BEARER.length()).strip();
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private int outcome(int status, String outcome) {
        Counter.builder("alertbridge.heartbeat.pings")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        return status;
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] bytes = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
