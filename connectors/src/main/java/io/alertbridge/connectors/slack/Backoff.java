package io.alertbridge.connectors.slack;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between {@code initial} and {@code max}: the n-th consecutive failure waits a
 * random time between half and all of {@code min(max, initial * 2^n)}, so instances recovering from one outage do
 * not retry in lockstep. Immutable and thread-safe.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long ceiling = max.toMillis();
        long base = initial.toMillis();
        long exp = attempt >= 30 ? ceiling : Math.min(ceiling, base << Math.min(attempt, 30));
        long half = Math.max(1, exp / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
