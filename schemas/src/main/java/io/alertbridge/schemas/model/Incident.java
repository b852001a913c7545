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

    /** An empty builder: set at least what the record requires, see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this incident's fields, for a copy that differs in the fields set on it. */
    public Builder toBuilder() {
        return new Builder()
                .groupKey(groupKey)
                .incidentId(incidentId)
                .version(version)
                .state(state)
                .snoozedUntil(snoozedUntil)
                .acknowledgedBy(acknowledgedBy)
                .acknowledgedAt(acknowledgedAt)
                .resolvedBy(resolvedBy)
                .resolvedAt(resolvedAt)
                .severity(severity)
                .title(title)
                .routeId(routeId)
                .channel(channel)
                .groupLabels(groupLabels)
                .members(members)
                .firstSeen(firstSeen)
                .lastSeen(lastSeen)
                .alertCount(alertCount)
                .escalationLevel(escalationLevel)
                .timeline(timeline)
                .slackMessage(slackMessage)
                .incidentChannelId(incidentChannelId);
    }

    /**
     * Builds an {@link Incident}, so each place states only the fields it cares about. Unset fields are null, zero or
     * empty; {@link #build()} applies the record's checks (group key, incident id, state, severity, title, channel,
     * first and last seen are required). Not thread-safe; a builder is used by one caller and may build many copies.
     */
    public static final class Builder {
        private String groupKey;
        private String incidentId;
        private long version;
        private IncidentState state;
        private Instant snoozedUntil;
        private String acknowledgedBy;
        private Instant acknowledgedAt;
        private String resolvedBy;
        private Instant resolvedAt;
        private Severity severity;
        private String title;
        private String routeId;
        private String channel;
        private Map<String, String> groupLabels;
        private List<IncidentMember> members;
        private Instant firstSeen;
        private Instant lastSeen;
        private int alertCount;
        private int escalationLevel;
        private List<TimelineEntry> timeline;
        private SlackMessageRef slackMessage;
        private String incidentChannelId;

        private Builder() {}

        public Builder groupKey(String groupKey) {
            this.groupKey = groupKey;
            return this;
        }

        public Builder incidentId(String incidentId) {
            this.incidentId = incidentId;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder state(IncidentState state) {
            this.state = state;
            return this;
        }

        public Builder snoozedUntil(Instant snoozedUntil) {
            this.snoozedUntil = snoozedUntil;
            return this;
        }

        public Builder acknowledgedBy(String acknowledgedBy) {
            this.acknowledgedBy = acknowledgedBy;
            return this;
        }

        public Builder acknowledgedAt(Instant acknowledgedAt) {
            this.acknowledgedAt = acknowledgedAt;
            return this;
        }

        public Builder resolvedBy(String resolvedBy) {
            this.resolvedBy = resolvedBy;
            return this;
        }

        public Builder resolvedAt(Instant resolvedAt) {
            this.resolvedAt = resolvedAt;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder routeId(String routeId) {
            this.routeId = routeId;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder groupLabels(Map<String, String> groupLabels) {
            this.groupLabels = groupLabels;
            return this;
        }

        public Builder members(List<IncidentMember> members) {
            this.members = members;
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        public Builder lastSeen(Instant lastSeen) {
            this.lastSeen = lastSeen;
            return this;
        }

        public Builder alertCount(int alertCount) {
            this.alertCount = alertCount;
            return this;
        }

        public Builder escalationLevel(int escalationLevel) {
            this.escalationLevel = escalationLevel;
            return this;
        }

        public Builder timeline(List<TimelineEntry> timeline) {
            this.timeline = timeline;
            return this;
        }

        public Builder slackMessage(SlackMessageRef slackMessage) {
            this.slackMessage = slackMessage;
            return this;
        }

        public Builder incidentChannelId(String incidentChannelId) {
            this.incidentChannelId = incidentChannelId;
            return this;
        }

        /** The incident, checked and with immutable copies of its collections. */
        public Incident build() {
            return new Incident(
                    groupKey,
                    incidentId,
                    version,
                    state,
                    snoozedUntil,
                    acknowledgedBy,
                    acknowledgedAt,
                    resolvedBy,
                    resolvedAt,
                    severity,
                    title,
                    routeId,
                    channel,
                    groupLabels,
                    members,
                    firstSeen,
                    lastSeen,
                    alertCount,
                    escalationLevel,
                    timeline,
                    slackMessage,
                    incidentChannelId);
        }
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
