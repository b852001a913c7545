package io.alertbridge.processor.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * The throttle's own limits, per Slack channel; the per-incident ones ({@code groupWait}, {@code updateInterval},
 * storm limit, incident channels) come from the incident's route.
 *
 * @param postSpacing least time between two posts to one channel (Slack: about one message per second per channel);
 *     thread replies, escalations and first digest posts count as posts
 * @param updatesPerMinute most message edits per channel per minute (Slack's {@code chat.update} is Tier 3, 50+ per
 *     minute per workspace: the default leaves room for a few busy channels at once)
 * @param channelOpsPerMinute most incident-channel operations per channel per minute (Slack's Tier 2, 20+ per minute)
 * @param replyInterval least time between two thread replies of one incident that carry only machine entries (alerts
 *     firing, resolving, reopening); a person's action is replied at once
 * @param digestInterval least time between two edits of a storm digest
 * @param defaultStormLimit new incidents per channel per minute above which a storm starts, for routes without a
 *     storm limit
 * @param digestEntries most incidents a digest lists by name (all are counted)
 */
public record ThrottleSettings(
        Duration postSpacing,
        int updatesPerMinute,
        int channelOpsPerMinute,
        Duration replyInterval,
        Duration digestInterval,
        int defaultStormLimit,
        int digestEntries) {

    public ThrottleSettings {
        Objects.requireNonNull(postSpacing, "postSpacing");
        Objects.requireNonNull(replyInterval, "replyInterval");
        Objects.requireNonNull(digestInterval, "digestInterval");
        require(!postSpacing.isNegative(), "postSpacing must not be negative");
        require(updatesPerMinute >= 1, "updatesPerMinute must be at least 1");
        require(channelOpsPerMinute >= 1, "channelOpsPerMinute must be at least 1");
        require(!replyInterval.isNegative(), "replyInterval must not be negative");
        require(!digestInterval.isNegative(), "digestInterval must not be negative");
        require(defaultStormLimit >= 1, "defaultStormLimit must be at least 1");
        require(digestEntries >= 1, "digestEntries must be at least 1");
    }

    /** The defaults: 1 post/s, 20 edits/min, 10 channel operations/min, replies every 5 min, digest every 10 s. */
    public static ThrottleSettings defaults() {
        return new ThrottleSettings(
                Duration.ofSeconds(1), 20, 10, Duration.ofMinutes(5), Duration.ofSeconds(10), 10, 20);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
