package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole current state of an incident: value of the compacted {@code alertbridge.incidents}, keyed by
 * {@link #groupKey()}.
 *
 * @param groupKey route id plus the values of the route's {@code groupBy} labels; one open incident per key
 * @param incidentId human-friendly, unique id such as {@code INC-7F3A}
 * @param version increases by one on every change; lets consumers drop stale copies
 * @param state open, acknowledged or resolved
 * @param snoozedUntil hidden from escalation and reminders until then, or null
 * @param acknowledgedBy who acknowledged it (Slack user id), or null
 * @param acknowledgedAt when, or null
 * @param resolvedBy who resolved it by hand, or null when it resolved by itself or is not resolved
 * @param resolvedAt when it resolved, or null
 * @param severity the worst member's severity
 * @param title one line for humans
 * @param routeId the route that placed it
 * @param channel the route's Slack channel
 * @param groupLabels the {@code groupBy} label values shared by its members
 * @param members member alerts by fingerprint with their latest status
 * @param firstSeen when its first member fired
 * @param lastSeen when it last saw activity
 * @param alertCount how many events joined it (including suppressed ones)
 * @param escalationLevel 0 none, 1 reminded, 2 mentioned
 * @param timeline the history, oldest first
 * @param slackMessage where its Slack message lives, once known
 * @param incidentChannelId its own Slack channel, once created
 */
public record Incident(
        String groupKey,
        String incidentId,
        long version,
        IncidentState state,
        Instant snoozedUntil,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String resolvedBy,
        Instant resolvedAt,
        Severity severity,
        String title,
        String routeId,
        String channel,
        Map<String, String> groupLabels,
        List<IncidentMember> members,
        Instant firstSeen,
        Instant lastSeen,
        int alertCount,
        int escalationLevel,
        List<TimelineEntry> timeline,
        SlackMessageRef slackMessage,
        String incidentChannelId) {

    public Incident {
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        groupLabels = Collections2.map(groupLabels);
        members = Collections2.list(members);
        timeline = Collections2.list(timeline);
    }

    /** True when the incident is snoozed at the given instant. */
    public boolean isSnoozedAt(Instant at) {
        return snoozedUntil != null && at.isBefore(snoozedUntil);
    }

    /** Members whose latest status is FIRING. */
    public long firingMemberCount() {
        return members.stream().filter(m -> m.status() == AlertStatus.FIRING).count();
    }
}
