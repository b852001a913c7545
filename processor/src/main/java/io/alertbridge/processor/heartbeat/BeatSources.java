package io.alertbridge.processor.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which heartbeats a record is a beat of. A raw SQS record beats the {@code queue} heartbeats of its queue and the
 * {@code event} heartbeats of its EventBridge {@code source} (read from the body, inside an SNS envelope or not); an
 * anomaly score beats the {@code score} heartbeats of its detector whose series glob matches; a FIRING alert beats
 * the {@code alert} (watchdog) heartbeats whose matchers all match it. Thread-safe (its only state is a cache of
 * compiled globs).
 */
public final class BeatSources {

    /** Compiled series globs; bounded, since rules come and go. */
    private static final Map<String, Pattern> GLOBS = new ConcurrentHashMap<>();

    private static final int MAX_GLOBS = 1024;

    private BeatSources() {}

    /** The names of the heartbeats a raw record is a beat of. */
    public static List<String> of(RawAwsMessage raw, List<HeartbeatRule> heartbeats) {
        List<String> names = new ArrayList<>();
        String eventSource = null;
        boolean sourceRead = false;
        for (HeartbeatRule rule : heartbeats) {
            if (rule.beat() == BeatKind.QUEUE && sameQueue(raw.queueUrl(), rule.queue())) {
                names.add(rule.id());
            } else if (rule.beat() == BeatKind.EVENT) {
                if (!sourceRead) {
                    eventSource = eventSource(raw.body());
                    sourceRead = true;
                }
                if (rule.eventSource().equals(eventSource)) {
                    names.add(rule.id());
                }
            }
        }
        return names;
    }

    /** The names of the heartbeats an anomaly score is a beat of. */
    public static List<String> of(AnomalyScore score, List<HeartbeatRule> heartbeats) {
        List<String> names = new ArrayList<>();
        for (HeartbeatRule rule : heartbeats) {
            if (rule.beat() == BeatKind.SCORE
                    && rule.detector().equals(score.detector())
                    && (rule.series() == null
                            || glob(rule.series()).matcher(score.series()).matches())) {
                names.add(rule.id());
            }
        }
        return names;
    }

    /** The names of the heartbeats an alert is a beat of: only a FIRING counts. */
    public static List<String> of(AlertEvent alert, List<HeartbeatRule> heartbeats) {
        if (alert.status() != AlertStatus.FIRING || HeartbeatRule.SOURCE.equals(alert.source())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Map<String, String> attributes = null;
        for (HeartbeatRule rule : heartbeats) {
            if (rule.beat() == BeatKind.ALERT) {
                if (attributes == null) {
                    attributes = Attributes.of(alert);
                }
                if (matchesAll(rule.matchers(), attributes)) {
                    names.add(rule.id());
                }
            }
        }
        return names;
    }

    /** True when the queue URL is the queue named (by name or whole URL). */
    static boolean sameQueue(String queueUrl, String queue) {
        return queueUrl.equals(queue) || queueUrl.endsWith("/" + queue);
    }

    /** The EventBridge {@code source} of a body (directly, or inside an SNS envelope's Message), or null. */
    static String eventSource(String body) {
        JsonNode root = readJson(body);
        if (root == null) {
            return null;
        }
        if (root.path("Type").asText("").equals("Notification")
                && root.path("Message").isTextual()) {
            root = readJson(root.path("Message").asText());
            if (root == null) {
                return null;
            }
        }
        JsonNode source = root.path("source");
        return root.has("detail-type") && source.isTextual() ? source.asText() : null;
    }

    private static Pattern compiled(String glob) {
        Pattern pattern = GLOBS.get(glob);
        if (pattern == null) {
            if (GLOBS.size() >= MAX_GLOBS) {
                GLOBS.clear();
            }
            pattern = glob(glob);
            GLOBS.put(glob, pattern);
        }
        return pattern;
    }

    /** A glob ({@code *} any run of characters, {@code ?} one) as an anchored pattern. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("((?<=[*?])|(?=[*?]))")) {
            switch (part) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean matchesAll(List<Matcher> matchers, Map<String, String> attributes) {
        for (Matcher matcher : matchers) {
            if (!matcher.matches(attributes)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode readJson(String text) {
        String json = text == null ? "" : text.strip();
        if (json.isEmpty() || json.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
