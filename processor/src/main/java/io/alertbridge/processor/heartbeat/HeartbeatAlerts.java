package io.alertbridge.processor.heartbeat;

import io.alertbridge.processor.incident.Durations;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.HeartbeatRule;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts a heartbeat raises: source {@value HeartbeatRule#SOURCE}, fingerprint {@code heartbeat:<name>}, the
 * rule's labels (with {@code heartbeat=<name>}) and severity, and a title that says what went silent and for how long
 * ("No signals from detector numenta for 20m"). Thread-safe (stateless).
 */
public final class HeartbeatAlerts {

    private HeartbeatAlerts() {}

    /** The FIRING alert of a heartbeat found overdue at {@code now}; {@code reason} becomes its summary. */
    public static AlertEvent firing(HeartbeatRule rule, HeartbeatState state, Instant now, String reason) {
        return alert(rule, state, AlertStatus.FIRING, now, title(rule, state, now), reason);
    }

    /**
     * The RESOLVED alert of a heartbeat heard from again (or whose rule went) at {@code now}: the FIRING alert it
     * raised, resolved, so that it reaches the same incident whatever became of the rule.
     */
    public static AlertEvent resolved(AlertEvent fired, Instant now, String reason) {
        return new AlertEvent(
                fired.fingerprint() + ":resolved:" + now.toEpochMilli(),
                fired.fingerprint(),
                fired.source(),
                AlertStatus.RESOLVED,
                fired.severity(),
                fired.title(),
                reason,
                now,
                fired.labels(),
                fired.annotations(),
                fired.links(),
                null,
                null,
                null);
    }

    /** The default title, or the rule's own. */
    static String title(HeartbeatRule rule, HeartbeatState state, Instant now) {
        if (rule.title() != null) {
            return rule.title();
        }
        String silent = Durations.human(HeartbeatClock.minutes(HeartbeatClock.silentFor(state, now)));
        return switch (rule.beat()) {
            case QUEUE -> "No messages from queue " + rule.queue() + " for " + silent;
            case EVENT -> "No events from " + rule.eventSource() + " for " + silent;
            case SCORE ->
                "No signals from detector " + rule.detector()
                        + (rule.series() == null ? "" : " (series " + rule.series() + ")") + " for " + silent;
            case ALERT -> "Watchdog " + rule.id() + " has not fired for " + silent;
            case PING -> "No pings from " + rule.id() + " for " + silent;
        };
    }

    private static AlertEvent alert(
            HeartbeatRule rule, HeartbeatState state, AlertStatus status, Instant now, String title, String summary) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("interval", Durations.human(rule.interval()));
        annotations.put("allowedSilence", Durations.human(rule.allowedSilence()));
        if (state != null && state.lastBeatAt() != null) {
            annotations.put("lastBeatAt", state.lastBeatAt().toString());
        }
        return new AlertEvent(
                rule.fingerprint() + ":" + status.name().toLowerCase(java.util.Locale.ROOT) + ":" + now.toEpochMilli(),
                rule.fingerprint(),
                HeartbeatRule.SOURCE,
                status,
                rule.severity(),
                title,
                summary,
                now,
                rule.labels(),
                annotations,
                List.of(),
                null,
                null,
                null);
    }
}
