package io.alertbridge.connectors.receivers.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhookEvent.Reading;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * PagerDuty's v3 webhooks for one PagerDuty receiver, served on the process's HTTP server at
 * {@code /pagerduty/<name>/webhooks} (beside Slack's {@code /slack/events}). Each request is checked before anything
 * is read from it — signature ({@link PagerDutySignature}; 401 when forged), then age ({@code occurred_at} within the
 * receiver's tolerance; 400 when stale) and replay (an event id accepted recently is answered 200 and not applied
 * again) — then {@code incident.acknowledged} and {@code incident.resolved} of our incidents become
 * {@link UserAction}s on {@code alertbridge.actions} (origin {@code pagerduty}, who {@code pagerduty:<agent>}), keyed
 * by the incident's group key, answered 202 once Kafka has them (503 when Kafka does not, so PagerDuty retries).
 *
 * <p>Meters: {@code alertbridge.receiver.webhooks} (tags {@code receiver}, {@code outcome}: applied, ignored,
 * replayed, forged, stale, invalid, unknown_incident, kafka_failed). Thread-safe.
 */
public final class PagerDutyWebhooks implements HttpHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyWebhooks.class);
    private static final int MAX_BODY = 1 << 20;

    private final ReceiverId id;
    private final PagerDutyConfig config;
    private final Function<String, Optional<String>> groupKeys;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicSpec<String, UserAction> actions;
    private final RecentEvents recent;
    private final MeterRegistry registry;
    private final Clock clock;

    /**
     * @param name the receiver's name
     * @param config its configuration (with the webhook secret read)
     * @param groupKeys incident id → group key ({@link IncidentKeys})
     * @param kafka the cluster's client properties
     * @param topics the topic names
     */
    public PagerDutyWebhooks(
            String name,
            PagerDutyConfig config,
            Function<String, Optional<String>> groupKeys,
            Map<String, Object> kafka,
            Topics topics,
            MeterRegistry registry,
            Clock clock) {
        if (config.webhookSecret() == null) {
            throw new IllegalArgumentException("receivers.pagerduty." + name + ".webhookSecret: needed for webhooks");
        }
        this.id = ReceiverId.pagerDuty(name);
        this.config = config;
        this.groupKeys = groupKeys;
        this.actions = topics.actions();
        this.recent = new RecentEvents(config.webhookTolerance().multipliedBy(2), 100_000);
        this.registry = registry;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka);
        props.keySet().removeIf(key -> key.startsWith("group.") || key.startsWith("isolation."));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-pagerduty-webhooks-" + name);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Where PagerDuty's webhook subscription should point, on the HTTP port. */
    public static String path(String name) {
        return "/pagerduty/" + name + "/webhooks";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "POST only");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, "too large");
                return;
            }
            Outcome outcome = accept(exchange.getRequestHeaders().getFirst(PagerDutySignature.HEADER), body);
            count(outcome.tag());
            answer(exchange, outcome.status(), outcome.tag());
        }
    }

    /** What became of one request. */
    record Outcome(int status, String tag) {}

    /** Checks and applies one request; the HTTP status and the outcome. */
    Outcome accept(String signature, byte[] body) {
        if (!PagerDutySignature.verify(signature, body, config.webhookSecret())) {
            LOG.warn("PagerDuty webhook for {} refused: signature does not match", id);
            return new Outcome(401, "forged");
        }
        Instant now = clock.instant();
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            return new Outcome(400, "invalid");
        }
        Reading reading = PagerDutyWebhookEvent.read(root, now, config.webhookTolerance());
        switch (reading.kind()) {
            case INVALID -> {
                LOG.warn("PagerDuty webhook for {} refused: {}", id, reading.reason());
                return new Outcome(400, "invalid");
            }
            case STALE -> {
                LOG.warn(
                        "PagerDuty webhook {} for {} refused: {}",
                        LogText.safe(reading.eventId()),
                        id,
                        reading.reason());
                return new Outcome(400, "stale");
            }
            case IGNORED -> {
                LOG.debug(
                        "PagerDuty webhook {} for {} ignored: {}",
                        LogText.safe(reading.eventId()),
                        id,
                        reading.reason());
                return new Outcome(200, "ignored");
            }
            default -> {
                return apply(reading, now);
            }
        }
    }

    private Outcome apply(Reading reading, Instant now) {
        if (recent.seen(reading.eventId(), now)) {
            return new Outcome(200, "replayed");
        }
        Optional<String> groupKey = groupKeys.apply(reading.incidentId());
        if (groupKey.isEmpty()) {
            LOG.info(
                    "PagerDuty webhook {} for {} names {}, which is not an incident here; ignored",
                    LogText.safe(reading.eventId()),
                    id,
                    LogText.safe(reading.incidentId()));
            return new Outcome(200, "unknown_incident");
        }
        UserAction action = PagerDutyWebhookEvent.toAction(reading, groupKey.get());
        byte[] value = actions.valueSerde().serializer().serialize(actions.name(), action);
        try {
            producer.send(new ProducerRecord<>(actions.name(), action.groupKey(), value))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(503, "kafka_failed");
        } catch (Exception e) {
            LOG.warn(
                    "PagerDuty webhook {} for {}: Kafka did not take the action: {}",
                    LogText.safe(reading.eventId()),
                    id,
                    LogText.safe(e.toString()));
            return new Outcome(503, "kafka_failed");
        }
        recent.remember(reading.eventId(), now);
        LOG.info(
                "PagerDuty webhook {}: {} {} by {}",
                LogText.safe(reading.eventId()),
                action.type(),
                LogText.safe(action.incidentId()),
                LogText.safe(reading.who()));
        return new Outcome(202, "applied");
    }

    private void count(String outcome) {
        Counter.builder("alertbridge.receiver.webhooks")
                .tag("receiver", id.toString())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = ("{\"status\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
