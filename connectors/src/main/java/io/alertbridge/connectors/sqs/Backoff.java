package io.alertbridge.connectors.sqs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the ceiling doubles per attempt from {@code initial} up to {@code max}, and the
 * delay is drawn uniformly from the upper half of it, so concurrent receivers that failed together do not come back
 * together ("equal jitter").
 *
 * <p>Immutable and thread-safe.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    Backoff(Duration initial, Duration max) {
        if (initial.toMillis() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 1ms <= initial <= max, was " + initial + ", " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long ceiling = ceiling(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** The largest delay this backoff gives, with jitter. */
    Duration max() {
        return Duration.ofMillis(maxMillis);
    }

    long ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = initialMillis << shift;
        return ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
    }
}
