package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.ArrayList;
import java.util.List;

/**
 * What the graph of a series shows: its last {@code capacity} scored points, by their own time, and the thresholds of
 * the rule in force. Unlike {@link Hysteresis}, which ignores a point at or before the last one it counted, the
 * history takes a late point into its place, since it did happen and belongs on the graph; a point at a time already
 * held is a duplicate (a redelivery, or the same point through SNS and Kafka) and the first one stays.
 *
 * <p>So the points held are the latest {@code capacity} distinct times among all points seen, whatever order they
 * arrived in: a replay, a retry after an aborted transaction, or the two input paths interleaving differently give
 * the same points. Pure and thread-safe.
 */
public final class ScoreHistory {

    private ScoreHistory() {}

    /**
     * One point into a series' history.
     *
     * @param previous the series' history, or null for a series never seen
     * @param score the point
     * @param rule the thresholds that apply to the series now
     * @param capacity points kept, at least 1 and at most {@link AnomalySeries#MAX_POINTS}; a history holding more
     *     (the configuration was lowered) gives way on its next change
     * @return the history with this point and this rule's thresholds, whether its points changed, and why
     */
    public static Step record(AnomalySeries previous, AnomalyScore score, ThresholdRule rule, int capacity) {
        if (capacity < 1 || capacity > AnomalySeries.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "capacity must be within [1, " + AnomalySeries.MAX_POINTS + "], was " + capacity);
        }
        AnomalySeries.Point point = AnomalySeries.Point.of(score.timestamp(), score.score(), score.value());
        List<AnomalySeries.Point> held = previous == null ? List.of() : previous.points();
        int index = indexOf(held, point.at());
        if (index >= 0) {
            return unchanged(previous, score, rule, "duplicate of the point at " + point.time());
        }
        int insertAt = -index - 1;
        if (insertAt == 0 && held.size() >= capacity) {
            return unchanged(
                    previous,
                    score,
                    rule,
                    "older than the " + held.size() + " points kept, from "
                            + held.get(0).time());
        }
        List<AnomalySeries.Point> points = new ArrayList<>(Math.min(held.size() + 1, capacity + 1));
        points.addAll(held);
        points.add(insertAt, point);
        int excess = points.size() - capacity;
        if (excess > 0) {
            points.subList(0, excess).clear();
        }
        String reason = insertAt == held.size()
                ? "appended, " + points.size() + " of " + capacity + " points"
                : "late: inserted before the point at " + held.get(insertAt).time();
        return new Step(series(score, rule, points), true, reason);
    }

    private static Step unchanged(AnomalySeries previous, AnomalyScore score, ThresholdRule rule, String reason) {
        return new Step(series(score, rule, previous.points()), false, reason);
    }

    private static AnomalySeries series(AnomalyScore score, ThresholdRule rule, List<AnomalySeries.Point> points) {
        return new AnomalySeries(
                score.detector(), score.series(), rule.id(), rule.fireThreshold(), rule.clearThreshold(), points);
    }

    /** Binary search by time: the index of the point at {@code at}, or {@code -(insertion point) - 1}. */
    private static int indexOf(List<AnomalySeries.Point> points, long at) {
        int low = 0;
        int high = points.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midAt = points.get(mid).at();
            if (midAt < at) {
                low = mid + 1;
            } else if (midAt > at) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /**
     * The outcome of one point.
     *
     * @param series the series' history with this point (if kept) and the thresholds of the rule in force
     * @param changed whether its points changed (when not, there is nothing to store)
     * @param reason why
     */
    public record Step(AnomalySeries series, boolean changed, String reason) {}
}
