package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable working copy of an {@link Incident}, used inside one decision and turned back into a record by
 * {@link #build()}. {@link #build()} also keeps the incident bounded: the timeline keeps its first entry and the
 * latest ones (with a note counting what was left out), and the members list drops the oldest members that no longer
 * fire before it grows past its limit; firing members are never dropped, since they decide when the incident
 * resolves; only the {@link MemberDetails#MAX_DETAILED_MEMBERS} worst members ({@link IncidentMember#WORST_FIRST})
 * keep their details (description, annotations, links), and only the {@link MemberDetails#MAX_MEMBERS_WITH_SCORES}
 * worst of those with scores keep them, so the incident's value stays small however many members it has. Not
 * thread-safe; never shared.
 */
public final class IncidentDraft {

    /** Entries kept on a timeline; the oldest (after the first) give way, counted in a note. */
    public static final int MAX_TIMELINE = 200;

    /** Members kept on an incident before resolved and one-shot members give way. */
    public static final int MAX_MEMBERS = 500;

    static final String TRIM_ACTOR = "alertbridge";
    static final String TRIM_PREFIX = "Earlier timeline entries not kept here: ";

    /** What a decision never changes (ids, route, channel, labels, first seen, Slack references) passes through. */
    private final Incident.Builder unchanged;

    /** The severity the incident had or opened with; members can only make it worse. */
    private final Severity severity;

    long version;
    IncidentState state;
    Instant snoozedUntil;
    String acknowledgedBy;
    Instant acknowledgedAt;
    String resolvedBy;
    Instant resolvedAt;
    final Map<String, IncidentMember> members = new LinkedHashMap<>();
    Instant lastSeen;
    int alertCount;
    int escalationLevel;
    final List<TimelineEntry> timeline = new ArrayList<>();

    private IncidentDraft(Incident.Builder unchanged, Severity severity) {
        this.unchanged = unchanged;
        this.severity = severity;
    }

    /** A working copy of an incident. */
    public static IncidentDraft of(Incident incident) {
        IncidentDraft d = new IncidentDraft(incident.toBuilder(), incident.severity());
        d.version = incident.version();
        d.state = incident.state();
        d.snoozedUntil = incident.snoozedUntil();
        d.acknowledgedBy = incident.acknowledgedBy();
        d.acknowledgedAt = incident.acknowledgedAt();
        d.resolvedBy = incident.resolvedBy();
        d.resolvedAt = incident.resolvedAt();
        incident.members().forEach(m -> d.members.put(m.fingerprint(), m));
        d.lastSeen = incident.lastSeen();
        d.alertCount = incident.alertCount();
        d.escalationLevel = incident.escalationLevel();
        d.timeline.addAll(incident.timeline());
        return d;
    }

    /** A fresh draft for a new incident; the caller sets members and the timeline. */
    static IncidentDraft open(String groupKey, String incidentId, long version, RoutedAlert alert, Instant at) {
        Incident.Builder unchanged = Incident.builder()
                .groupKey(groupKey)
                .incidentId(incidentId)
                .title(alert.event().title())
                .routeId(alert.routeId())
                .channel(alert.channel())
                .groupLabels(alert.groupLabels())
                .firstSeen(at);
        IncidentDraft d = new IncidentDraft(unchanged, alert.event().severity());
        d.version = version;
        d.state = IncidentState.OPEN;
        d.lastSeen = at;
        return d;
    }

    /** Adds a timeline entry. */
    IncidentDraft log(TimelineEntry entry) {
        timeline.add(entry);
        return this;
    }

    /** The incident's record, bounded as described above. */
    public Incident build() {
        trimMembers();
        trimDetails();
        trimScores();
        return unchanged
                .version(version)
                .state(state)
                .snoozedUntil(snoozedUntil)
                .acknowledgedBy(acknowledgedBy)
                .acknowledgedAt(acknowledgedAt)
                .resolvedBy(resolvedBy)
                .resolvedAt(resolvedAt)
                .severity(worstSeverity())
                .members(List.copyOf(members.values()))
                .lastSeen(lastSeen)
                .alertCount(alertCount)
                .escalationLevel(escalationLevel)
                .timeline(trimmedTimeline())
                .build();
    }

    /** Members whose latest status is FIRING. */
    long firing() {
        return members.values().stream()
                .filter(m -> m.status() == AlertStatus.FIRING)
                .count();
    }

    private Severity worstSeverity() {
        Severity worst = null;
        for (IncidentMember member : members.values()) {
            worst = Severity.worst(worst, member.severity());
        }
        return worst != null ? Severity.worst(worst, severity) : severity;
    }

    private void trimMembers() {
        if (members.size() <= MAX_MEMBERS) {
            return;
        }
        List<IncidentMember> evictable = members.values().stream()
                .filter(m -> m.status() != AlertStatus.FIRING)
                .sorted(Comparator.comparing(
                        IncidentMember::lastChangeAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        int excess = members.size() - MAX_MEMBERS;
        for (int i = 0; i < excess && i < evictable.size(); i++) {
            members.remove(evictable.get(i).fingerprint());
        }
    }

    private void trimScores() {
        members.values().stream()
                .filter(m -> m.scores() != null)
                .sorted(IncidentMember.WORST_FIRST)
                .skip(MemberDetails.MAX_MEMBERS_WITH_SCORES)
                .toList()
                .forEach(m -> members.put(m.fingerprint(), m.withoutScores()));
    }

    private void trimDetails() {
        if (members.size() <= MemberDetails.MAX_DETAILED_MEMBERS) {
            return;
        }
        members.values().stream()
                .sorted(IncidentMember.WORST_FIRST)
                .skip(MemberDetails.MAX_DETAILED_MEMBERS)
                .filter(IncidentMember::hasDetails)
                .toList()
                .forEach(m -> members.put(m.fingerprint(), m.withoutDetails()));
    }

    private List<TimelineEntry> trimmedTimeline() {
        if (timeline.size() <= MAX_TIMELINE) {
            return List.copyOf(timeline);
        }
        int omittedBefore = 0;
        int keepFrom = 1;
        if (timeline.size() > 1 && isTrimNote(timeline.get(1))) {
            omittedBefore = Integer.parseInt(timeline.get(1).text().substring(TRIM_PREFIX.length()));
            keepFrom = 2;
        }
        int tail = MAX_TIMELINE - 2;
        int dropped = timeline.size() - keepFrom - tail;
        List<TimelineEntry> kept = new ArrayList<>(MAX_TIMELINE);
        kept.add(timeline.get(0));
        TimelineEntry firstKept = timeline.get(keepFrom + dropped);
        kept.add(new TimelineEntry(
                firstKept.at(), TimelineEntry.Kind.NOTE, TRIM_PREFIX + (omittedBefore + dropped), TRIM_ACTOR));
        kept.addAll(timeline.subList(keepFrom + dropped, timeline.size()));
        return List.copyOf(kept);
    }

    private static boolean isTrimNote(TimelineEntry entry) {
        return entry.kind() == TimelineEntry.Kind.NOTE
                && TRIM_ACTOR.equals(entry.actor())
                && entry.text().startsWith(TRIM_PREFIX);
    }
}
