package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Correlation: which group an alert belongs to, and whether it joins the group's current incident.
 *
 * <p><b>Grouping.</b> The group key is the route id plus the values of the route's {@code groupBy} labels (a missing
 * label counts as the empty value, as in Alertmanager). A route with an empty {@code groupBy} groups by the
 * {@value #RESOURCE_LABEL} label when the alert has one, else by fingerprint: that is what makes a CloudWatch alarm
 * and an anomaly alert about the same resource land in one incident without any configuration, while alerts that
 * name no resource never merge with strangers.
 *
 * <p><b>Joining.</b> An alert joins the group's incident while it is open, and after it resolved for as long as the
 * group has been quiet for less than the route's {@code groupWindow} (so a flapping alarm reopens its incident instead
 * of opening a new one every minute). Once the incident resolved and stayed quiet for the window, a firing alert
 * starts a new incident. A RESOLVED alert never starts one: it has nothing to resolve. Times are the events' own
 * {@code occurredAt}, so replaying history decides the same way. Thread-safe (stateless).
 */
public final class Correlation {

    /** The label that identifies the resource an alert is about, used when a route has no {@code groupBy}. */
    public static final String RESOURCE_LABEL = "resource";

    private Correlation() {}

    /**
     * Places an alert in its route's group.
     *
     * @param event the alert
     * @param route the route that matched it
     * @return the alert with its group key, route and channel
     */
    public static RoutedAlert route(AlertEvent event, RouteRule route) {
        return route(event, route, null);
    }

    /**
     * Places a suppressed alert in its route's group, remembering when its silence ends.
     *
     * @param event the alert
     * @param route the route that matched it
     * @param silencedUntil when the silence that suppressed it ends, or null
     * @return the alert with its group key, route and channel
     */
    public static RoutedAlert route(AlertEvent event, RouteRule route, Instant silencedUntil) {
        List<String> groupBy = route.groupBy();
        if (groupBy.isEmpty()) {
            String resource = event.labels().get(RESOURCE_LABEL);
            if (resource != null && !resource.isBlank()) {
                groupBy = List.of(RESOURCE_LABEL);
            }
        }
        Map<String, String> groupLabels = new LinkedHashMap<>();
        StringJoiner key = new StringJoiner(",", route.id() + "|", "");
        if (groupBy.isEmpty()) {
            key.add("fingerprint=" + event.fingerprint());
        } else {
            for (String label : groupBy) {
                String value = event.labels().getOrDefault(label, "");
                groupLabels.put(label, value);
                key.add(label + "=" + value);
            }
        }
        return new RoutedAlert(
                event,
                key.toString(),
                route.id(),
                route.channel(),
                groupLabels,
                event.isSuppressed() ? silencedUntil : null);
    }

    /**
     * Decides whether an alert joins the group's current incident, starts a new one, or is ignored.
     *
     * @param current the group's current incident, or null when the group has none
     * @param alert the routed alert
     * @param window the route's {@code groupWindow}
     */
    public static Decision decide(Incident current, RoutedAlert alert, Duration window) {
        AlertEvent event = alert.event();
        boolean firingOrInfo = event.status() != AlertStatus.RESOLVED;
        if (current == null) {
            return firingOrInfo
                    ? new Decision(Outcome.NEW, "no incident in group " + alert.groupKey())
                    : new Decision(Outcome.IGNORE, "a RESOLVED event with no incident to resolve");
        }
        if (current.state() != IncidentState.RESOLVED) {
            return new Decision(Outcome.JOIN, current.incidentId() + " is " + current.state());
        }
        Instant quietSince = latest(current.resolvedAt(), current.lastSeen());
        Instant reopenUntil = quietSince.plus(window);
        if (event.occurredAt().isBefore(reopenUntil)) {
            return new Decision(
                    Outcome.JOIN, current.incidentId() + " resolved but the group was quiet for less than " + window);
        }
        return firingOrInfo
                ? new Decision(
                        Outcome.NEW,
                        current.incidentId() + " resolved and the group stayed quiet for " + window + " (since "
                                + quietSince + ")")
                : new Decision(
                        Outcome.IGNORE,
                        "a RESOLVED event for " + current.incidentId() + ", closed since " + quietSince);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return a.isAfter(b) ? a : b;
    }

    /** What becomes of an alert. */
    public enum Outcome {
        /** It joins the group's current incident (which may reopen). */
        JOIN,
        /** It starts a new incident in the group. */
        NEW,
        /** It changes nothing (recorded in the logs with the reason). */
        IGNORE
    }

    /**
     * A correlation decision.
     *
     * @param outcome what becomes of the alert
     * @param reason why, for logs and tests
     */
    public record Decision(Outcome outcome, String reason) {}
}
