package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.time.Duration;

/**
 * The incident stages (silence, correlate, lifecycle, throttle, outbox: {@code incidents:} in YAML). Per-route
 * settings (group wait and window, update interval, escalation, storm limit, incident channels) live in the rules;
 * these are the process-wide ones.
 *
 * <pre>
 * incidents: {lifecycleTick: 1s, throttleTick: 100ms, throttle: {...}}
 * </pre>
 *
 * @param lifecycleTick how often the lifecycle's wall-clock timer looks for due escalations, expiries and closes
 * @param throttleTick how often the throttle's wall-clock timer looks for due posts, edits, replies and digests: a
 *     first post waits for its group wait plus up to one tick, so the tick is part of what people wait for
 * @param throttle the throttle's per-channel limits
 */
public record IncidentsSlice(Duration lifecycleTick, Duration throttleTick, ThrottleSlice throttle) {

    public IncidentsSlice {
        Check.positive("incidents.lifecycleTick", lifecycleTick);
        Check.positive("incidents.throttleTick", throttleTick);
        Check.notNull("incidents.throttle", throttle);
    }

    /**
     * A one-second lifecycle tick, a 100 ms throttle tick and the default throttle limits. The throttle's tick is on
     * the path of every first post: at one second it adds up to a second (half on average) after the group wait
     * (bench {@code EndToEndLatency}); at 100 ms it costs one range read of the timer index per task and tick. (It
     * was kept at one second while a rebuild failure seen only in the whole test suite was not understood; that was
     * the rebuild's drain check reading below the last stable offset, fixed in {@code Rebuild.writtenEnds}.)
     */
    public static IncidentsSlice defaults() {
        return new IncidentsSlice(Duration.ofSeconds(1), Duration.ofMillis(100), ThrottleSlice.defaults());
    }
}
