package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A detector's own verdict on a series, for detectors that decide themselves (a Lambda publishing to SNS) rather
 * than stream scores: {@code anomalous} true fires the alert of the series, false resolves it. Read from AWS
 * messages; detectors in any language write it as JSON following {@code AnomalyDecision.schema.json}.
 *
 * @param detector which detector decided
 * @param series stable id of the series, or null: then nothing can resolve it and it is a one-shot alert
 * @param anomalous true when the series is anomalous, false when it is back to normal; required
 * @param score the score or confidence behind the verdict, in [0, 1], if given
 * @param timestamp when the decided point was observed, or null (the delivery's time is used)
 * @param entity the thing the series describes, if known
 * @param metric the metric's name, if known
 * @param severity the alert's severity, or null ({@link Severity#WARNING})
 * @param summary a human explanation, or null
 * @param labels extra labels (account, region, service, ...) used for routing and correlation
 */
public record AnomalyDecision(
        String detector,
        String series,
        Boolean anomalous,
        Double score,
        Instant timestamp,
        String entity,
        String metric,
        Severity severity,
        String summary,
        Map<String, String> labels) {

    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    public AnomalyDecision {
        Objects.requireNonNull(detector, "detector");
        // Boxed and required: a verdict missing from the JSON must not read as "not anomalous" and resolve.
        Objects.requireNonNull(anomalous, "anomalous");
        if (detector.isEmpty()) {
            throw new IllegalArgumentException("detector must not be empty");
        }
        if (series != null && series.isEmpty()) {
            throw new IllegalArgumentException("series must not be empty when given");
        }
        if (score != null && !(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1], was " + score);
        }
        if (timestamp != null && (timestamp.isBefore(EARLIEST) || timestamp.isAfter(LATEST))) {
            throw new IllegalArgumentException(
                    "timestamp must be within the range of epoch milliseconds, was " + timestamp);
        }
        labels = Collections2.map(labels);
    }
}
