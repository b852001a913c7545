package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.processor.incident.Fixtures.routed;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryTransitionsTest {

    private static final RouteRule ROUTE = Fixtures.route("web", "#web", List.of("service", "resource"));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<IncidentTransition> of(Transition t, IncidentChange.Cause cause) {
        return HistoryTransitions.of(IncidentChange.of(t, cause));
    }

    @Test
    void shouldRecordTheOpeningAlertWithRouteChannelServiceAndOpeningTime() {
        Transition opened = Lifecycle.open("INC-1", 1, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE));

        assertThat(of(opened, IncidentChange.Cause.OPENED)).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.OPENED);
            assertThat(t.incidentId()).isEqualTo("INC-1");
            assertThat(t.routeId()).isEqualTo("web");
            assertThat(t.channel()).isEqualTo("#web");
            assertThat(t.service()).isEqualTo("checkout");
            assertThat(t.at()).isEqualTo(at(0));
            assertThat(t.openedAt()).isEqualTo(at(0));
            assertThat(t.fingerprint()).endsWith(":alarm:cpu-high");
            assertThat(t.title()).isEqualTo("cpu-high on i-1");
            assertThat(t.actor()).isNull();
        });
    }

    @Test
    void shouldRecordAnIncidentThatClearedWhileHeldButNotTheHoldItself() {
        Incident open = Lifecycle.open("INC-1", 1, routed(alarm("disk-full", "i-1", FIRING, at(0)), ROUTE))
                .incident();

        assertThat(HistoryTransitions.kindOf(
                        open, new TimelineEntry(at(3), TimelineEntry.Kind.HELD_CLEARED, "Cleared by itself", null)))
                .isEqualTo(Kind.CLEARED_WHILE_HELD);
        assertThat(HistoryTransitions.kindOf(
                        open, new TimelineEntry(at(0), TimelineEntry.Kind.HELD, "Held", null, at(4).toString())))
                .isNull();
    }

    @Test
    void shouldTellAnAutomaticResolveFromOneByHandAndNameTheAlertThatResolved() {
        Incident open = Lifecycle.open("INC-1", 1, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE))
                .incident();
        Transition auto = Lifecycle.apply(open, routed(alarm("cpu-high", "i-1", RESOLVED, at(5)), ROUTE));
        Transition byHand =
                Lifecycle.apply(open, Fixtures.action(ActionType.RESOLVE, "INC-1", open.groupKey(), "U9", at(3)));

        assertThat(of(auto, IncidentChange.Cause.ALERT))
                .extracting(IncidentTransition::kind, IncidentTransition::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.ALERT_RESOLVED, null),
                        org.assertj.core.groups.Tuple.tuple(Kind.RESOLVED, null));
        assertThat(of(auto, IncidentChange.Cause.ALERT).get(0).fingerprint()).endsWith(":alarm:cpu-high");
        assertThat(of(byHand, IncidentChange.Cause.ACTION)).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.RESOLVED);
            assertThat(t.actor()).isEqualTo("U9");
            assertThat(t.automatic()).isFalse();
        });
    }

    @Test
    void shouldRecordAnAcknowledgementThatCameAfterTheResolve() {
        Incident open = Lifecycle.open("INC-1", 1, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE))
                .incident();
        Incident resolved = Lifecycle.apply(open, routed(alarm("cpu-high", "i-1", RESOLVED, at(5)), ROUTE))
                .incident();

        Transition late = Lifecycle.apply(
                resolved, Fixtures.action(ActionType.ACKNOWLEDGE, "INC-1", open.groupKey(), "U1", at(6)));

        assertThat(of(late, IncidentChange.Cause.ACTION)).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.ACKNOWLEDGED);
            assertThat(t.actor()).isEqualTo("U1");
            assertThat(t.at()).isEqualTo(at(6));
        });
    }

    @Test
    void shouldRecordReopeningWithTheAlertThatFiredAgainAndSnoozesAndSilencesWithTheirActor() {
        Incident open = Lifecycle.open("INC-1", 1, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE))
                .incident();
        Incident resolved = Lifecycle.apply(open, routed(alarm("cpu-high", "i-1", RESOLVED, at(5)), ROUTE))
                .incident();
        Transition reopened = Lifecycle.apply(resolved, routed(alarm("cpu-high", "i-1", FIRING, at(9)), ROUTE));
        Transition snoozed =
                Lifecycle.apply(open, Fixtures.action(ActionType.SNOOZE, "INC-1", open.groupKey(), "U2", at(1)));
        Transition silenced =
                Lifecycle.apply(open, Fixtures.action(ActionType.SILENCE, "INC-1", open.groupKey(), "U3", at(1)));

        assertThat(of(reopened, IncidentChange.Cause.ALERT))
                .extracting(IncidentTransition::kind)
                .containsExactly(Kind.ALERT_FIRING, Kind.REOPENED);
        assertThat(of(reopened, IncidentChange.Cause.ALERT))
                .allSatisfy(t -> assertThat(t.fingerprint()).endsWith(":alarm:cpu-high"));
        assertThat(of(snoozed, IncidentChange.Cause.ACTION))
                .extracting(IncidentTransition::kind, IncidentTransition::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SNOOZED, "U2"));
        assertThat(of(silenced, IncidentChange.Cause.ACTION))
                .extracting(IncidentTransition::kind, IncidentTransition::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SILENCED, "U3"));
    }

    @Test
    void shouldWriteNothingForASilencedAlertEventOrAClosedIncident() {
        Incident open = Lifecycle.open("INC-1", 1, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE))
                .incident();
        AlertEvent silencedEvent = alarm("cpu-high", "i-2", FIRING, at(2)).suppressed("maintenance");
        Transition joined = Lifecycle.apply(open, routed(silencedEvent, ROUTE));

        assertThat(of(joined, IncidentChange.Cause.ALERT)).isEmpty();
        assertThat(HistoryTransitions.of(new IncidentChange(
                        open, IncidentChange.Cause.CLOSED, open.timeline(), false, false, 0, null, "closed")))
                .isEmpty();
    }
}
