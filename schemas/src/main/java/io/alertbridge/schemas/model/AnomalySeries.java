package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The recent history of one anomaly-scored series, as the graph of an anomaly shows it: the last points the
 * processor accepted for the series (oldest first, at most {@link #MAX_POINTS}) and the fire and clear thresholds of
 * the threshold rule that decided. The optional {@code scores} of an anomaly's {@link AlertEvent} and
 * {@link IncidentMember}.
 *
 * <p>Compact by design: it travels with every anomaly FIRING and RESOLVED through the alerts, incidents and
 * notifications topics and lives in the incident's state, up to {@link #MAX_POINTS} points each time. So a point is a
 * JSON array of three numbers, {@code [epochMillis, score, value]} (value {@code null} when unknown), not an object:
 * an object would repeat three property names per point and an ISO-8601 time is twice as long as its epoch
 * milliseconds, which together make a point about twice the size ({@code [1730887200000,0.93,41.5]} is 25 bytes,
 * {@code {"at":"2024-11-06T10:00:00Z","score":0.93,"value":41.5}} 55).
 *
 * <p>Invariants, checked on construction (so also on every read): points strictly ascending by time, scores in
 * [0, 1], at most {@link #MAX_POINTS} of them, {@code 0 <= clearThreshold <= fireThreshold <= 1}. Immutable.
 *
 * @param detector the detector that scored the series
 * @param series the series id
 * @param rule id of the threshold rule whose thresholds these are
 * @param fireThreshold score at or above which a point counts towards firing
 * @param clearThreshold score below which a point counts towards resolving
 * @param points the last points, oldest first; empty when none
 */
public record AnomalySeries(
        String detector, String series, String rule, double fireThreshold, double clearThreshold, List<Point> points) {

    /**
     * The most points a series holds, whatever the configuration asks: a day of one-minute points, about 40 KB of
     * JSON, so that an incident carrying a few of them stays far below Kafka's default 1 MB record.
     */
    public static final int MAX_POINTS = 1_440;

    public AnomalySeries {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(series, "series");
        if (!(clearThreshold >= 0 && clearThreshold <= fireThreshold && fireThreshold <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 <= clearThreshold <= fireThreshold <= 1, were "
                    + clearThreshold + " and " + fireThreshold);
        }
        points = Collections2.list(points);
        if (points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("at most " + MAX_POINTS + " points per series, were " + points.size());
        }
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).at() <= points.get(i - 1).at()) {
                throw new IllegalArgumentException("points must be strictly ascending by time, point " + i + " at "
                        + points.get(i).at() + " follows " + points.get(i - 1).at());
            }
        }
    }

    /** The same points with the thresholds of another rule. */
    public AnomalySeries withThresholds(String ruleId, double fire, double clear) {
        return new AnomalySeries(detector, series, ruleId, fire, clear, points);
    }

    /**
     * One scored point, written as {@code [at, score, value]}.
     *
     * @param at when it was observed, in epoch milliseconds
     * @param score its anomaly score in [0, 1]
     * @param value the metric's value at that point, or null when the detector did not send it or sent no finite
     *     number
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"at", "score", "value"})
    public record Point(long at, double score, Double value) {

        public Point {
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("score must be within [0, 1], was " + score);
            }
            // A graph cannot plot NaN or infinity, and JSON has no number for them.
            value = value != null && Double.isFinite(value) ? value : null;
        }

        /** A point observed at {@code at}. */
        public static Point of(Instant at, double score, Double value) {
            return new Point(at.toEpochMilli(), score, value);
        }

        /** When it was observed. */
        public Instant time() {
            return Instant.ofEpochMilli(at);
        }
    }
}
