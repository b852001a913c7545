package io.alertbridge.devkit.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Slack's rate limits: a per-minute budget per method by tier, and about one {@code chat.postMessage} per second
 * per channel with short bursts tolerated. Each budget is a token bucket (full at start, refilled continuously), so
 * a burst up to the bucket's size passes and a steady rate above the limit does not. An exhausted bucket gives the
 * seconds until its next token, which the workspace answers as {@code Retry-After}.
 *
 * <p>Thread-safe (synchronized).
 */
final class RateLimiter {

    /** Slack's published tiers: calls per minute per method and workspace. */
    enum Tier {
        TIER_1(1),
        TIER_2(20),
        TIER_3(50),
        TIER_4(100),
        /** {@code chat.postMessage}: limited per channel, plus a workspace-wide budget of several hundred. */
        POST_MESSAGE(300);

        final int perMinute;

        Tier(int perMinute) {
            this.perMinute = perMinute;
        }
    }

    /** Posts per second per channel once a burst is spent. */
    static final double POSTS_PER_SECOND_PER_CHANNEL = 1.0;
    /** Posts a channel takes at once before the one-per-second pace applies. */
    static final int POST_BURST_PER_CHANNEL = 4;

    private final LongSupplier nanoClock;
    private final Map<String, Bucket> methodBuckets = new HashMap<>();
    private final Map<String, Bucket> channelBuckets = new HashMap<>();
    private boolean enabled;

    RateLimiter(boolean enabled, LongSupplier nanoClock) {
        this.enabled = enabled;
        this.nanoClock = nanoClock;
    }

    /** Takes one call from the method's budget; empty when allowed, else the seconds to wait. */
    synchronized OptionalInt acquire(String method, Tier tier) {
        if (!enabled) {
            return OptionalInt.empty();
        }
        return methodBuckets
                .computeIfAbsent(method, m -> new Bucket(tier.perMinute, tier.perMinute / 60.0))
                .take(nanoClock.getAsLong());
    }

    /** Takes one post from the channel's budget; empty when allowed, else the seconds to wait. */
    synchronized OptionalInt acquirePost(String channelId) {
        if (!enabled) {
            return OptionalInt.empty();
        }
        return channelBuckets
                .computeIfAbsent(channelId, c -> new Bucket(POST_BURST_PER_CHANNEL, POSTS_PER_SECOND_PER_CHANNEL))
                .take(nanoClock.getAsLong());
    }

    /** Refills every budget. */
    synchronized void reset() {
        methodBuckets.clear();
        channelBuckets.clear();
    }

    synchronized void setEnabled(boolean enabled) {
        this.enabled = enabled;
        reset();
    }

    private static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long lastNanos = Long.MIN_VALUE;

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        OptionalInt take(long now) {
            if (lastNanos != Long.MIN_VALUE) {
                tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * perSecond);
            }
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalInt.empty();
            }
            return OptionalInt.of((int) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
