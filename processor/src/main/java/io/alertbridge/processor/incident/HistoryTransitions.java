package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.TimelineEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one {@link IncidentChange} into the small {@link IncidentTransition} records of the incident history topic,
 * one per timeline entry that reports count. Pure and thread-safe.
 *
 * <p>What each timeline entry becomes: OPENED, ACKNOWLEDGED, UNACKNOWLEDGED, RESOLVED (with its actor: none means it
 * resolved by itself), REOPENED, ESCALATED, SNOOZED, SUPPRESSED by a person (a silence: SILENCED), ALERT_FIRING and
 * ALERT_RESOLVED. An acknowledgement that reached an incident already resolved is a NOTE in the timeline (the incident
 * stays resolved); it becomes an ACKNOWLEDGED transition here, and reports see that it came after the resolve. Other
 * notes, silenced alert events, channel membership and {@link IncidentChange.Cause#CLOSED} produce nothing.
 */
public final class HistoryTransitions {

    /** The group label that names an incident's service, as {@code /alerts list service=} reads it. */
    public static final String SERVICE_LABEL = "service";

    private HistoryTransitions() {}

    /** The history records of one change, in timeline order; empty when it holds nothing reports count. */
    public static List<IncidentTransition> of(IncidentChange change) {
        if (!change.altersIncident()) {
            return List.of();
        }
        Incident incident = change.incident();
        List<IncidentTransition> out = new ArrayList<>(change.added().size());
        for (TimelineEntry entry : change.added()) {
            Kind kind = kindOf(incident, entry);
            if (kind == null) {
                continue;
            }
            IncidentMember alert = alertOf(incident, entry, kind);
            out.add(new IncidentTransition(
                    incident.incidentId(),
                    incident.groupKey(),
                    incident.routeId(),
                    incident.channel(),
                    incident.severity(),
                    incident.groupLabels().get(SERVICE_LABEL),
                    kind,
                    entry.at(),
                    incident.firstSeen(),
                    kind == Kind.RESOLVED || isPersonal(kind) ? entry.actor() : null,
                    alert == null ? null : alert.fingerprint(),
                    alert == null ? null : alert.title()));
        }
        return out;
    }

    private static boolean isPersonal(Kind kind) {
        return kind == Kind.ACKNOWLEDGED
                || kind == Kind.UNACKNOWLEDGED
                || kind == Kind.SNOOZED
                || kind == Kind.SILENCED;
    }

    /** The transition a timeline entry stands for, or null when reports do not count it. */
    static Kind kindOf(Incident incident, TimelineEntry entry) {
        return switch (entry.kind()) {
            case OPENED -> Kind.OPENED;
            case ACKNOWLEDGED -> Kind.ACKNOWLEDGED;
            case UNACKNOWLEDGED -> Kind.UNACKNOWLEDGED;
            case RESOLVED -> Kind.RESOLVED;
            case REOPENED -> Kind.REOPENED;
            case ESCALATED -> Kind.ESCALATED;
            case SNOOZED -> Kind.SNOOZED;
            // A person's silence has an actor; a silenced alert event (no actor) is not a transition of the incident.
            case SUPPRESSED -> entry.actor() == null ? null : Kind.SILENCED;
            case ALERT_FIRING -> Kind.ALERT_FIRING;
            case ALERT_RESOLVED -> Kind.ALERT_RESOLVED;
            case NOTE -> isLateAcknowledgement(incident, entry) ? Kind.ACKNOWLEDGED : null;
            // Reports count what held incidents spared people; the hold itself is a fact of notification only.
            case HELD_CLEARED -> Kind.CLEARED_WHILE_HELD;
            case ALERT_INFO, MEMBER_INVITED, MEMBER_REMOVED, HELD -> null;
        };
    }

    /** The lifecycle notes an acknowledgement of a resolved incident, and records its owner and time. */
    private static boolean isLateAcknowledgement(Incident incident, TimelineEntry entry) {
        return entry.actor() != null
                && incident.state() == IncidentState.RESOLVED
                && entry.actor().equals(incident.acknowledgedBy())
                && entry.at().equals(incident.acknowledgedAt());
    }

    /**
     * The alert an entry concerns: for OPENED the incident's first member; for alert entries and REOPENED the member
     * that changed at the entry's time and whose title starts the entry's text (the timeline names alerts by title).
     */
    private static IncidentMember alertOf(Incident incident, TimelineEntry entry, Kind kind) {
        if (kind != Kind.OPENED && kind != Kind.REOPENED && kind != Kind.ALERT_FIRING && kind != Kind.ALERT_RESOLVED) {
            return null;
        }
        IncidentMember fallback = null;
        for (IncidentMember member : incident.members()) {
            if (!entry.at().equals(member.lastChangeAt())) {
                continue;
            }
            String title = member.title() == null ? "" : member.title();
            if (entry.text().startsWith(title + ":")
                    || entry.text().contains(": " + title + " fired again")
                    || entry.text().equals("Opened: " + title)) {
                return member;
            }
            if (fallback == null) {
                fallback = member;
            }
        }
        if (fallback == null && kind == Kind.OPENED && incident.members().size() == 1) {
            return incident.members().get(0);
        }
        return fallback;
    }
}
