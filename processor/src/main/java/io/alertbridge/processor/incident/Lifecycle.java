package io.alertbridge.processor.incident;

import io.alertbridge.processor.inhibit.Inhibition;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;
import io.alertbridge.schemas.model.UserAction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The incident state machine: OPEN → ACKNOWLEDGED → RESOLVED, merging alert status and people's actions.
 *
 * <ul>
 *   <li><b>Alerts.</b> A member's status follows its latest event; a duplicate (same event id) or late event (older
 *       than the member's last change) changes nothing. The incident resolves by itself once no member fires. A
 *       firing event on a resolved incident reopens it: to ACKNOWLEDGED when someone had acknowledged it and it
 *       resolved by itself (they still own it: a flapping alarm must not page its owner every minute), else to OPEN;
 *       after a person resolved it by hand, to OPEN with the acknowledgement cleared (they believed it was over; it
 *       is not). Reopening to OPEN restarts escalation: the level goes back to 0 ({@link Escalations}).
 *   <li><b>People.</b> Acknowledge, unacknowledge, resolve, snooze and silence. An action never un-resolves: an
 *       acknowledgement that reaches a resolved incident (it raced with the automatic resolve) is recorded as its
 *       owner, and the incident stays RESOLVED, so the outcome does not depend on which of the two came first. An
 *       action aimed at an earlier incident of the group (by its id) changes nothing.
 *   <li><b>Time.</b> Alerts carry their source's {@code occurredAt}; actions their {@code at}; escalation and
 *       expiry the wall-clock instant they are decided at.
 * </ul>
 *
 * <p>Every change increases the version by one and adds at least one timeline entry. Thread-safe (stateless).
 */
public final class Lifecycle {

    /** How long a SILENCE without an end time lasts. */
    public static final Duration DEFAULT_SILENCE = Duration.ofHours(24);

    private Lifecycle() {}

    /**
     * A new incident opened by an alert.
     *
     * @param incidentId its id
     * @param version its version: one more than the group's previous incident's, so versions never go back on the
     *     compacted incidents topic
     * @param alert the alert that opens it
     */
    public static Transition open(String incidentId, long version, RoutedAlert alert) {
        AlertEvent event = alert.event();
        IncidentDraft d = IncidentDraft.open(alert.groupKey(), incidentId, version, alert, event.occurredAt());
        d.members.put(event.fingerprint(), member(event));
        d.alertCount = 1;
        List<TimelineEntry> added = new ArrayList<>();
        added.add(new TimelineEntry(event.occurredAt(), Kind.OPENED, "Opened: " + event.title(), null));
        if (event.isSuppressed()) {
            added.add(alertEntry(event));
        }
        added.forEach(d::log);
        return new Transition(
                d.build(),
                true,
                added,
                !event.isSuppressed(),
                false,
                true,
                "opened by " + event.fingerprint()
                        + (event.isSuppressed() ? " (" + Inhibition.describe(event.suppressedBy()) + ")" : ""));
    }

    /** Applies an alert that joined the incident (see {@link Correlation#decide}). */
    public static Transition apply(Incident incident, RoutedAlert alert) {
        AlertEvent event = alert.event();
        IncidentMember member = incident.members().stream()
                .filter(m -> m.fingerprint().equals(event.fingerprint()))
                .findFirst()
                .orElse(null);
        String ignored = whyIgnored(incident, member, event);
        if (ignored != null) {
            return Transition.unchanged(incident, ignored);
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.alertCount++;
        if (event.occurredAt().isAfter(d.lastSeen)) {
            d.lastSeen = event.occurredAt();
        }
        d.members.put(event.fingerprint(), member(event));
        List<TimelineEntry> added = new ArrayList<>();
        boolean statusChanged =
                member == null || member.status() != event.status() || event.status() == AlertStatus.INFO;
        if (statusChanged) {
            added.add(alertEntry(event));
        } else if (member.suppressed() && !event.isSuppressed() && event.status() == AlertStatus.FIRING) {
            // An inhibited member released because its inhibiting source resolved: it becomes audible.
            String releasedBy = event.annotations().get("inhibitionReleasedBy");
            added.add(new TimelineEntry(
                    event.occurredAt(),
                    Kind.ALERT_FIRING,
                    event.title() + ": still firing" + (releasedBy == null ? "" : " after " + releasedBy),
                    null));
        }
        boolean restart = false;
        String reason = event.fingerprint() + " is " + event.status();
        if (event.status() == AlertStatus.FIRING && d.state == IncidentState.RESOLVED) {
            restart = reopen(d, event, added);
            reason = "reopened by " + event.fingerprint() + ", now " + d.state;
        } else if (event.status() == AlertStatus.RESOLVED && d.state != IncidentState.RESOLVED && d.firing() == 0) {
            d.state = IncidentState.RESOLVED;
            d.resolvedAt = event.occurredAt();
            d.resolvedBy = null;
            d.snoozedUntil = null;
            added.add(new TimelineEntry(
                    event.occurredAt(), Kind.RESOLVED, "Resolved: all " + d.members.size() + " alerts resolved", null));
            reason = "resolved: the last firing member " + event.fingerprint() + " resolved";
        }
        added.forEach(d::log);
        return new Transition(d.build(), true, added, !event.isSuppressed(), false, restart, reason);
    }

    /** Applies a person's action. The caller has already dropped actions it applied before (by action id). */
    public static Transition apply(Incident incident, UserAction action) {
        if (action.incidentId() != null && !action.incidentId().equals(incident.incidentId())) {
            return Transition.unchanged(
                    incident,
                    action.type() + " by " + action.userId() + " targets " + action.incidentId()
                            + "; the group's incident is now " + incident.incidentId());
        }
        return switch (action.type()) {
            case ACKNOWLEDGE -> acknowledge(incident, action);
            case UNACKNOWLEDGE -> unacknowledge(incident, action);
            case RESOLVE -> resolve(incident, action);
            case SNOOZE -> snooze(incident, action, action.snoozeUntil(), Kind.SNOOZED, "Snoozed");
            case SILENCE ->
                snooze(
                        incident,
                        action,
                        action.snoozeUntil() != null
                                ? action.snoozeUntil()
                                : action.at().plus(DEFAULT_SILENCE),
                        Kind.SUPPRESSED,
                        "Silenced");
            case INVITE, REMOVE -> membership(incident, action);
        };
    }

    /**
     * Records that a person asked to invite someone to (or remove someone from) the incident's channel; the throttle
     * turns the entry into the channel command. The state stays as it is, resolved incidents included: the channel
     * lives on until it is archived.
     */
    private static Transition membership(Incident incident, UserAction action) {
        boolean invite = action.type() == UserAction.ActionType.INVITE;
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        // The sink escapes timeline text, so the subject is named by id, not as a mention.
        String text = name(action) + (invite ? " invited " : " removed ") + action.subject()
                + (invite ? " to" : " from") + " the incident channel"
                + (action.reason() == null ? "" : ": " + action.reason());
        TimelineEntry entry = new TimelineEntry(
                action.at(),
                invite ? Kind.MEMBER_INVITED : Kind.MEMBER_REMOVED,
                text,
                action.userId(),
                action.subject());
        d.log(entry);
        return new Transition(
                d.build(),
                true,
                List.of(entry),
                true,
                true,
                false,
                (invite ? "invite " : "remove ") + action.subject());
    }

    /**
     * Escalates an open incident to a level (see {@link Escalations#decide}).
     *
     * @param level 1 for a reminder, 2 for a mention
     * @param unacknowledgedFor how long it has been open without acknowledgement, for the timeline
     * @param mention who is mentioned, or null
     * @param at the wall-clock instant of the decision
     */
    public static Transition escalate(
            Incident incident, int level, Duration unacknowledgedFor, String mention, Instant at) {
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.escalationLevel = level;
        String text = "Not acknowledged for " + Durations.human(unacknowledgedFor)
                + (level >= 2 && mention != null ? ": mentioning " + mention : ": reminder");
        TimelineEntry entry = new TimelineEntry(at, Kind.ESCALATED, text, null);
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, false, false, "escalated to level " + level);
    }

    /**
     * Resolves an incident that has nothing firing and has been quiet for the window: an incident made only of
     * one-shot (INFO) events has nothing that could ever resolve it otherwise.
     */
    public static Transition expire(Incident incident, Duration window, Instant at) {
        if (incident.state() == IncidentState.RESOLVED) {
            return Transition.unchanged(incident, "already resolved");
        }
        if (incident.firingMemberCount() > 0) {
            return Transition.unchanged(incident, incident.firingMemberCount() + " members still firing");
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.state = IncidentState.RESOLVED;
        d.resolvedAt = at;
        d.resolvedBy = null;
        d.snoozedUntil = null;
        TimelineEntry entry = new TimelineEntry(
                at, Kind.RESOLVED, "Resolved: nothing firing and quiet for " + Durations.human(window), null);
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, false, false, "expired: nothing firing");
    }

    /** Why an alert changes nothing (a duplicate, a late event, a RESOLVED of a non-member), or null. */
    private static String whyIgnored(Incident incident, IncidentMember member, AlertEvent event) {
        if (member == null) {
            return event.status() == AlertStatus.RESOLVED
                    ? "RESOLVED for " + event.fingerprint() + ", which is not a member of " + incident.incidentId()
                    : null;
        }
        if (event.eventId().equals(member.lastEventId())) {
            return "duplicate event " + event.eventId();
        }
        if (member.lastChangeAt() != null && event.occurredAt().isBefore(member.lastChangeAt())) {
            return "late event " + event.eventId() + " (" + event.occurredAt() + ") is older than "
                    + event.fingerprint() + "'s last change at " + member.lastChangeAt();
        }
        return null;
    }

    /**
     * Makes members audible whose silence ended while they still fire: their source will not say ALARM again (and a
     * repeat would be deduplicated), so without this a silenced alarm that outlives its maintenance window would never
     * reach anyone.
     *
     * @param fingerprints the members whose silence ended
     * @param at the wall-clock instant the silence ended
     */
    public static Transition endSilence(Incident incident, Collection<String> fingerprints, Instant at) {
        IncidentDraft d = IncidentDraft.of(incident);
        List<TimelineEntry> added = new ArrayList<>();
        for (String fingerprint : fingerprints) {
            IncidentMember m = d.members.get(fingerprint);
            if (m != null && m.suppressed() && m.status() == AlertStatus.FIRING) {
                d.members.put(fingerprint, m.withSuppressed(false));
                added.add(new TimelineEntry(
                        at, Kind.ALERT_FIRING, m.title() + ": still firing after its silence ended", null));
            }
        }
        if (added.isEmpty()) {
            return Transition.unchanged(incident, "no silenced member still fires");
        }
        d.version++;
        added.forEach(d::log);
        return new Transition(d.build(), true, added, true, false, false, added.size() + " silenced members fire on");
    }

    /** Ends a snooze whose time has come, so the message stops saying it is snoozed. */
    public static Transition endSnooze(Incident incident, Instant at) {
        if (incident.snoozedUntil() == null || at.isBefore(incident.snoozedUntil())) {
            return Transition.unchanged(incident, "not snoozed at " + at);
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.snoozedUntil = null;
        TimelineEntry entry = new TimelineEntry(at, Kind.NOTE, "Snooze ended", null);
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, false, false, "snooze ended");
    }

    /** Reopens the draft; true when it reopened to OPEN, where escalation starts again from level 0. */
    private static boolean reopen(IncidentDraft d, AlertEvent event, List<TimelineEntry> added) {
        String owner = "";
        if (d.resolvedBy != null) {
            d.state = IncidentState.OPEN;
            d.acknowledgedBy = null;
            d.acknowledgedAt = null;
        } else if (d.acknowledgedBy != null) {
            d.state = IncidentState.ACKNOWLEDGED;
            owner = "; still acknowledged by " + d.acknowledgedBy;
        } else {
            d.state = IncidentState.OPEN;
        }
        boolean restart = d.state == IncidentState.OPEN;
        if (restart) {
            // A new opening: each level may be reached once more, its delays counted from now.
            d.escalationLevel = 0;
        }
        d.resolvedBy = null;
        d.resolvedAt = null;
        added.add(new TimelineEntry(
                event.occurredAt(), Kind.REOPENED, "Reopened: " + event.title() + " fired again" + owner, null));
        return restart;
    }

    private static Transition acknowledge(Incident incident, UserAction action) {
        String who = name(action);
        if (incident.state() == IncidentState.ACKNOWLEDGED && action.userId().equals(incident.acknowledgedBy())) {
            return Transition.unchanged(incident, "already acknowledged by " + action.userId());
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        TimelineEntry entry;
        String reason;
        if (incident.state() == IncidentState.RESOLVED) {
            if (action.userId().equals(incident.acknowledgedBy())) {
                return Transition.unchanged(incident, "already resolved and acknowledged by " + action.userId());
            }
            // The click raced with the automatic resolve: record the owner, never un-resolve.
            entry = new TimelineEntry(
                    action.at(), Kind.NOTE, who + " acknowledged it after it had resolved", action.userId());
            reason = "acknowledged after resolve: stays RESOLVED";
        } else {
            String previous = incident.acknowledgedBy();
            entry = new TimelineEntry(
                    action.at(),
                    Kind.ACKNOWLEDGED,
                    previous == null ? "Acknowledged by " + who : who + " took over from " + previous,
                    action.userId());
            d.state = IncidentState.ACKNOWLEDGED;
            reason = previous == null ? "acknowledged" : "acknowledgement taken over";
        }
        d.acknowledgedBy = action.userId();
        d.acknowledgedAt = action.at();
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, true, false, reason);
    }

    private static Transition unacknowledge(Incident incident, UserAction action) {
        if (incident.state() != IncidentState.ACKNOWLEDGED) {
            return Transition.unchanged(incident, "cannot unacknowledge an incident that is " + incident.state());
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.state = IncidentState.OPEN;
        d.acknowledgedBy = null;
        d.acknowledgedAt = null;
        d.escalationLevel = 0;
        TimelineEntry entry = new TimelineEntry(
                action.at(), Kind.UNACKNOWLEDGED, name(action) + " unacknowledged it", action.userId());
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, true, true, "unacknowledged: escalation restarts");
    }

    private static Transition resolve(Incident incident, UserAction action) {
        if (incident.state() == IncidentState.RESOLVED) {
            return Transition.unchanged(incident, "already resolved");
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.state = IncidentState.RESOLVED;
        d.resolvedBy = action.userId();
        d.resolvedAt = action.at();
        d.snoozedUntil = null;
        String why = action.reason() == null ? "" : ": " + action.reason();
        TimelineEntry entry =
                new TimelineEntry(action.at(), Kind.RESOLVED, "Resolved by " + name(action) + why, action.userId());
        d.log(entry);
        return new Transition(d.build(), true, List.of(entry), true, true, false, "resolved by hand");
    }

    private static Transition snooze(Incident incident, UserAction action, Instant until, Kind kind, String verb) {
        if (incident.state() == IncidentState.RESOLVED) {
            return Transition.unchanged(incident, "cannot snooze a resolved incident");
        }
        if (!until.isAfter(action.at())) {
            return Transition.unchanged(incident, "snooze end " + until + " is not after " + action.at());
        }
        IncidentDraft d = IncidentDraft.of(incident);
        d.version++;
        d.snoozedUntil = until;
        TimelineEntry entry =
                new TimelineEntry(action.at(), kind, verb + " by " + name(action) + " until " + until, action.userId());
        d.log(entry);
        return new Transition(
                d.build(),
                true,
                List.of(entry),
                true,
                true,
                false,
                verb.toLowerCase(java.util.Locale.ROOT) + " until " + until);
    }

    private static IncidentMember member(AlertEvent event) {
        return MemberDetails.member(event);
    }

    private static TimelineEntry alertEntry(AlertEvent event) {
        if (event.isSuppressed()) {
            return new TimelineEntry(
                    event.occurredAt(),
                    Kind.SUPPRESSED,
                    event.title() + ": " + event.status().name().toLowerCase(java.util.Locale.ROOT) + " ("
                            + Inhibition.describe(event.suppressedBy()) + ")",
                    null);
        }
        return switch (event.status()) {
            case FIRING -> new TimelineEntry(event.occurredAt(), Kind.ALERT_FIRING, event.title() + ": firing", null);
            case RESOLVED ->
                new TimelineEntry(event.occurredAt(), Kind.ALERT_RESOLVED, event.title() + ": resolved", null);
            case INFO -> new TimelineEntry(event.occurredAt(), Kind.ALERT_INFO, event.title(), null);
        };
    }

    private static String name(UserAction action) {
        return action.userName() != null && !action.userName().isBlank() ? action.userName() : action.userId();
    }
}
