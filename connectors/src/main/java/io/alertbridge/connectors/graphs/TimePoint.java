package io.alertbridge.connectors.graphs;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a series: a time and a finite value.
 *
 * @param at when
 * @param value the value there
 */
public record TimePoint(Instant at, double value) {
    public TimePoint {
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a point's value must be finite, was " + value + " at " + at);
        }
    }
}
