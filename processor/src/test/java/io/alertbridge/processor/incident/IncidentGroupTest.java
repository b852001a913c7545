package io.alertbridge.processor.incident;

import io.alertbridge.processor.incident.IncidentChange.Cause;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.processor.incident.Fixtures.routed;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.INFO;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentGroupTest {

    private static final RouteRule ROUTE =
            Fixtures.escalating("web", "#web", Duration.ofMinutes(10), Duration.ofMinutes(20), "<!here>");

    private final AtomicInteger sequence = new AtomicInteger();
    private final Supplier<String> ids = () -> IncidentIds.format(0, sequence.getAndIncrement());

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private IncidentGroup.Step alert(
            IncidentRecord record, io.alertbridge.schemas.model.AlertEvent event, int nowMinutes) {
        return IncidentGroup.onAlert(record, routed(event, ROUTE), ROUTE, ids, at(nowMinutes));
    }

    @Test
    void shouldOpenAnIncidentAndScheduleItsEscalation() {
        IncidentGroup.Step step = alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0);

        assertThat(step.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.OPENED);
            assertThat(c.incident().version()).isEqualTo(1);
        });
        assertThat(step.record().openSince()).isEqualTo(at(0));
        assertThat(step.record().timerAt()).isEqualTo(at(10));
    }

    @Test
    void shouldApplyARedeliveredActionOnce() {
        IncidentRecord record =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();
        UserAction ack = Fixtures.action(
                ActionType.ACKNOWLEDGE,
                record.incident().incidentId(),
                record.incident().groupKey(),
                "U1",
                at(1));
        IncidentRecord acked = IncidentGroup.onAction(record, ack, ROUTE, at(1)).record();
        IncidentRecord unacked = IncidentGroup.onAction(
                        acked,
                        Fixtures.action(
                                ActionType.UNACKNOWLEDGE,
                                acked.incident().incidentId(),
                                acked.incident().groupKey(),
                                "U1",
                                at(2)),
                        ROUTE,
                        at(2))
                .record();

        IncidentGroup.Step redelivered = IncidentGroup.onAction(unacked, ack, ROUTE, at(3));

        assertThat(redelivered.changes()).isEmpty();
        assertThat(redelivered.reason()).contains("already applied");
        assertThat(redelivered.record().incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(unacked.openSince())
                .as("unacknowledging restarts the escalation clock")
                .isEqualTo(at(2));
    }

    @Test
    void shouldEscalateOnTheTimerWithoutPostponingTheClose() {
        IncidentRecord record =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();

        IncidentGroup.Step reminded = IncidentGroup.onTimer(record, ROUTE, at(10));
        IncidentGroup.Step mentioned = IncidentGroup.onTimer(reminded.record(), ROUTE, at(20));

        assertThat(reminded.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.ESCALATED);
            assertThat(c.escalationLevel()).isEqualTo(1);
        });
        assertThat(reminded.record().timerAt()).isEqualTo(at(20));
        assertThat(mentioned.changes()).singleElement().satisfies(c -> {
            assertThat(c.escalationLevel()).isEqualTo(2);
            assertThat(c.mention()).isEqualTo("<!here>");
        });
        assertThat(mentioned.record().lastActivity()).isEqualTo(at(0));
        assertThat(mentioned.record().timerAt())
                .as("nothing more to escalate, nothing to close")
                .isNull();
    }

    @Test
    void shouldCloseAResolvedIncidentOnceQuietAndContinueVersionsInTheNextOne() {
        IncidentRecord record =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();
        IncidentRecord resolved =
                alert(record, alarm("cpu", "i-1", RESOLVED, at(5)), 5).record();
        String firstId = resolved.incident().incidentId();

        IncidentGroup.Step early = IncidentGroup.onTimer(resolved, ROUTE, at(20));
        IncidentGroup.Step closed = IncidentGroup.onTimer(resolved, ROUTE, at(35));
        IncidentGroup.Step next = alert(closed.record(), alarm("cpu", "i-1", FIRING, at(40)), 40);

        assertThat(resolved.timerAt()).isEqualTo(at(35));
        assertThat(early.changes()).isEmpty();
        assertThat(closed.changes()).singleElement().satisfies(c -> assertThat(c.cause())
                .isEqualTo(Cause.CLOSED));
        assertThat(closed.record().incident()).isNull();
        assertThat(closed.record().lastVersion()).isEqualTo(2);
        assertThat(next.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.OPENED);
            assertThat(c.incident().incidentId()).isNotEqualTo(firstId);
            assertThat(c.incident().version()).isEqualTo(3);
        });
    }

    @Test
    void shouldCloseThePreviousIncidentWhenANewOneReplacesItBeforeTheTimer() {
        IncidentRecord record =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();
        IncidentRecord resolved =
                alert(record, alarm("cpu", "i-1", RESOLVED, at(5)), 5).record();

        IncidentGroup.Step next = alert(resolved, alarm("cpu", "i-1", FIRING, at(50)), 6);

        assertThat(next.changes()).extracting(IncidentChange::cause).containsExactly(Cause.CLOSED, Cause.OPENED);
        assertThat(next.changes().get(0).incident().incidentId())
                .isEqualTo(resolved.incident().incidentId());
    }

    @Test
    void shouldExpireAnIncidentOfOneShotEventsOnceQuiet() {
        IncidentRecord record =
                alert(null, alarm("s3-put", "bucket", INFO, at(0)), 0).record();

        IncidentGroup.Step expired = IncidentGroup.onTimer(record, ROUTE, at(30));

        assertThat(record.timerAt()).isEqualTo(at(30));
        assertThat(expired.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.EXPIRED);
            assertThat(c.incident().state()).isEqualTo(IncidentState.RESOLVED);
        });
    }

    @Test
    void shouldMakeASilencedAlarmAudibleWhenItsSilenceEndsAndStartEscalatingThen() {
        io.alertbridge.schemas.model.AlertEvent silenced =
                alarm("cpu", "i-1", FIRING, at(0)).suppressed("maint");
        RoutedAlert routed = Correlation.route(silenced, ROUTE, at(60));
        IncidentRecord record =
                IncidentGroup.onAlert(null, routed, ROUTE, ids, at(0)).record();

        IncidentGroup.Step quiet = IncidentGroup.onTimer(record, ROUTE, at(30));
        IncidentGroup.Step ended = IncidentGroup.onTimer(record, ROUTE, at(60));

        assertThat(record.silences()).containsKey(silenced.fingerprint());
        assertThat(record.timerAt())
                .as("no escalation while silenced; the silence end is due")
                .isEqualTo(at(60));
        assertThat(quiet.changes()).isEmpty();
        assertThat(ended.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.SILENCE_ENDED);
            assertThat(c.notifies()).isTrue();
        });
        assertThat(ended.record().silences()).isEmpty();
        assertThat(ended.record().openSince()).as("people hear of it only now").isEqualTo(at(60));
        assertThat(ended.record().timerAt()).isEqualTo(at(70));
    }

    @Test
    void shouldForgetASilenceOnceTheMemberIsHeardOrResolved() {
        io.alertbridge.schemas.model.AlertEvent silenced =
                alarm("cpu", "i-1", FIRING, at(0)).suppressed("maint");
        IncidentRecord record = IncidentGroup.onAlert(
                        null, Correlation.route(silenced, ROUTE, at(60)), ROUTE, ids, at(0))
                .record();

        IncidentRecord resolved =
                alert(record, alarm("cpu", "i-1", RESOLVED, at(5)), 5).record();

        assertThat(resolved.silences()).isEmpty();
    }

    @Test
    void shouldEndASnoozeOnTheTimer() {
        IncidentRecord record =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();
        UserAction snooze = Fixtures.action(
                ActionType.SNOOZE,
                record.incident().incidentId(),
                record.incident().groupKey(),
                "U1",
                at(1));
        IncidentRecord snoozed =
                IncidentGroup.onAction(record, snooze, ROUTE, at(1)).record();

        IncidentGroup.Step step = IncidentGroup.onTimer(snoozed, ROUTE, at(61));

        assertThat(snoozed.timerAt()).isEqualTo(at(61));
        assertThat(step.changes())
                .extracting(IncidentChange::cause)
                .containsExactly(Cause.SNOOZE_ENDED, Cause.ESCALATED);
        assertThat(step.changes().get(1).escalationLevel())
                .as("overdue while snoozed: straight to the mention")
                .isEqualTo(2);
    }

    @Test
    void shouldIgnoreActionsAndResolvedAlertsForAGroupWithoutIncident() {
        UserAction ack = Fixtures.action(ActionType.ACKNOWLEDGE, "INC-1", "web|x", "U1", at(0));

        assertThat(IncidentGroup.onAction(null, ack, ROUTE, at(0)).changes()).isEmpty();
        assertThat(alert(null, alarm("cpu", "i-1", RESOLVED, at(0)), 0).changes())
                .isEmpty();
        assertThat(sequence.get()).as("no id was spent").isZero();
    }

    @Test
    void shouldEscalateAgainAfterAnIncidentThatResolvedByItselfFiresAgain() {
        IncidentRecord opened =
                alert(null, alarm("cpu", "i-1", FIRING, at(0)), 0).record();
        IncidentRecord reminded = IncidentGroup.onTimer(opened, ROUTE, at(10)).record();
        IncidentRecord mentioned =
                IncidentGroup.onTimer(reminded, ROUTE, at(20)).record();
        IncidentRecord resolved =
                alert(mentioned, alarm("cpu", "i-1", RESOLVED, at(21)), 21).record();

        IncidentGroup.Step reopened = alert(resolved, alarm("cpu", "i-1", FIRING, at(25)), 25);
        IncidentGroup.Step early = IncidentGroup.onTimer(reopened.record(), ROUTE, at(34));
        IncidentGroup.Step remindedAgain = IncidentGroup.onTimer(reopened.record(), ROUTE, at(35));

        assertThat(mentioned.incident().escalationLevel()).isEqualTo(2);
        assertThat(reopened.record().openSince()).isEqualTo(at(25));
        assertThat(reopened.record().incident().escalationLevel()).isZero();
        assertThat(reopened.record().timerAt())
                .as("the reminder, counted from the reopening")
                .isEqualTo(at(35));
        assertThat(early.changes()).isEmpty();
        assertThat(remindedAgain.changes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.ESCALATED);
            assertThat(c.escalationLevel()).isEqualTo(1);
        });
        assertThat(remindedAgain.record().timerAt()).as("then the mention").isEqualTo(at(45));
    }
}
