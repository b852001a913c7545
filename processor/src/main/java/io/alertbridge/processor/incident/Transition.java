package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.TimelineEntry;

import java.util.List;

/**
 * The result of one lifecycle decision: the incident afterwards, what the timeline gained, and why.
 *
 * @param incident the incident after the decision (the same instance when nothing changed)
 * @param changed whether anything changed; when false, {@code added} is empty and the version is unchanged
 * @param added timeline entries this decision added, oldest first
 * @param notifies whether people should see this change (false for silenced events: recorded, never notified)
 * @param urgent whether it came from a person, who expects to see the message change at once
 * @param restartEscalation whether the incident's escalation starts again from level 0 (created, unacknowledged, or
 *     reopened to OPEN)
 * @param reason why, for logs and tests
 */
public record Transition(
        Incident incident,
        boolean changed,
        List<TimelineEntry> added,
        boolean notifies,
        boolean urgent,
        boolean restartEscalation,
        String reason) {

    public Transition {
        added = List.copyOf(added);
    }

    /** Nothing changed, for the given reason. */
    static Transition unchanged(Incident incident, String reason) {
        return new Transition(incident, false, List.of(), false, false, false, reason);
    }
}
