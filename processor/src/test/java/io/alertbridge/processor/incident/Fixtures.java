package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: alerts, actions and routes with readable defaults. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    private Fixtures() {}

    /** A CloudWatch alarm event about a resource. */
    public static AlertEvent alarm(String alarmName, String resource, AlertStatus status, Instant at) {
        return event(
                "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:" + alarmName,
                "cloudwatch",
                resource,
                status,
                at,
                alarmName + " on " + resource,
                Severity.ERROR);
    }

    /** An anomaly alert (from the detect stage) about a resource. */
    public static AlertEvent anomaly(String series, String resource, AlertStatus status, Instant at) {
        return event("numenta/" + series, "anomaly", resource, status, at, "Anomaly in " + series, Severity.WARNING);
    }

    /** An alert event with the given identity; the event id is derived from fingerprint, status and time. */
    public static AlertEvent event(
            String fingerprint,
            String source,
            String resource,
            AlertStatus status,
            Instant at,
            String title,
            Severity severity) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("account", "123456789012");
        labels.put("region", "eu-west-2");
        labels.put("service", "checkout");
        if (resource != null) {
            labels.put("resource", resource);
        }
        return new AlertEvent(
                fingerprint + "@" + status + "@" + at.toEpochMilli(),
                fingerprint,
                source,
                status,
                severity,
                title,
                null,
                at,
                labels,
                null,
                null,
                null,
                null,
                null);
    }

    /** An alert with extra labels. */
    public static AlertEvent withLabels(AlertEvent event, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>(event.labels());
        labels.putAll(extra);
        return new AlertEvent(
                event.eventId(),
                event.fingerprint(),
                event.source(),
                event.status(),
                event.severity(),
                event.title(),
                event.summary(),
                event.occurredAt(),
                labels,
                event.annotations(),
                event.links(),
                event.suppressedBy(),
                null,
                null);
    }

    /** A route with matchers, a channel and groupBy labels, other settings default. */
    public static RouteRule route(String id, String channel, List<String> groupBy, String... matchers) {
        return new RouteRule(
                id,
                10,
                List.of(matchers).stream().map(Matcher::parse).toList(),
                channel,
                groupBy,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A route like {@link #route} with an escalation. */
    public static RouteRule escalating(String id, String channel, Duration remind, Duration mention, String who) {
        return new RouteRule(
                id,
                10,
                List.of(),
                channel,
                List.of(),
                null,
                null,
                null,
                new RouteRule.Escalation(remind, mention, who),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The alert routed through {@code route}. */
    public static RoutedAlert routed(AlertEvent event, RouteRule route) {
        return Correlation.route(event, route);
    }

    /** A person's action on an incident. */
    public static UserAction action(
            UserAction.ActionType type, String incidentId, String groupKey, String user, Instant at) {
        return new UserAction(
                type + "-" + user + "-" + at.toEpochMilli(),
                type,
                incidentId,
                groupKey,
                user,
                user.toLowerCase(java.util.Locale.ROOT),
                at,
                "slack-button",
                type == UserAction.ActionType.SNOOZE ? at.plus(Duration.ofHours(1)) : null,
                null,
                null);
    }
}
