package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus histograms of the time to acknowledge and the time to resolve, labelled by route and severity:
 * {@code alertbridge_incident_time_to_acknowledge_seconds} and {@code alertbridge_incident_time_to_resolve_seconds},
 * with SLO buckets from one minute to a day ({@link #BUCKETS}).
 *
 * <p>Bounded labels: severity has four values; routes are the first {@link #MAX_ROUTES} seen, every later one is
 * {@code other}; an incident without a route is {@code none}.
 *
 * <p>Recorded as the history view reads transitions, once it is live (what it reads while loading the topic after a
 * start happened before this process existed, and counting it again would count it once per restart). Counts as
 * {@link ReportFigures} does: an acknowledgement is timed once per incident and only while it is not resolved; each
 * resolution is timed from the opening (a reopened incident resolves again). Every interactivity instance reads the
 * whole history, so each exposes the same histograms: aggregate with {@code max}, not {@code sum}, across instances.
 *
 * <p>Threading: {@link #seen} is called by the view's one thread.
 */
public final class ReportMetrics {

    /** Routes that get their own label value; later ones are {@code other}. */
    static final int MAX_ROUTES = 50;

    /** Incidents whose state is remembered (to time acknowledgements once); the oldest are forgotten first. */
    static final int REMEMBERED_INCIDENTS = 200_000;

    static final Duration[] BUCKETS = {
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(4),
        Duration.ofHours(24)
    };

    private static final byte ACKNOWLEDGED = 1;
    private static final byte RESOLVED = 2;

    private final MeterRegistry registry;
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final Map<String, Byte> incidents = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Byte> eldest) {
            return size() > REMEMBERED_INCIDENTS;
        }
    };

    public ReportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A transition read from the history.
     *
     * @param live false while the view loads what the topic held at start: state is kept, nothing is recorded
     */
    public void seen(IncidentTransition t, boolean live) {
        byte state = incidents.getOrDefault(t.incidentId(), (byte) 0);
        switch (t.kind()) {
            case OPENED -> incidents.put(t.incidentId(), (byte) 0);
            case ACKNOWLEDGED -> {
                if ((state & (ACKNOWLEDGED | RESOLVED)) == 0) {
                    incidents.put(t.incidentId(), (byte) (state | ACKNOWLEDGED));
                    if (live) {
                        timer("alertbridge.incident.time.to.acknowledge", t).record(since(t));
                    }
                }
            }
            case RESOLVED -> {
                incidents.put(t.incidentId(), (byte) (state | RESOLVED));
                if (live) {
                    timer("alertbridge.incident.time.to.resolve", t).record(since(t));
                }
            }
            case REOPENED -> incidents.put(t.incidentId(), (byte) (state & ~RESOLVED));
            default -> {
                // Not timed.
            }
        }
    }

    private static Duration since(IncidentTransition t) {
        Duration d = Duration.between(t.openedAt(), t.at());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private Timer timer(String name, IncidentTransition t) {
        return Timer.builder(name)
                .description(
                        name.endsWith("acknowledge")
                                ? "time from an incident's opening to its first acknowledgement"
                                : "time from an incident's opening to its resolution")
                .tag("route", route(t.routeId()))
                .tag("severity", t.severity().name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** The route's label value: itself while fewer than {@link #MAX_ROUTES} are known, else {@code other}. */
    String route(String routeId) {
        if (routeId == null || routeId.isBlank()) {
            return "none";
        }
        if (routes.contains(routeId)) {
            return routeId;
        }
        if (routes.size() < MAX_ROUTES) {
            routes.add(routeId);
            return routeId;
        }
        return "other";
    }
}
