package io.alertbridge.connectors.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one used by every part that waits before trying again (the Slack sink's
 * pause, the token watch, the SQS bridge's receivers and acknowledger): the ceiling doubles per attempt from
 * {@code initial} up to {@code max}, and the delay is drawn uniformly from the upper half of it, so instances that
 * failed together do not come back together ("equal jitter").
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {

    /** Beyond this many doublings every ceiling is {@code max} anyway; the bound keeps the shift from overflowing. */
    private static final int MAX_SHIFT = 30;

    private final long initialMillis;
    private final long maxMillis;

    /**
     * A backoff from {@code initial} to {@code max}.
     *
     * @throws IllegalArgumentException unless {@code 1 ms <= initial <= max}
     */
    public Backoff(Duration initial, Duration max) {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 1ms <= initial <= max, was " + initial + ", " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** The largest delay this backoff gives, with jitter. */
    public Duration max() {
        return Duration.ofMillis(maxMillis);
    }

    /** The upper bound of the delay before retry number {@code attempt}; a negative attempt counts as the first. */
    long ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), MAX_SHIFT);
        long ceiling = initialMillis << shift;
        return ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
    }
}
