package io.alertbridge.processor.anomaly;

import java.time.Instant;
import java.util.List;

/**
 * What the hysteresis remembers of one series (value of the detect stage's store). Immutable.
 *
 * @param lastAt event time of the last accepted point: a point at or before it is a duplicate or late
 * @param recent while quiet, the most recent points (at most the rule's window), oldest first; empty while firing
 * @param firing whether an episode is open
 * @param below while firing, consecutive points below the clear threshold
 * @param episode the open episode, or null
 * @param accepted points accepted so far (the next one's sequence number in the series' {@link SeriesRing}); 0 in
 *     state written before it was counted
 */
public record SeriesState(
        Instant lastAt, List<ScorePoint> recent, boolean firing, int below, Episode episode, long accepted) {

    public SeriesState {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A series never seen before. */
    public static SeriesState initial() {
        return new SeriesState(null, List.of(), false, 0, null, 0);
    }
}
