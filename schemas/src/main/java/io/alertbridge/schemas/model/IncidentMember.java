package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alerting thing inside an incident, with its latest status.
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
        List<Link> links) {
    public IncidentMember {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        annotations = Collections2.map(annotations);
        links = Collections2.list(links);
    }

    /** A member without annotations or links (the shape before they were added; kept for existing callers). */
    public IncidentMember(
            String fingerprint,
            String source,
            String title,
            AlertStatus status,
            Severity severity,
            String lastEventId,
            Instant lastChangeAt,
            boolean suppressed) {
        this(fingerprint, source, title, status, severity, lastEventId, lastChangeAt, suppressed, Map.of(), List.of());
    }
}
