package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The last points of a series, for its graph, kept as a ring in the detect stage's store: the series' accepted point
 * number {@code seq} (counted by {@link SeriesState#accepted()}) goes to slot {@code seq mod capacity}, under the key
 * {@code <series key>\0<slot>}, as a {@link RingSlot}. So a score costs one write of a few dozen bytes, where
 * rewriting the whole series would cost its every point, serialized, into the store and its changelog on every score;
 * a series holds at most {@code capacity} keys, each overwritten in turn, which compaction reduces to one record each.
 * The whole series is assembled only when a FIRING or RESOLVED needs it ({@link #snapshot}).
 *
 * <p>The ring holds what the {@link Hysteresis} accepted, in its order: a duplicate or late point is not on the graph,
 * as it did not count. Each slot carries its sequence number, so after {@code detect.seriesPoints} changes a slot
 * written under the old capacity is told apart and skipped; slots beyond a lowered capacity stay in the store, unread.
 * Pure and thread-safe.
 */
public final class SeriesRing {

    private SeriesRing() {}

    /** The store key of the slot for point {@code seq} of a series. */
    public static String slotKey(String seriesKey, long seq, int capacity) {
        checkCapacity(capacity);
        return seriesKey + "\u0000" + Math.floorMod(seq, capacity);
    }

    /** What the slot holds for accepted point {@code seq}. */
    public static RingSlot slot(long seq, AnomalyScore score) {
        return new RingSlot(seq, score.timestamp().toEpochMilli(), score.score(), score.value());
    }

    /**
     * The series as its graph shows it after point {@code last}: its {@link #points} and the thresholds of the rule
     * in force.
     *
     * @param score the point just accepted (names the detector and series)
     * @param rule the rule that decided
     * @param last the sequence number of the latest point
     * @param capacity points kept per series
     * @param slots reads a slot by its key (null when absent)
     */
    public static AnomalySeries snapshot(
            AnomalyScore score, ThresholdRule rule, long last, int capacity, Function<String, RingSlot> slots) {
        return new AnomalySeries(
                score.detector(),
                score.series(),
                rule.id(),
                rule.fireThreshold(),
                rule.clearThreshold(),
                points(AnomalyAlerts.seriesKey(score), last, capacity, slots));
    }

    /**
     * The points of a series' ring up to point {@code last}: up to {@code capacity} of them, oldest first.
     *
     * @param seriesKey the series' key ({@link AnomalyAlerts#seriesKey})
     * @param last the sequence number of the latest point
     * @param capacity points kept per series
     * @param slots reads a slot by its key (null when absent)
     */
    public static List<AnomalySeries.Point> points(
            String seriesKey, long last, int capacity, Function<String, RingSlot> slots) {
        checkCapacity(capacity);
        List<AnomalySeries.Point> points = new ArrayList<>(capacity);
        long previousAt = Long.MAX_VALUE;
        for (long seq = last; seq >= 0 && seq > last - capacity; seq--) {
            RingSlot slot = slots.apply(slotKey(seriesKey, seq, capacity));
            // A slot of another sequence number was written under another capacity: its point is not this one.
            if (slot != null && slot.seq() == seq && slot.at() < previousAt) {
                points.add(slot.point());
                previousAt = slot.at();
            }
        }
        Collections.reverse(points);
        return points;
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > AnomalySeries.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "capacity must be within [1, " + AnomalySeries.MAX_POINTS + "], was " + capacity);
        }
    }
}
