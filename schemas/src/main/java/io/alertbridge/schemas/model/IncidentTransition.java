package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One transition of an incident, as kept on the delete-retention history topic {@code alertbridge.incident.history}
 * (key: the incident's group key), which reports read. Small on purpose: it names the incident and what it needs to
 * be grouped and filtered by, never the whole incident.
 *
 * @param incidentId the incident, e.g. {@code INC-7F3A}
 * @param groupKey the incident's group key
 * @param routeId the route that placed it, or null
 * @param channel the route's Slack channel
 * @param severity the incident's severity after the transition
 * @param service the incident's {@code service} group label, or null when it has none
 * @param kind what happened
 * @param at when it happened (the alert's time at its source, the person's action time, or the processor's decision
 *     time for escalations and expiry)
 * @param openedAt when the incident opened (its first member fired), so a transition alone gives its delay
 * @param actor who did it (a Slack user id) for people's transitions; null for the system (an automatic resolve)
 * @param fingerprint for {@link Kind#OPENED}, {@link Kind#REOPENED}, {@link Kind#ALERT_FIRING} and
 *     {@link Kind#ALERT_RESOLVED}: the alert concerned, when known; otherwise null
 * @param title for the same kinds: that alert's title; otherwise null
 */
public record IncidentTransition(
        String incidentId,
        String groupKey,
        String routeId,
        String channel,
        Severity severity,
        String service,
        Kind kind,
        Instant at,
        Instant openedAt,
        String actor,
        String fingerprint,
        String title) {

    public IncidentTransition {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    /** True for a resolve no person asked for (every member resolved, or the incident expired). */
    public boolean automatic() {
        return actor == null;
    }

    /** The kinds of transitions. */
    public enum Kind {
        /** A new incident; its alert is the fingerprint. */
        OPENED,
        /** Someone acknowledged it (also when the acknowledgement came after it had resolved). */
        ACKNOWLEDGED,
        /** Someone took their acknowledgement back. */
        UNACKNOWLEDGED,
        /** It resolved: by a person when there is an actor, by itself otherwise. */
        RESOLVED,
        /** A member fired again after it had resolved. */
        REOPENED,
        /** Nobody acknowledged it in time: a reminder or a mention. */
        ESCALATED,
        /** Someone snoozed it. */
        SNOOZED,
        /** Someone silenced it. */
        SILENCED,
        /** One of its alerts changed to firing (flapping and noise are counted from these). */
        ALERT_FIRING,
        /** One of its alerts resolved. */
        ALERT_RESOLVED,
        /**
         * It cleared by itself while its first post was held (the transient-alert hold): recorded, never posted, so
         * it paged nobody.
         */
        CLEARED_WHILE_HELD
    }
}
