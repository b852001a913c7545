package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alerting thing inside an incident, with its latest status and the few details of its latest event that the
 * Slack message shows. The processor bounds those details (see {@code MemberDetails} there); JSON written before
 * they existed reads with them empty.
 *
 * @param fingerprint the member's fingerprint
 * @param source where it comes from
 * @param title its latest title
 * @param status its latest status
 * @param severity its latest severity
 * @param lastEventId the event that last changed it
 * @param lastChangeAt when it last changed, at the source
 * @param suppressed whether its latest event was silenced
 * @param annotations the latest event's descriptive key/values the Slack message shows (e.g. {@code description},
 *     {@code detector}, {@code peakScore}); empty when none were copied
 * @param links the latest event's links to its source's console; empty when none were copied
 * @param metric the latest event's alarm metric (a CloudWatch alarm's graph data), or null; JSON written before it
 *     existed reads with it null
 * @param scores for an anomaly, the series' recent scores and thresholds from its latest event (what its graph
 *     shows); null when the event had none or the processor did not keep them for this member
 */
public record IncidentMember(
        String fingerprint,
        String source,
        String title,
        AlertStatus status,
        Severity severity,
        String lastEventId,
        Instant lastChangeAt,
        boolean suppressed,
        Map<String, String> annotations,
        List<Link> links,
        AlarmMetric metric,
        AnomalySeries scores) {
    /**
     * Worst first: firing, then one-shot, then resolved members; within that by severity, worst first; then the most
     * recently changed first. The order the Slack message lists members in, and the order in which the processor
     * decides whose details to keep.
     */
    public static final Comparator<IncidentMember> WORST_FIRST = Comparator.comparingInt(
                    (IncidentMember m) -> statusRank(m.status()))
            .thenComparing(m -> m.severity() == null ? Severity.INFO : m.severity())
            .thenComparing(m -> m.lastChangeAt() == null ? Instant.EPOCH : m.lastChangeAt(), Comparator.reverseOrder());

    public IncidentMember {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        annotations = Collections2.map(annotations);
        links = Collections2.list(links);
    }

    /** A member without annotations, links, alarm metric or scores (the shape before they were added; kept for existing callers). */
    public IncidentMember(
            String fingerprint,
            String source,
            String title,
            AlertStatus status,
            Severity severity,
            String lastEventId,
            Instant lastChangeAt,
            boolean suppressed) {
        this(
                fingerprint,
                source,
                title,
                status,
                severity,
                lastEventId,
                lastChangeAt,
                suppressed,
                Map.of(),
                List.of(),
                null,
                null);
    }

    /** True when it carries annotations, links, an alarm metric or scores. */
    public boolean hasDetails() {
        return !annotations.isEmpty() || !links.isEmpty() || metric != null || scores != null;
    }

    /**
     * This member without annotations, links, alarm metric and scores (what an incident keeps for members it cannot
     * show: a member not shown gets no graph either).
     */
    public IncidentMember withoutDetails() {
        return hasDetails()
                ? new IncidentMember(
                        fingerprint, source, title, status, severity, lastEventId, lastChangeAt, suppressed)
                : this;
    }

    /** This member without scores, its other details kept (what an incident keeps for members it does not chart). */
    public IncidentMember withoutScores() {
        return scores == null
                ? this
                : new IncidentMember(
                        fingerprint,
                        source,
                        title,
                        status,
                        severity,
                        lastEventId,
                        lastChangeAt,
                        suppressed,
                        annotations,
                        links,
                        metric,
                        null);
    }

    /** This member with another silenced flag, its details kept. */
    public IncidentMember withSuppressed(boolean value) {
        return new IncidentMember(
                fingerprint,
                source,
                title,
                status,
                severity,
                lastEventId,
                lastChangeAt,
                value,
                annotations,
                links,
                metric,
                scores);
    }

    private static int statusRank(AlertStatus status) {
        return switch (status) {
            case FIRING -> 0;
            case INFO -> 1;
            case RESOLVED -> 2;
        };
    }
}
