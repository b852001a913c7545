package io.alertbridge.processor.config;

import io.alertbridge.processor.incident.ThrottleSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * The incident stages' slice of the processor configuration (silence, correlate, lifecycle, throttle, outbox).
 * Per-route settings (group wait and window, update interval, escalation, storm limit, incident channels) live in the
 * rules; these are the process-wide ones.
 *
 * @param lifecycleTick how often the lifecycle's wall-clock timer looks for due escalations, expiries and closes
 * @param throttleTick how often the throttle's wall-clock timer looks for due posts, edits, replies and digests
 * @param throttle the throttle's per-channel limits
 */
public record IncidentConfig(Duration lifecycleTick, Duration throttleTick, ThrottleSettings throttle) {

    public IncidentConfig {
        Objects.requireNonNull(lifecycleTick, "lifecycleTick");
        Objects.requireNonNull(throttleTick, "throttleTick");
        Objects.requireNonNull(throttle, "throttle");
        if (lifecycleTick.isNegative() || lifecycleTick.isZero()) {
            throw new IllegalArgumentException("incidents.lifecycleTick must be positive, was " + lifecycleTick);
        }
        if (throttleTick.isNegative() || throttleTick.isZero()) {
            throw new IllegalArgumentException("incidents.throttleTick must be positive, was " + throttleTick);
        }
    }

    /** One-second ticks and the default throttle limits. */
    public static IncidentConfig defaults() {
        return new IncidentConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), ThrottleSettings.defaults());
    }
}
