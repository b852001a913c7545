package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scripted incident history for tests: incidents by id, times in minutes after {@link #T0}. */
final class History {

    /** Monday 2026-11-02 00:00 UTC. */
    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private final List<IncidentTransition> transitions = new ArrayList<>();

    static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** An incident of route {@code route} (service {@code route + "-svc"}, channel {@code #route}). */
    Incident incident(String id, String route, long openedMinute, String alarm) {
        Incident incident = new Incident(id, route, at(openedMinute));
        incident.add(Kind.OPENED, openedMinute, null, alarm);
        return incident;
    }

    /** The history in time order. */
    List<IncidentTransition> transitions() {
        return transitions.stream()
                .sorted(Comparator.comparing(IncidentTransition::at))
                .toList();
    }

    final class Incident {
        private final String id;
        private final String route;
        private final Instant openedAt;

        private Incident(String id, String route, Instant openedAt) {
            this.id = id;
            this.route = route;
            this.openedAt = openedAt;
        }

        Incident add(Kind kind, long minute, String actor, String alarm) {
            transitions.add(new IncidentTransition(
                    id,
                    route + "|" + id,
                    route,
                    "#" + route,
                    Severity.ERROR,
                    route + "-svc",
                    kind,
                    at(minute),
                    openedAt,
                    actor,
                    alarm == null ? null : "fp:" + alarm,
                    alarm));
            return this;
        }

        Incident ack(long minute, String who) {
            return add(Kind.ACKNOWLEDGED, minute, who, null);
        }

        Incident resolveByHand(long minute, String who) {
            return add(Kind.RESOLVED, minute, who, null);
        }

        Incident autoResolve(long minute, String alarm) {
            add(Kind.ALERT_RESOLVED, minute, null, alarm);
            return add(Kind.RESOLVED, minute, null, null);
        }

        Incident reopen(long minute, String alarm) {
            add(Kind.ALERT_FIRING, minute, null, alarm);
            return add(Kind.REOPENED, minute, null, alarm);
        }

        Incident fire(long minute, String alarm) {
            return add(Kind.ALERT_FIRING, minute, null, alarm);
        }

        Incident clear(long minute, String alarm) {
            return add(Kind.ALERT_RESOLVED, minute, null, alarm);
        }

        /** Resolved by itself while its first post was held: the history's record of it, as the outbox writes it. */
        Incident clearWhileHeld(long minute, String alarm) {
            autoResolve(minute, alarm);
            return add(Kind.CLEARED_WHILE_HELD, minute, null, null);
        }
    }
}
