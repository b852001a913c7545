package io.alertbridge.connectors.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.Json;

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
        return new Incident(
                "payments|service=api|" + incidentId,
                incidentId,
                version,
                state,
                null,
                state == IncidentState.ACKNOWLEDGED ? "U024BE7LH" : null,
                state == IncidentState.ACKNOWLEDGED ? T0.plusSeconds(300) : null,
                null,
                state == IncidentState.RESOLVED ? T0.plusSeconds(900) : null,
                Severity.CRITICAL,
                title,
                "payments",
                channel,
                labels,
                members,
                T0,
                T0.plusSeconds(version * 60),
                members.size(),
                0,
                List.of(new TimelineEntry(T0, TimelineEntry.Kind.OPENED, title, null)),
                null,
                null);
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
                    m.links()));
        }
        Incident shaped = incident(
                incident.incidentId(), incident.channel(), incident.version() + 1, state, incident.title(), members);
        return shaped;
    }

    /** The same incident under another group key. */
    public static Incident withGroupKey(Incident incident, String groupKey) {
        ObjectNode json = Json.mapper().valueToTree(incident);
        json.put("groupKey", groupKey);
        return Json.mapper().convertValue(json, Incident.class);
    }

    /** The incident as resolved at the given time (by a person, so the message says who). */
    public static Incident resolvedAt(Incident incident, Instant at) {
        return new Incident(
                incident.groupKey(),
                incident.incidentId(),
                incident.version(),
                IncidentState.RESOLVED,
                null,
                incident.acknowledgedBy(),
                incident.acknowledgedAt(),
                "U0ALICE",
                at,
                incident.severity(),
                incident.title(),
                incident.routeId(),
                incident.channel(),
                incident.groupLabels(),
                incident.members(),
                incident.firstSeen(),
                at,
                incident.alertCount(),
                incident.escalationLevel(),
                incident.timeline(),
                null,
                null);
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
                List.of(new Link("Dashboard", "https://grafana.example/d/api")));
    }

    public static NotificationCommand post(Incident incident) {
        return snapshot(NotificationCommand.Type.POST, incident);
    }

    public static NotificationCommand update(Incident incident) {
        return snapshot(NotificationCommand.Type.UPDATE, incident);
    }

    public static NotificationCommand snapshot(NotificationCommand.Type type, Incident incident) {
        return new NotificationCommand(
                incident.incidentId() + ":" + incident.version() + ":" + type,
                type,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                incident,
                null,
                null,
                null,
                null,
                null,
                incident.lastSeen());
    }

    public static NotificationCommand reply(Incident incident, int n, String text) {
        return new NotificationCommand(
                incident.incidentId() + ":r" + n + ":THREAD_REPLY",
                NotificationCommand.Type.THREAD_REPLY,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                null,
                text,
                null,
                null,
                null,
                null,
                incident.lastSeen());
    }

    public static NotificationCommand channel(NotificationCommand.Type type, Incident incident, List<String> users) {
        return new NotificationCommand(
                incident.incidentId() + ":" + incident.version() + ":" + type,
                type,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                incident,
                null,
                null,
                null,
                null,
                users,
                incident.lastSeen());
    }
}
