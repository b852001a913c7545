package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Incidents for tests, built the way the processor writes them. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private Fixtures() {}

    /** An open incident of {@code service} in {@code #alerts}, first seen {@code minutesAfterT0} after T0. */
    static Incident open(String id, String service, Severity severity, int minutesAfterT0) {
        Instant first = T0.plusSeconds(60L * minutesAfterT0);
        return new Incident(
                "route-default|service=" + service + "|" + id,
                id,
                1,
                IncidentState.OPEN,
                null,
                null,
                null,
                null,
                null,
                severity,
                service + " is unhappy",
                "default",
                "#alerts",
                Map.of("service", service),
                List.of(new IncidentMember(
                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + service + "-5xx",
                        "cloudwatch",
                        service + " 5xx rate",
                        AlertStatus.FIRING,
                        severity,
                        "e-" + id,
                        first,
                        false)),
                first,
                first,
                1,
                0,
                List.of(new TimelineEntry(
                        first, TimelineEntry.Kind.OPENED, "Opened by " + service + " 5xx rate", null)),
                null,
                null);
    }

    static Incident withChannel(Incident i, String channel) {
        return new Incident(
                i.groupKey(),
                i.incidentId(),
                i.version() + 1,
                i.state(),
                i.snoozedUntil(),
                i.acknowledgedBy(),
                i.acknowledgedAt(),
                i.resolvedBy(),
                i.resolvedAt(),
                i.severity(),
                i.title(),
                i.routeId(),
                channel,
                i.groupLabels(),
                i.members(),
                i.firstSeen(),
                i.lastSeen(),
                i.alertCount(),
                i.escalationLevel(),
                i.timeline(),
                i.slackMessage(),
                i.incidentChannelId());
    }

    static Incident acknowledged(Incident i, String by) {
        return new Incident(
                i.groupKey(),
                i.incidentId(),
                i.version() + 1,
                IncidentState.ACKNOWLEDGED,
                i.snoozedUntil(),
                by,
                i.lastSeen(),
                null,
                null,
                i.severity(),
                i.title(),
                i.routeId(),
                i.channel(),
                i.groupLabels(),
                i.members(),
                i.firstSeen(),
                i.lastSeen(),
                i.alertCount(),
                i.escalationLevel(),
                i.timeline(),
                i.slackMessage(),
                i.incidentChannelId());
    }

    static Incident resolved(Incident i, String by) {
        return new Incident(
                i.groupKey(),
                i.incidentId(),
                i.version() + 1,
                IncidentState.RESOLVED,
                null,
                i.acknowledgedBy(),
                i.acknowledgedAt(),
                by,
                i.lastSeen(),
                i.severity(),
                i.title(),
                i.routeId(),
                i.channel(),
                i.groupLabels(),
                i.members(),
                i.firstSeen(),
                i.lastSeen(),
                i.alertCount(),
                i.escalationLevel(),
                i.timeline(),
                i.slackMessage(),
                i.incidentChannelId());
    }

    static Incident titled(Incident i, String title) {
        return new Incident(
                i.groupKey(),
                i.incidentId(),
                i.version() + 1,
                i.state(),
                i.snoozedUntil(),
                i.acknowledgedBy(),
                i.acknowledgedAt(),
                i.resolvedBy(),
                i.resolvedAt(),
                i.severity(),
                title,
                i.routeId(),
                i.channel(),
                i.groupLabels(),
                i.members(),
                i.firstSeen(),
                i.lastSeen(),
                i.alertCount(),
                i.escalationLevel(),
                i.timeline(),
                i.slackMessage(),
                i.incidentChannelId());
    }
}
