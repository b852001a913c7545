package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An alert event with the route that placed it and the group it belongs to: what the correlate stage hands to the
 * lifecycle, keyed by {@link #groupKey()}. Routing is decided once, where the event enters correlation, so a rule
 * that changes while the event is in flight cannot split it from its decision. Immutable.
 *
 * @param event the (possibly suppressed) alert event
 * @param groupKey the incident group: the route id plus the route's {@code groupBy} label values
 * @param routeId the route that matched
 * @param channel the route's Slack channel
 * @param groupLabels the label values that form the group key
 * @param silencedUntil for a suppressed event: when the silence that suppressed it ends (so the lifecycle can make a
 *     member that still fires audible then); otherwise null
 */
public record RoutedAlert(
        AlertEvent event,
        String groupKey,
        String routeId,
        String channel,
        Map<String, String> groupLabels,
        Instant silencedUntil) {

    public RoutedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(channel, "channel");
        // Keeps the groupBy order: it is the order people read the labels in.
        groupLabels = groupLabels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(groupLabels));
    }
}
