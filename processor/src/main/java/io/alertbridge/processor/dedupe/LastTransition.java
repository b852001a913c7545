package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertStatus;

import java.time.Instant;

/**
 * What the dedupe stage knows of a fingerprint (the value of its fingerprint store): the latest FIRING or RESOLVED
 * that passed, and the time of the newest FIRING or RESOLVED seen, passed or not.
 *
 * <p>The two differ when the newest event was dropped because it repeated the passed status, or because it was a
 * RESOLVED for a fingerprint that never fired here. Keeping its time anyway is what lets a later-arriving but older
 * event of the other status be recognised as late: SQS does not keep order, and an alarm's ALARM and OK travel on
 * different raw partitions.
 *
 * @param status the latest status that passed, or null when none has (only dropped RESOLVEDs were seen)
 * @param occurredAt when that status's event happened at the source, or null with {@code status}
 * @param eventId the event that set {@code status}, or null with it
 * @param newestSeenAt when the newest FIRING or RESOLVED seen happened at the source; null in state written before
 *     this field existed, where {@link #newest()} falls back to {@code occurredAt}
 */
public record LastTransition(AlertStatus status, Instant occurredAt, String eventId, Instant newestSeenAt) {

    /** A transition that passed and is also the newest seen. */
    public LastTransition(AlertStatus status, Instant occurredAt, String eventId) {
        this(status, occurredAt, eventId, occurredAt);
    }

    /** Only a dropped event was seen, at {@code at}: nothing passed yet. */
    static LastTransition seenOnly(Instant at) {
        return new LastTransition(null, null, null, at);
    }

    /** When the newest FIRING or RESOLVED seen for the fingerprint happened. */
    public Instant newest() {
        return newestSeenAt != null ? newestSeenAt : occurredAt;
    }

    /** The same passed status, with a newer event seen at {@code at}. */
    LastTransition seen(Instant at) {
        return new LastTransition(status, occurredAt, eventId, at);
    }
}
