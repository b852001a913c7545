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
 */
public record TimelineEntry(Instant at, Kind kind, String text, String actor) {
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
        NOTE
    }
}
