package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's history; the Slack sink posts these as thread replies.
 *
 * @param at when it happened
 * @param kind what happened
 * @param text a human sentence (alert text inside it is not yet escaped: the renderer escapes)
 * @param actor who did it (a Slack user id, an operator) or null for the system
 * @param subject for {@link Kind#MEMBER_INVITED} and {@link Kind#MEMBER_REMOVED}: whom it concerned (a Slack user id
 *     or a responder's e-mail); for {@link Kind#HELD}: when the hold ends (ISO-8601); otherwise null
 */
public record TimelineEntry(Instant at, Kind kind, String text, String actor, String subject) {

    /** An entry that concerns nobody but its actor. */
    public TimelineEntry(Instant at, Kind kind, String text, String actor) {
        this(at, kind, text, actor, null);
    }

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The kinds of timeline entries. */
    public enum Kind {
        OPENED,
        ALERT_FIRING,
        ALERT_RESOLVED,
        ALERT_INFO,
        SUPPRESSED,
        ACKNOWLEDGED,
        UNACKNOWLEDGED,
        SNOOZED,
        RESOLVED,
        REOPENED,
        ESCALATED,
        NOTE,
        /** Someone was invited to the incident's channel. */
        MEMBER_INVITED,
        /** Someone was removed from the incident's channel. */
        MEMBER_REMOVED,
        /**
         * The incident's first post is held: its alert usually clears by itself (the text says why). {@code subject}
         * holds the hold's end as an ISO-8601 instant.
         */
        HELD,
        /** It cleared by itself while held: recorded, never posted. */
        HELD_CLEARED
    }
}
