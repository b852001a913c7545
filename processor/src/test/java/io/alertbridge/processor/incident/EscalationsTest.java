package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
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

class EscalationsTest {

    private static final RouteRule.Escalation ESCALATION =
            new RouteRule.Escalation(Duration.ofMinutes(10), Duration.ofMinutes(20), "<!subteam^S1>");
    private static final RouteRule ROUTE = Fixtures.route("web", "#web", List.of());

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Incident open() {
        return Lifecycle.open("INC-1", 1, routed(alarm("cpu", "i-1", FIRING, at(0)), ROUTE))
                .incident();
    }

    @Test
    void shouldRemindAfterTheDelayThenMentionOnce() {
        Incident incident = open();

        Escalations.Decision early = Escalations.decide(incident, at(0), ESCALATION, at(9));
        Escalations.Decision remind = Escalations.decide(incident, at(0), ESCALATION, at(10));
        Incident reminded = Lifecycle.escalate(incident, 1, Duration.ofMinutes(10), null, at(10))
                .incident();
        Escalations.Decision again = Escalations.decide(reminded, at(0), ESCALATION, at(15));
        Escalations.Decision mention = Escalations.decide(reminded, at(0), ESCALATION, at(20));
        Incident mentioned = Lifecycle.escalate(reminded, 2, Duration.ofMinutes(20), "<!subteam^S1>", at(20))
                .incident();

        assertThat(early.escalates()).isFalse();
        assertThat(early.nextCheck()).isEqualTo(at(10));
        assertThat(remind.level()).isEqualTo(1);
        assertThat(remind.mention()).isNull();
        assertThat(again.escalates()).isFalse();
        assertThat(again.nextCheck()).isEqualTo(at(20));
        assertThat(mention.level()).isEqualTo(2);
        assertThat(mention.mention()).isEqualTo("<!subteam^S1>");
        assertThat(Escalations.decide(mentioned, at(0), ESCALATION, at(60)).escalates())
                .isFalse();
        assertThat(Escalations.decide(mentioned, at(0), ESCALATION, at(60)).nextCheck())
                .isNull();
    }

    @Test
    void shouldSendOnlyTheMentionWhenBothAreDueAtOnce() {
        Escalations.Decision decision = Escalations.decide(open(), at(0), ESCALATION, at(25));

        assertThat(decision.level()).isEqualTo(2);
    }

    @Test
    void shouldNotEscalateWithoutEscalationRule() {
        Escalations.Decision decision = Escalations.decide(open(), at(0), null, at(60));

        assertThat(decision.escalates()).isFalse();
        assertThat(decision.nextCheck()).isNull();
        assertThat(decision.reason()).contains("does not escalate");
    }

    @Test
    void shouldNotEscalateAnAcknowledgedIncident() {
        Incident incident = open();
        Incident acked = Lifecycle.apply(
                        incident,
                        Fixtures.action(
                                ActionType.ACKNOWLEDGE, incident.incidentId(), incident.groupKey(), "U1", at(1)))
                .incident();

        assertThat(Escalations.decide(acked, at(0), ESCALATION, at(30)).escalates())
                .isFalse();
    }

    @Test
    void shouldWaitForTheSnoozeToEnd() {
        Incident incident = open();
        Incident snoozed = Lifecycle.apply(
                        incident,
                        Fixtures.action(ActionType.SNOOZE, incident.incidentId(), incident.groupKey(), "U1", at(1)))
                .incident();

        Escalations.Decision during = Escalations.decide(snoozed, at(0), ESCALATION, at(30));
        Escalations.Decision after = Escalations.decide(snoozed, at(0), ESCALATION, at(61));

        assertThat(during.escalates()).isFalse();
        assertThat(during.nextCheck()).isEqualTo(at(61));
        assertThat(after.level()).isEqualTo(2);
    }

    @Test
    void shouldNotEscalateWhenEverythingFiringIsSilenced() {
        Incident silenced = Lifecycle.open(
                        "INC-1", 1, routed(alarm("cpu", "i-1", FIRING, at(0)).suppressed("maint"), ROUTE))
                .incident();

        assertThat(Escalations.decide(silenced, at(0), ESCALATION, at(30)).escalates())
                .isFalse();
    }

    @Test
    void shouldMentionDirectlyWhenTheRouteOnlyMentions() {
        RouteRule.Escalation mentionOnly = new RouteRule.Escalation(null, Duration.ofMinutes(5), "<!here>");

        assertThat(Escalations.decide(open(), at(0), mentionOnly, at(4)).nextCheck())
                .isEqualTo(at(5));
        assertThat(Escalations.decide(open(), at(0), mentionOnly, at(5)).level())
                .isEqualTo(2);
    }

    private static Incident resolvedByItself(Incident incident, int minutes) {
        return Lifecycle.apply(incident, routed(alarm("cpu", "i-1", RESOLVED, at(minutes)), ROUTE))
                .incident();
    }

    private static Transition refire(Incident resolved, int minutes) {
        return Lifecycle.apply(resolved, routed(alarm("cpu", "i-1", FIRING, at(minutes)), ROUTE));
    }

    @Test
    void shouldRestartTheClockWhenAnIncidentThatResolvedByItselfFiresAgain() {
        Incident mentioned = Lifecycle.escalate(open(), 2, Duration.ofMinutes(20), "<!subteam^S1>", at(20))
                .incident();
        Incident resolved = resolvedByItself(mentioned, 21);

        Transition reopened = refire(resolved, 30);
        Escalations.Clock clock = Escalations.clock(resolved, reopened, at(0), at(30));

        assertThat(clock.restarted()).isTrue();
        assertThat(clock.openSince()).isEqualTo(at(30));
        assertThat(clock.reason()).contains("reopened");
        assertThat(reopened.incident().escalationLevel())
                .as("each level may be reached once more")
                .isZero();
    }

    @Test
    void shouldRemindThenMentionAgainCountedFromTheReopeningOncePerLevel() {
        Incident mentioned = Lifecycle.escalate(open(), 2, Duration.ofMinutes(20), "<!subteam^S1>", at(20))
                .incident();
        Incident reopened = refire(resolvedByItself(mentioned, 21), 30).incident();

        Escalations.Decision early = Escalations.decide(reopened, at(30), ESCALATION, at(39));
        Escalations.Decision remind = Escalations.decide(reopened, at(30), ESCALATION, at(40));
        Incident reminded = Lifecycle.escalate(reopened, 1, Duration.ofMinutes(10), null, at(40))
                .incident();
        Escalations.Decision secondReminder = Escalations.decide(reminded, at(30), ESCALATION, at(45));
        Escalations.Decision mention = Escalations.decide(reminded, at(30), ESCALATION, at(50));
        Incident mentionedAgain = Lifecycle.escalate(reminded, 2, Duration.ofMinutes(20), "<!subteam^S1>", at(50))
                .incident();

        assertThat(early.escalates()).isFalse();
        assertThat(early.nextCheck()).isEqualTo(at(40));
        assertThat(remind.level()).isEqualTo(1);
        assertThat(secondReminder.escalates()).as("one reminder per opening").isFalse();
        assertThat(mention.level()).isEqualTo(2);
        assertThat(mention.mention()).isEqualTo("<!subteam^S1>");
        assertThat(Escalations.decide(mentionedAgain, at(30), ESCALATION, at(120))
                        .escalates())
                .isFalse();
    }

    @Test
    void shouldNotRestartTheClockWhenItReopensToItsOwner() {
        Incident incident = open();
        Incident acked = Lifecycle.apply(
                        incident,
                        Fixtures.action(
                                ActionType.ACKNOWLEDGE, incident.incidentId(), incident.groupKey(), "U1", at(1)))
                .incident();
        Incident resolved = resolvedByItself(acked, 2);

        Transition reopened = refire(resolved, 3);
        Escalations.Clock clock = Escalations.clock(resolved, reopened, at(0), at(3));

        assertThat(reopened.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(clock.restarted()).isFalse();
        assertThat(clock.openSince()).isEqualTo(at(0));
    }

    @Test
    void shouldKeepTheClockRunningWhenAnotherMemberJoinsAnOpenIncident() {
        Incident incident = open();

        Transition joined = Lifecycle.apply(incident, routed(alarm("memory", "i-1", FIRING, at(4)), ROUTE));
        Escalations.Clock clock = Escalations.clock(incident, joined, at(0), at(4));

        assertThat(clock.restarted()).isFalse();
        assertThat(clock.openSince()).isEqualTo(at(0));
    }

    @Test
    void shouldStartTheClockWhenSomethingFiresThatIsNotSilencedAfterOnlySilencedMembers() {
        Incident silenced = Lifecycle.open(
                        "INC-1", 1, routed(alarm("cpu", "i-1", FIRING, at(0)).suppressed("maint"), ROUTE))
                .incident();

        Transition audible = Lifecycle.apply(silenced, routed(alarm("memory", "i-1", FIRING, at(7)), ROUTE));
        Escalations.Clock clock = Escalations.clock(silenced, audible, at(0), at(7));

        assertThat(clock.restarted()).isTrue();
        assertThat(clock.openSince()).isEqualTo(at(7));
        assertThat(clock.reason()).contains("not silenced");
    }

    @Test
    void shouldRestartTheClockWhenSomeoneUnacknowledges() {
        Incident incident = open();
        Incident acked = Lifecycle.apply(
                        incident,
                        Fixtures.action(
                                ActionType.ACKNOWLEDGE, incident.incidentId(), incident.groupKey(), "U1", at(1)))
                .incident();

        Transition unacked = Lifecycle.apply(
                acked,
                Fixtures.action(ActionType.UNACKNOWLEDGE, incident.incidentId(), incident.groupKey(), "U1", at(8)));
        Escalations.Clock clock = Escalations.clock(acked, unacked, at(0), at(8));

        assertThat(clock.restarted()).isTrue();
        assertThat(clock.openSince()).isEqualTo(at(8));
    }
}
