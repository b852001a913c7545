package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A normalized signal: value of {@code alertbridge.alerts}, keyed by {@link #fingerprint()}.
 *
 * <p>Labels identify and route (account, region code, service, resource, ...); annotations describe and render
 * (description, state reason, peak score, ...), following Alertmanager's split.
 *
 * @param eventId identity of this occurrence, for deduplication: SNS MessageId, EventBridge {@code id},
 *     CloudTrail {@code eventID}, or a content hash
 * @param fingerprint stable identity of the thing alerting: alarm ARN, pipeline, build project, detector + series
 * @param source where it came from: {@code cloudwatch}, {@code eventbridge}, {@code codepipeline},
 *     {@code codebuild}, {@code cloudtrail}, {@code health}, {@code anomaly}, ...
 * @param status firing, resolved or a one-shot info
 * @param severity how bad it is
 * @param title one line for humans
 * @param summary a few lines for humans, or null
 * @param occurredAt when it happened at the source (not when it arrived)
 * @param labels identifying labels used by routing, grouping and silences
 * @param annotations descriptive key/values used for rendering
 * @param links links to the source's console
 * @param suppressedBy id of the silence that suppressed this event, or null when it is not suppressed
 * @param metric for a CloudWatch alarm, what CloudWatch needs to fetch its series (the graph's data); null for
 *     every other source and when the alarm message did not describe its metric readably
 * @param scores for an anomaly's FIRING or RESOLVED, the series' recent scores and the thresholds that decided
 *     (what its graph shows); null otherwise, and in JSON written before it existed
 */
public record AlertEvent(
        String eventId,
        String fingerprint,
        String source,
        AlertStatus status,
        Severity severity,
        String title,
        String summary,
        Instant occurredAt,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<Link> links,
        String suppressedBy,
        AlarmMetric metric,
        AnomalySeries scores) {

    public AlertEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(occurredAt, "occurredAt");
        labels = Collections2.map(labels);
        annotations = Collections2.map(annotations);
        links = Collections2.list(links);
    }

    /** This event marked as suppressed by the given silence. */
    public AlertEvent suppressed(String silenceId) {
        return new AlertEvent(
                eventId,
                fingerprint,
                source,
                status,
                severity,
                title,
                summary,
                occurredAt,
                labels,
                annotations,
                links,
                silenceId,
                metric,
                scores);
    }

    /** True when a silence suppressed this event: it is recorded, never notified. */
    public boolean isSuppressed() {
        return suppressedBy != null;
    }
}
