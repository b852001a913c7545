package io.alertbridge.devkit.receivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * PagerDuty's Events API v2 on localhost, validating as PagerDuty documents it: {@code POST /v2/enqueue} with a JSON
 * event; {@code routing_key} required (and one of the accepted keys, when given); {@code event_action} one of
 * trigger, acknowledge, resolve; a trigger needs {@code payload.summary}, {@code payload.source} and
 * {@code payload.severity} (critical, error, warning, info); acknowledge and resolve need {@code dedup_key}. An
 * invalid event is answered 400 ({@code "status": "invalid event"}, {@code errors}); a valid one 202
 * ({@code "status": "success"}, its {@code dedup_key}). Alerts are kept as PagerDuty keeps them: a trigger for a
 * dedup key with an open alert is deduplicated into it, otherwise it opens a new one ({@link #opened}).
 *
 * <p>It also plays PagerDuty's v3 webhooks back: {@link #sendWebhook} signs and POSTs {@code incident.acknowledged}
 * or {@code incident.resolved} for a dedup key, as a subscription would. Thread-safe.
 */
public final class LocalPagerDuty implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPagerDuty.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /**
     * One event PagerDuty accepted.
     *
     * @param action its {@code event_action}
     * @param dedupKey its dedup key
     * @param body the event as sent
     * @param receivedAt when
     */
    public record Event(String action, String dedupKey, JsonNode body, Instant receivedAt) {}

    private final Set<String> routingKeys;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Map<String, String> alertStatus = new LinkedHashMap<>();
    private final Map<String, Integer> opened = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalPagerDuty(Set<String> routingKeys, Clock clock, int port) throws IOException {
        this.routingKeys = Set.copyOf(routingKeys);
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-pagerduty");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v2/enqueue", this::enqueue);
    }

    /** Starts on a free port, accepting these routing keys (empty: any non-blank key). */
    public static LocalPagerDuty start(Set<String> routingKeys) {
        return start(routingKeys, 0);
    }

    /** Starts on {@code port} (0 for a free one). */
    public static LocalPagerDuty start(Set<String> routingKeys, int port) {
        try {
            LocalPagerDuty pagerDuty = new LocalPagerDuty(routingKeys, Clock.systemUTC(), port);
            pagerDuty.server.start();
            LOG.info("Local PagerDuty Events API on {}", pagerDuty.url());
            return pagerDuty;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local PagerDuty", e);
        }
    }

    /** The Events API's base URL (events go to {@code <url>/v2/enqueue}). */
    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    public Faults faults() {
        return faults;
    }

    /** Every event accepted, in order. */
    public List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Why events were refused (400). */
    public List<String> refusals() {
        return new ArrayList<>(refusals);
    }

    /** The alert's status for a dedup key: triggered, acknowledged, resolved; null when never triggered. */
    public synchronized String status(String dedupKey) {
        return alertStatus.get(dedupKey);
    }

    /** How many PagerDuty incidents triggers for this dedup key opened (a deduplicated trigger opens none). */
    public synchronized int opened(String dedupKey) {
        return opened.getOrDefault(dedupKey, 0);
    }

    private void enqueue(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            LocalWebhookReceiver.sleep(faults.delay().toMillis());
            Faults.Fault fault = faults.take();
            if (fault != null) {
                if (fault.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders()
                            .add("Retry-After", fault.retryAfterSeconds().toString());
                }
                LocalWebhookReceiver.answer(exchange, fault.status(), fault.body());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                LocalWebhookReceiver.answer(exchange, 405, "{\"status\":\"method not allowed\"}");
                return;
            }
            JsonNode event;
            try {
                event = JSON.readTree(body);
            } catch (IOException e) {
                LocalWebhookReceiver.answer(exchange, 400, invalid(List.of("Malformed JSON")));
                return;
            }
            List<String> errors = validate(event);
            if (!errors.isEmpty()) {
                refusals.add(String.join("; ", errors));
                LocalWebhookReceiver.answer(exchange, 400, invalid(errors));
                return;
            }
            String action = event.path("event_action").asText();
            String dedupKey = event.path("dedup_key").asText("");
            if (dedupKey.isBlank()) {
                dedupKey = UUID.randomUUID().toString().replace("-", "");
            }
            record(action, dedupKey, event);
            ObjectNode answer = JSON.createObjectNode()
                    .put("status", "success")
                    .put("message", "Event processed")
                    .put("dedup_key", dedupKey);
            LocalWebhookReceiver.answer(exchange, 202, JSON.writeValueAsString(answer));
        }
    }

    private List<String> validate(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (!event.isObject()) {
            return List.of("Event object is invalid");
        }
        String key = event.path("routing_key").asText("");
        if (key.isBlank()) {
            errors.add("'routing_key' is missing or blank");
        } else if (!routingKeys.isEmpty() && !routingKeys.contains(key)) {
            errors.add("Invalid routing key");
        }
        String action = event.path("event_action").asText("");
        if (!ACTIONS.contains(action)) {
            errors.add("'event_action' is invalid (expected one of trigger, acknowledge, resolve)");
        } else if (action.equals("trigger")) {
            JsonNode payload = event.path("payload");
            for (String field : List.of("summary", "source", "severity")) {
                if (payload.path(field).asText("").isBlank()) {
                    errors.add("'payload." + field + "' is missing or blank");
                }
            }
            String severity = payload.path("severity").asText("");
            if (!severity.isBlank() && !SEVERITIES.contains(severity)) {
                errors.add("'payload.severity' is invalid (expected one of critical, error, warning, info)");
            }
            if (payload.path("summary").asText("").length() > 1024) {
                errors.add("'payload.summary' is longer than 1024 characters");
            }
        } else if (event.path("dedup_key").asText("").isBlank()) {
            errors.add("'dedup_key' is missing or blank");
        }
        return errors;
    }

    private synchronized void record(String action, String dedupKey, JsonNode event) {
        events.add(new Event(action, dedupKey, event, clock.instant()));
        String status = alertStatus.get(dedupKey);
        boolean open = status != null && !status.equals("resolved");
        switch (action) {
            case "trigger" -> {
                if (!open) {
                    alertStatus.put(dedupKey, "triggered");
                    opened.merge(dedupKey, 1, Integer::sum);
                }
            }
            case "acknowledge" -> {
                if (open) {
                    alertStatus.put(dedupKey, "acknowledged");
                }
            }
            default -> {
                if (open) {
                    alertStatus.put(dedupKey, "resolved");
                }
            }
        }
        LOG.info(
                "PagerDuty stand-in got {} for {} (alert now {})",
                action,
                dedupKey.replaceAll("[^A-Za-z0-9_-]", "?"),
                alertStatus.get(dedupKey));
    }

    /**
     * Plays a v3 webhook for a dedup key, as PagerDuty's subscription would, signed with {@code secret}.
     *
     * @param target the webhook URL (Alertbridge's {@code /pagerduty/<name>/webhooks})
     * @param eventType {@code incident.acknowledged} or {@code incident.resolved}
     * @param occurredAt when it happened
     * @return the HTTP status Alertbridge answered
     */
    public int sendWebhook(
            URI target, String secret, String eventType, String dedupKey, String agent, Instant occurredAt)
            throws IOException, InterruptedException {
        return sendWebhook(
                target, secret, webhookBody("01" + UUID.randomUUID(), eventType, dedupKey, agent, occurredAt));
    }

    /** Sends a webhook body as it is, signed with {@code secret} (for replays and forgeries). */
    public int sendWebhook(URI target, String secret, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .header("Content-Type", "application/json")
                .header("X-PagerDuty-Signature", "v1=" + HexFormat.of().formatHex(hmac(secret, body)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        if (eventOf(body).startsWith("incident.")) {
            synchronized (this) {
                String key = JSON.readTree(body)
                        .path("event")
                        .path("data")
                        .path("incident_key")
                        .asText();
                String type =
                        JSON.readTree(body).path("event").path("event_type").asText();
                if (type.equals("incident.acknowledged")) {
                    alertStatus.put(key, "acknowledged");
                } else if (type.equals("incident.resolved")) {
                    alertStatus.put(key, "resolved");
                }
            }
        }
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String eventOf(byte[] body) throws IOException {
        return JSON.readTree(body).path("event").path("event_type").asText("");
    }

    /** A v3 webhook payload for an incident event (the fields Alertbridge reads, and a few more). */
    public static byte[] webhookBody(String eventId, String eventType, String dedupKey, String agent, Instant at)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode event = root.putObject("event");
        event.put("id", eventId);
        event.put("event_type", eventType);
        event.put("resource_type", "incident");
        event.put("occurred_at", at.toString());
        event.putObject("agent").put("id", "PUSER01").put("summary", agent).put("type", "user_reference");
        ObjectNode data = event.putObject("data");
        data.put("id", "Q" + Math.abs(dedupKey.hashCode()));
        data.put("type", "incident");
        data.put("incident_key", dedupKey);
        data.put("status", eventType.substring(eventType.indexOf('.') + 1));
        return JSON.writeValueAsBytes(root);
    }

    private static String invalid(List<String> errors) {
        ObjectNode answer =
                JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
        errors.forEach(answer.putArray("errors")::add);
        return answer.toString();
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
