package io.alertbridge.launcher.ops;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perSecond} pings per heartbeat per second (a token bucket per heartbeat that holds one second's worth
 * and refills continuously), so a runaway pinger cannot flood {@code alertbridge.heartbeats}. Thread-safe.
 */
final class PingRateLimit {

    private final int perSecond;
    private final Clock clock;
    private final Map<String, double[]> buckets = new HashMap<>();

    PingRateLimit(int perSecond, Clock clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Takes one ping of {@code heartbeat} from its bucket; false when the bucket is empty. */
    synchronized boolean tryAcquire(String heartbeat) {
        long nowMs = clock.millis();
        // [tokens, last refill in ms]
        double[] bucket = buckets.computeIfAbsent(heartbeat, name -> new double[] {perSecond, nowMs});
        double refilled = Math.min(perSecond, bucket[0] + (nowMs - bucket[1]) * perSecond / 1000.0);
        bucket[1] = nowMs;
        if (refilled < 1) {
            bucket[0] = refilled;
            return false;
        }
        bucket[0] = refilled - 1;
        return true;
    }
}
