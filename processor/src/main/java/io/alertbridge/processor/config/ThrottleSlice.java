package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.time.Duration;

/**
 * The throttle's own limits, per Slack channel ({@code incidents.throttle:} in YAML); the per-incident ones
 * ({@code groupWait}, {@code updateInterval}, storm limit, incident channels) come from the incident's route.
 *
 * <pre>
 * incidents:
 *   throttle: {postSpacing: 1s, updatesPerMinute: 20, channelOpsPerMinute: 10, replyInterval: 5m,
 *              digestInterval: 30s, defaultStormLimit: 10, digestEntries: 20}
 * </pre>
 *
 * @param postSpacing least time between two posts to one channel (Slack: about one message per second per channel);
 *     thread replies, escalations and first digest posts count as posts
 * @param updatesPerMinute most message edits per channel per minute (Slack's {@code chat.update} is Tier 3, 50+ per
 *     minute per workspace: the default leaves room for a few busy channels at once)
 * @param channelOpsPerMinute most incident-channel operations per channel per minute (Slack's Tier 2, 20+ per minute)
 * @param replyInterval least time between two thread replies of one incident that carry only machine entries (alerts
 *     firing, resolving, reopening); a person's action is replied at once
 * @param digestInterval least time between two edits of a storm digest (30 s: a 2-minute storm costs a channel about
 *     five calls, and the digest is never more than half a minute behind); also how often, while a channel storms,
 *     held edits and replies look whether it is over
 * @param defaultStormLimit new incidents per channel per minute above which a storm starts, for routes without a
 *     storm limit
 * @param digestEntries most incidents a digest lists by name (all are counted)
 */
public record ThrottleSlice(
        Duration postSpacing,
        int updatesPerMinute,
        int channelOpsPerMinute,
        Duration replyInterval,
        Duration digestInterval,
        int defaultStormLimit,
        int digestEntries) {

    private static final String PREFIX = "incidents.throttle.";

    public ThrottleSlice {
        Check.notNull(PREFIX + "postSpacing", postSpacing);
        if (postSpacing.isNegative()) {
            throw new IllegalArgumentException(PREFIX + "postSpacing must not be negative, was " + postSpacing);
        }
        Check.atLeast(PREFIX + "updatesPerMinute", updatesPerMinute, 1);
        Check.atLeast(PREFIX + "channelOpsPerMinute", channelOpsPerMinute, 1);
        Check.positive(PREFIX + "replyInterval", replyInterval);
        Check.positive(PREFIX + "digestInterval", digestInterval);
        Check.atLeast(PREFIX + "defaultStormLimit", defaultStormLimit, 1);
        Check.atLeast(PREFIX + "digestEntries", digestEntries, 1);
    }

    /** The defaults: 1 post/s, 20 edits/min, 10 channel operations/min, replies every 5 min, digest every 30 s. */
    public static ThrottleSlice defaults() {
        return new ThrottleSlice(Duration.ofSeconds(1), 20, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), 10, 20);
    }
}
