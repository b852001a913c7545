package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.RouteRule;

import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether an incident change goes to a receiver: when the incident's route lists it, and also when the
 * receiver already delivered something for that incident (a route edited while the incident is open must not leave
 * a page open in PagerDuty forever). A route that is not known (a rule deleted) sends nowhere new. A pure function.
 */
public final class Routing {

    private Routing() {}

    /**
     * @param routes the routes in force, by id
     * @param incident the incident
     * @param receiver the receiver
     * @param previous what the receiver delivered for the incident so far, or null
     */
    public static boolean sendsTo(
            Function<String, Optional<RouteRule>> routes, Incident incident, ReceiverId receiver, Delivered previous) {
        if (previous != null) {
            return true;
        }
        if (incident.routeId() == null) {
            return false;
        }
        String name = receiver.toString();
        return routes.apply(incident.routeId())
                .map(route -> route.sendsTo(name))
                .orElse(false);
    }
}
