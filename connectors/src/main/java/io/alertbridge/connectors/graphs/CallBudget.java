package io.alertbridge.connectors.graphs;

import java.time.Clock;

/**
 * At most N calls per minute, as a token bucket: N tokens, refilled evenly over a minute. A call that finds no
 * token is refused at once (the caller skips its work rather than queueing it), so a storm of alarms costs at most
 * N {@code GetMetricData} calls a minute however many graphs it asks for. Thread-safe.
 */
final class CallBudget {

    private final int perMinute;
    private final Clock clock;
    private double tokens;
    private long lastRefillMillis;

    CallBudget(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("calls per minute must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.tokens = perMinute;
        this.lastRefillMillis = clock.millis();
    }

    /** Takes one call from the budget; false when it is spent. */
    synchronized boolean tryAcquire() {
        long now = clock.millis();
        long elapsed = Math.max(0, now - lastRefillMillis);
        tokens = Math.min(perMinute, tokens + elapsed * perMinute / 60_000.0);
        lastRefillMillis = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
