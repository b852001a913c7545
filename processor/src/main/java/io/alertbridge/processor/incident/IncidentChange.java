package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.TimelineEntry;

import java.util.List;
import java.util.Objects;

/**
 * One change of an incident, as the lifecycle hands it to the throttle and the outbox, keyed by group key.
 *
 * @param incident the incident after the change
 * @param cause what changed it
 * @param added the timeline entries the change added
 * @param notifies whether the incident's message should show it (false for silenced events, and for escalations,
 *     whose reply is the news)
 * @param urgent whether a person caused it (the message should change at once)
 * @param escalationLevel for {@link Cause#ESCALATED}: the level reached (1 reminder, 2 mention); otherwise 0
 * @param mention for a level-2 escalation: who to mention, or null
 * @param reason why, for logs and tests
 */
public record IncidentChange(
        Incident incident,
        Cause cause,
        List<TimelineEntry> added,
        boolean notifies,
        boolean urgent,
        int escalationLevel,
        String mention,
        String reason) {

    public IncidentChange {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(cause, "cause");
        added = added == null ? List.of() : List.copyOf(added);
    }

    /** A change from a lifecycle transition. */
    static IncidentChange of(Transition transition, Cause cause) {
        return new IncidentChange(
                transition.incident(),
                cause,
                transition.added(),
                transition.notifies(),
                transition.urgent(),
                0,
                null,
                transition.reason());
    }

    /** True when the change alters the incident's state (everything but {@link Cause#CLOSED}). */
    public boolean altersIncident() {
        return cause != Cause.CLOSED;
    }

    /** What changed an incident. */
    public enum Cause {
        /** A new incident. */
        OPENED,
        /** An alert joined it. */
        ALERT,
        /** A person acted on it. */
        ACTION,
        /** Nobody acknowledged it in time. */
        ESCALATED,
        /** Nothing fired and it stayed quiet for the window: resolved. */
        EXPIRED,
        /** A silence ended while members it had silenced still fire: they are audible now. */
        SILENCE_ENDED,
        /** Its snooze ended. */
        SNOOZE_ENDED,
        /**
         * The lifecycle forgot it: resolved and quiet for the window, or replaced by the group's next incident. It will
         * not change again; downstream state about it can go once its last messages are out.
         */
        CLOSED
    }
}
