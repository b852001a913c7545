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
        return Incident.builder()
                .groupKey("route-default|service=" + service + "|" + id)
                .incidentId(id)
                .version(1)
                .state(IncidentState.OPEN)
                .severity(severity)
                .title(service + " is unhappy")
                .routeId("default")
                .channel("#alerts")
                .groupLabels(Map.of("service", service))
                .members(List.of(new IncidentMember(
                        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + service + "-5xx",
                        "cloudwatch",
                        service + " 5xx rate",
                        AlertStatus.FIRING,
                        severity,
                        "e-" + id,
                        first,
                        false)))
                .firstSeen(first)
                .lastSeen(first)
                .alertCount(1)
                .timeline(List.of(new TimelineEntry(
                        first, TimelineEntry.Kind.OPENED, "Opened by " + service + " 5xx rate", null)))
                .build();
    }

    static Incident withChannel(Incident i, String channel) {
        return i.toBuilder().version(i.version() + 1).channel(channel).build();
    }

    static Incident acknowledged(Incident i, String by) {
        return i.toBuilder()
                .version(i.version() + 1)
                .state(IncidentState.ACKNOWLEDGED)
                .acknowledgedBy(by)
                .acknowledgedAt(i.lastSeen())
                .resolvedBy(null)
                .resolvedAt(null)
                .build();
    }

    static Incident resolved(Incident i, String by) {
        return i.toBuilder()
                .version(i.version() + 1)
                .state(IncidentState.RESOLVED)
                .snoozedUntil(null)
                .resolvedBy(by)
                .resolvedAt(i.lastSeen())
                .build();
    }

    static Incident titled(Incident i, String title) {
        return i.toBuilder().version(i.version() + 1).title(title).build();
    }
}
