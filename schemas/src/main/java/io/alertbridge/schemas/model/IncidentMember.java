package io.alertbridge.schemas.model;

import java.time.Instant;
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
 */
public record IncidentMember(
        String fingerprint,
        String source,
        String title,
        AlertStatus status,
        Severity severity,
        String lastEventId,
        Instant lastChangeAt,
        boolean suppressed) {
    public IncidentMember {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
    }
}
