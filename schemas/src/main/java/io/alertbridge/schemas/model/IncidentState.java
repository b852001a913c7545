package io.alertbridge.schemas.model;

/** Where an incident is in its life. Snoozing is orthogonal: see {@link Incident#snoozedUntil()}. */
public enum IncidentState {
    /** Something is firing and nobody has said they are on it. */
    OPEN,
    /** Someone is on it. */
    ACKNOWLEDGED,
    /** Every member resolved, or a person resolved it. */
    RESOLVED
}
