package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.time.Duration;

/**
 * The incident stages (silence, correlate, lifecycle, throttle, outbox: {@code incidents:} in YAML). Per-route
 * settings (group wait and window, update interval, escalation, storm limit, incident channels) live in the rules;
 * these are the process-wide ones.
 *
 * <pre>
 * incidents: {lifecycleTick: 1s, throttleTick: 250ms, throttle: {...}}
 * </pre>
 *
 * @param lifecycleTick how often the lifecycle's wall-clock timer looks for due escalations, expiries and closes
 * @param throttleTick how often the throttle's wall-clock timer looks for due posts, edits, replies and digests, as
 *     the net under its wake-ups: besides the tick, the throttle wakes up when its earliest timer falls due (at most
 *     50 ms after its last wake-up), so a first post waits for its group wait, not for the rest of a tick
 * @param throttle the throttle's per-channel limits
 */
public record IncidentsSlice(Duration lifecycleTick, Duration throttleTick, ThrottleSlice throttle) {

    public IncidentsSlice {
        Check.positive("incidents.lifecycleTick", lifecycleTick);
        Check.positive("incidents.throttleTick", throttleTick);
        Check.notNull("incidents.throttle", throttle);
    }

    /**
     * A one-second lifecycle tick, a 250 ms throttle tick and the default throttle limits. The throttle's tick was
     * on the path of every first post until the timers got their wake-ups (a post waited for its group wait plus up
     * to one tick; bench {@code EndToEndLatency}; at one second, half a second on average). A shorter tick is not
     * free when the processor is idle: each punctuation marks its task for commit, so under exactly-once every tick
     * that passes a commit interval is an (empty) transaction, 4 a second per stream thread at 250 ms, 10 at 100 ms,
     * against 1 at one second. (The tick was kept at one second while a rebuild failure seen only in the whole test
     * suite was not understood; that was the rebuild's drain check reading below the last stable offset, fixed in
     * {@code Rebuild.writtenEnds}.)
     */
    public static IncidentsSlice defaults() {
        return new IncidentsSlice(Duration.ofSeconds(1), Duration.ofMillis(250), ThrottleSlice.defaults());
    }
}
