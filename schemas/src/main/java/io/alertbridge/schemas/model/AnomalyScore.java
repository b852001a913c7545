package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One anomaly score from an ML detector: value of {@code alertbridge.anomaly.scores}, keyed by {@link #series()}.
 *
 * <p>Detectors in any language produce these as JSON following {@code AnomalyScore.schema.json}.
 *
 * @param detector which detector scored the point (e.g. {@code numenta}, {@code randomCutForest})
 * @param series stable id of the scored time series; the unit of the hysteresis state machine
 * @param entity the thing the series describes (an instance id, a load balancer, a host)
 * @param metric the metric's name (e.g. {@code CPUUtilization})
 * @param timestamp when the scored point was observed at the source; within the range of epoch milliseconds
 * @param score anomaly score in [0, 1]; higher is more anomalous
 * @param value the metric's raw value at that point, if known
 * @param labels extra labels (account, region, service, ...) used for routing and correlation
 */
public record AnomalyScore(
        String detector,
        String series,
        String entity,
        String metric,
        Instant timestamp,
        double score,
        Double value,
        Map<String, String> labels) {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    public AnomalyScore {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(timestamp, "timestamp");
        if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(LATEST)) {
            // Alert ids, record timestamps and timers hold epoch milliseconds; beyond them the detect stage failed.
            throw new IllegalArgumentException(
                    "timestamp must be within the range of epoch milliseconds, was " + timestamp);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1], was " + score);
        }
        labels = Collections2.map(labels);
    }
}
