package io.alertbridge.connectors.slack;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static io.alertbridge.schemas.config.Check.positive;
import static io.alertbridge.schemas.config.Check.require;

/**
 * The graphs in incident messages: the {@code slack.graphs} section. Validated on construction, each bad value named
 * by its key. Immutable.
 *
 * <pre>{@code
 * slack:
 *   graphs:
 *     enabled: true              # ALERTBRIDGE_GRAPHS=false turns them off
 *     refresh: 5m                # the least time between two graphs of one incident
 *     window: 3h                 # how far before the state change a CloudWatch graph reaches
 *     timeZone: Europe/Berlin    # the second time axis (the first is UTC)
 *     metricCallsPerMinute: 30   # GetMetricData calls at most (CloudWatch bills per metric); over it, no graph
 *     routes:
 *       payments: {window: 12h, timeZone: America/New_York}
 * }</pre>
 *
 * @param enabled whether incident messages carry graphs (default true)
 * @param refresh least time between two graphs of one incident (default 5 minutes)
 * @param window how far back a CloudWatch graph reaches before the state change (default 3 hours)
 * @param timeZone the zone of the second time axis (default UTC)
 * @param metricCallsPerMinute {@code GetMetricData} calls per minute at most (default 30)
 * @param routes per-route window and zone, by route id
 */
public record GraphSettings(
        Boolean enabled,
        Duration refresh,
        Duration window,
        String timeZone,
        Integer metricCallsPerMinute,
        Map<String, RouteGraph> routes) {

    /** The longest window: CloudWatch keeps 1-minute data for 15 days, and a graph of more says little. */
    public static final Duration MAX_WINDOW = Duration.ofDays(15);

    /**
     * A route's own window and zone; either may be left out.
     *
     * @param window how far back, or null for the default
     * @param timeZone the zone, or null for the default
     */
    public record RouteGraph(Duration window, String timeZone) {}

    public GraphSettings {
        enabled = enabled == null || enabled;
        refresh = refresh == null ? Duration.ofMinutes(5) : refresh;
        window = window == null ? Duration.ofHours(3) : window;
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        metricCallsPerMinute = metricCallsPerMinute == null ? 30 : metricCallsPerMinute;
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        require(!refresh.isNegative(), "slack.graphs.refresh", "must not be negative");
        require(positive(window) && window.compareTo(MAX_WINDOW) <= 0, "slack.graphs.window", "must be 1s..15 days");
        require(zone(timeZone), "slack.graphs.timeZone", "not a time zone id: " + timeZone);
        require(
                metricCallsPerMinute >= 0 && metricCallsPerMinute <= 10_000,
                "slack.graphs.metricCallsPerMinute",
                "must be 0..10000");
        for (Map.Entry<String, RouteGraph> route : routes.entrySet()) {
            RouteGraph own = route.getValue();
            String key = "slack.graphs.routes." + route.getKey();
            require(own != null, key, "must not be empty");
            require(
                    own.window() == null
                            || positive(own.window()) && own.window().compareTo(MAX_WINDOW) <= 0,
                    key + ".window",
                    "must be 1s..15 days");
            require(own.timeZone() == null || zone(own.timeZone()), key + ".timeZone", "not a time zone id");
        }
    }

    /** The defaults: on, 5 minutes, 3 hours, UTC, 30 calls a minute. */
    public static GraphSettings defaults() {
        return new GraphSettings(null, null, null, null, null, null);
    }

    /** The window of a route: its own, else the default. */
    public Duration windowFor(String routeId) {
        RouteGraph own = routeId == null ? null : routes.get(routeId);
        return own != null && own.window() != null ? own.window() : window;
    }

    /** The time zone of a route: its own, else the default. */
    public ZoneId zoneFor(String routeId) {
        RouteGraph own = routeId == null ? null : routes.get(routeId);
        return ZoneId.of(own != null && own.timeZone() != null ? own.timeZone() : timeZone);
    }

    private static boolean zone(String id) {
        try {
            ZoneId.of(id.strip());
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
