package io.alertbridge.connectors.slack;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Incidents and notification commands for tests, shaped like the processor's. */
public final class Incidents {

    public static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    public static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:api-5xx";

    private Incidents() {}

    /** An incident with one firing CloudWatch alarm. */
    public static Incident open(String incidentId, String channel) {
        return incident(
                incidentId, channel, 1, IncidentState.OPEN, "api-5xx is in ALARM", List.of(alarm(AlertStatus.FIRING)));
    }

    public static Incident incident(
            String incidentId,
            String channel,
            long version,
            IncidentState state,
            String title,
            List<IncidentMember> members) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("service", "api");
        labels.put("resource", "i-0a1b");
        return Incident.builder()
                .groupKey("payments|service=api|" + incidentId)
                .incidentId(incidentId)
                .version(version)
                .state(state)
                .acknowledgedBy(state == IncidentState.ACKNOWLEDGED ? "U024BE7LH" : null)
                .acknowledgedAt(state == IncidentState.ACKNOWLEDGED ? T0.plusSeconds(300) : null)
                .resolvedAt(state == IncidentState.RESOLVED ? T0.plusSeconds(900) : null)
                .severity(Severity.CRITICAL)
                .title(title)
                .routeId("payments")
                .channel(channel)
                .groupLabels(labels)
                .members(members)
                .firstSeen(T0)
                .lastSeen(T0.plusSeconds(version * 60))
                .alertCount(members.size())
                .timeline(List.of(new TimelineEntry(T0, TimelineEntry.Kind.OPENED, title, null)))
                .build();
    }

    /** The same incident, one version on, in another state. */
    public static Incident next(Incident incident, IncidentState state) {
        List<IncidentMember> members = new ArrayList<>();
        for (IncidentMember m : incident.members()) {
            AlertStatus status = state == IncidentState.RESOLVED ? AlertStatus.RESOLVED : m.status();
            members.add(new IncidentMember(
                    m.fingerprint(),
                    m.source(),
                    m.title(),
                    status,
                    m.severity(),
                    m.lastEventId(),
                    m.lastChangeAt(),
                    m.suppressed(),
                    m.annotations(),
                    m.links(),
                    m.metric(),
                    m.scores()));
        }
        Incident shaped = incident(
                incident.incidentId(), incident.channel(), incident.version() + 1, state, incident.title(), members);
        return shaped;
    }

    /** The same incident under another group key. */
    public static Incident withGroupKey(Incident incident, String groupKey) {
        return incident.toBuilder().groupKey(groupKey).build();
    }

    /** The incident as resolved at the given time (by a person, so the message says who). */
    public static Incident resolvedAt(Incident incident, Instant at) {
        return incident.toBuilder()
                .state(IncidentState.RESOLVED)
                .snoozedUntil(null)
                .resolvedBy("U0ALICE")
                .resolvedAt(at)
                .lastSeen(at)
                .slackMessage(null)
                .incidentChannelId(null)
                .build();
    }

    public static IncidentMember alarm(AlertStatus status) {
        return new IncidentMember(ALARM_ARN, "cloudwatch", "api-5xx", status, Severity.CRITICAL, "e1", T0, false);
    }

    public static IncidentMember member(int i, AlertStatus status) {
        return new IncidentMember(
                "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:db-" + i,
                "cloudwatch",
                "db-" + i + " latency",
                status,
                i % 3 == 0 ? Severity.CRITICAL : Severity.WARNING,
                "e" + i,
                T0.plusSeconds(i),
                false);
    }

    public static IncidentMember anomaly() {
        return new IncidentMember(
                "anomaly:latency-detector:api.p99",
                "anomaly",
                "api p99 latency anomaly",
                AlertStatus.FIRING,
                Severity.WARNING,
                "a1",
                T0,
                false,
                Map.of("detector", "latency-detector", "peakScore", "0.97"),
                List.of(new Link("Dashboard", "https://grafana.example/d/api")),
                null,
                null);
    }

    public static NotificationCommand post(Incident incident) {
        return NotificationCommand.post(
                commandId(incident, NotificationCommand.Type.POST), incident, null, incident.lastSeen());
    }

    public static NotificationCommand update(Incident incident) {
        return NotificationCommand.update(
                commandId(incident, NotificationCommand.Type.UPDATE), incident, incident.lastSeen());
    }

    public static NotificationCommand reply(Incident incident, int n, String text) {
        return NotificationCommand.reply(
                incident.incidentId() + ":r" + n + ":THREAD_REPLY", incident, text, incident.lastSeen());
    }

    public static NotificationCommand channel(NotificationCommand.Type type, Incident incident, List<String> users) {
        String commandId = commandId(incident, type);
        return type == NotificationCommand.Type.CHANNEL_CREATE
                ? NotificationCommand.channelCreate(commandId, incident, null, users, incident.lastSeen())
                : NotificationCommand.channelChange(commandId, type, incident, users, incident.lastSeen());
    }

    private static String commandId(Incident incident, NotificationCommand.Type type) {
        return incident.incidentId() + ":" + incident.version() + ":" + type;
    }
}
