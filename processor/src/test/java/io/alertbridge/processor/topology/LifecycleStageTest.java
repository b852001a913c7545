package io.alertbridge.processor.topology;

import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.incident.IncidentRecord;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stage {@code lifecycle} ({@link LifecycleStage}) inside the whole real topology: CloudWatch alarms and people's
 * actions in, the wall clock moving; the incidents it opens, changes, escalates and closes out. Each test ends by
 * asserting that nothing else was emitted on any output topic.
 */
class LifecycleStageTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final String GROUP = "default|resource=i-1";

    @TempDir
    Path stateDir;

    @Test
    void shouldOpenAnIncidentOnAnAlarmAndResolveItOnItsOk() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(6));

            assertThat(h.drainAlerts()).hasSize(2);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents)
                    .extracting(Incident::incidentId)
                    .containsOnly(incidents.get(0).incidentId());
            assertThat(incidents).extracting(Incident::version).containsExactly(1L, 2L);
            assertThat(incidents)
                    .extracting(Incident::state)
                    .containsExactly(IncidentState.OPEN, IncidentState.RESOLVED);
            assertThat(incidents.get(1).resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.POST, Type.UPDATE, Type.THREAD_REPLY);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldOpenAndResolveAnIncidentWhoseOkArrivedBeforeItsAlarm() {
        // SQS hands a message back after a crash, long after the next one went through: here the OK of 10:01
        // arrives first, then the ALARM of 10:00 it cleared. In order, this alarm opened and resolved an incident.
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.advance(Duration.ofMinutes(2));
            h.deliver(CloudWatchAlarms.stateChange("cpu-high-i-1", "i-1", false, T0.plus(Duration.ofMinutes(1))));
            h.deliver(CloudWatchAlarms.stateChange("cpu-high-i-1", "i-1", true, T0));
            h.advance(Duration.ofMinutes(6));

            assertThat(h.drainAlerts())
                    .extracting(AlertEvent::status)
                    .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents)
                    .extracting(Incident::state)
                    .containsExactly(IncidentState.OPEN, IncidentState.RESOLVED);
            assertThat(incidents.get(1).resolvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(h.drainCommands()).extracting(NotificationCommand::type).contains(Type.POST);
            h.assertNothingElseEmitted();
        }
    }

    /**
     * The live baseline of the replay benchmark ({@code bench/run ReplayThroughput}): four alarms of one instance enter
     * ALARM, then OK, one incident. An alarm's ALARM and OK carry different SNS message ids, so they sit in different
     * partitions of the raw topic, and Kafka Streams orders nothing across partitions: now and then one alarm's OK
     * reaches dedupe before its ALARM. Each of the eight inputs still changes the incident once, and it ends resolved.
     * Before dedupe let such an ALARM through followed by its OK, the OK was dropped as resolving nothing: seven
     * updates, the incident open for good (the benchmark stopped at 8,743 of 10,000 updates for 1,250 incidents).
     */
    @ParameterizedTest(name = "alarm m{0}''s OK first")
    @ValueSource(ints = {0, 1, 2, 3})
    void shouldChangeAnIncidentOncePerInputWhenOneMembersOkOvertakesItsAlarm(int overtaking) {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.advance(Duration.ofMinutes(1));
            List<RawAwsMessage> alarms = new ArrayList<>();
            List<RawAwsMessage> oks = new ArrayList<>();
            for (int m = 0; m < 4; m++) {
                alarms.add(CloudWatchAlarms.stateChange("m" + m + "-i-1", "i-1", true, T0.plusSeconds(m)));
                oks.add(CloudWatchAlarms.stateChange("m" + m + "-i-1", "i-1", false, T0.plusSeconds(10 + m)));
            }
            h.deliver(oks.get(overtaking));
            alarms.forEach(h::deliver);
            for (int m = 0; m < 4; m++) {
                if (m != overtaking) {
                    h.deliver(oks.get(m));
                }
            }
            h.advance(Duration.ofMinutes(6));

            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents).extracting(Incident::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            Incident last = incidents.get(incidents.size() - 1);
            assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(last.members())
                    .hasSize(4)
                    .extracting(IncidentMember::status)
                    .containsOnly(AlertStatus.RESOLVED);
        }
    }

    @Test
    void shouldReopenAResolvedIncidentWhenItsAlarmFiresAgainWithinTheWindow() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(2));
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));

            assertThat(h.drainAlerts()).hasSize(3);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents)
                    .extracting(Incident::incidentId)
                    .containsOnly(incidents.get(0).incidentId());
            assertThat(incidents)
                    .extracting(Incident::state)
                    .containsExactly(IncidentState.OPEN, IncidentState.RESOLVED, IncidentState.OPEN);
            assertThat(incidents.get(2).timeline())
                    .extracting(TimelineEntry::kind)
                    .contains(TimelineEntry.Kind.REOPENED);
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.POST, Type.UPDATE, Type.UPDATE);
            h.advance(Duration.ofMinutes(5));
            assertThat(h.drainCommands())
                    .as("the alarm's activity, batched into one reply")
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.THREAD_REPLY);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldCloseAResolvedIncidentOnceQuietForItsWindowAndOpenANewOneAfter() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(29));
            IncidentRecord resolved =
                    h.<IncidentRecord>store(StateStores.LIFECYCLE_INCIDENTS).get(GROUP);
            assertThat(resolved.incident()).isNotNull();
            Incident first = h.drainIncidents().get(0);

            h.advance(Duration.ofMinutes(2));
            assertThat(h.<IncidentRecord>store(StateStores.LIFECYCLE_INCIDENTS)
                            .get(GROUP)
                            .incident())
                    .as("closed once resolved and quiet for the 30-minute window")
                    .isNull();
            assertThat(h.drainIncidents())
                    .as("closing does not change the incident people see")
                    .isEmpty();

            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            List<Incident> opened = h.drainIncidents();
            assertThat(opened).hasSize(1);
            Incident next = opened.get(0);
            assertThat(next.incidentId()).isNotEqualTo(first.incidentId());
            assertThat(next.state()).isEqualTo(IncidentState.OPEN);
            assertThat(next.version()).as("versions continue across the group").isEqualTo(3L);
            assertThat(h.drainAlerts()).hasSize(3);
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type, NotificationCommand::incidentId)
                    .last()
                    .isEqualTo(tuple(Type.POST, next.incidentId()));
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldEscalateAnUnacknowledgedIncidentOnTheWallClockAloneAndStopOnceAcknowledged() {
        RouteRule escalating =
                Fixtures.escalating("web", "#web", Duration.ofMinutes(5), Duration.ofMinutes(10), "<!here>");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(escalating), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(11));

            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents).extracting(Incident::escalationLevel).containsExactly(0, 1, 2);
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type, NotificationCommand::mention)
                    .containsExactly(
                            tuple(Type.POST, null), tuple(Type.ESCALATION, null), tuple(Type.ESCALATION, "<!here>"));

            Incident open = incidents.get(2);
            h.action(Fixtures.action(ActionType.ACKNOWLEDGE, open.incidentId(), open.groupKey(), "U1", h.now()));
            h.advance(Duration.ofMinutes(30));
            assertThat(h.drainIncidents()).extracting(Incident::state).containsExactly(IncidentState.ACKNOWLEDGED);
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.UPDATE, Type.THREAD_REPLY);
            assertThat(h.drainAlerts()).hasSize(1);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldCatchUpOnEscalationsThatFellDueDuringAPause() {
        RouteRule escalating =
                Fixtures.escalating("web", "#web", Duration.ofMinutes(5), Duration.ofMinutes(10), "<!here>");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(escalating), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            assertThat(h.drainCommands()).extracting(NotificationCommand::type).containsExactly(Type.POST);

            h.pause(Duration.ofMinutes(15));
            h.advance(Duration.ofSeconds(5));

            assertThat(h.drainIncidents())
                    .extracting(Incident::escalationLevel)
                    .last()
                    .isEqualTo(2);
            assertThat(h.drainCommands())
                    .filteredOn(command -> command.type() == Type.ESCALATION)
                    .extracting(NotificationCommand::mention)
                    .as("whoever must be mentioned by now is mentioned, once")
                    .containsOnlyOnce("<!here>");
            assertThat(h.drainAlerts()).hasSize(1);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldEscalateAReFiredIncidentAgainWithItsDelaysCountedFromTheReopening() {
        RouteRule escalating =
                Fixtures.escalating("web", "#web", Duration.ofMinutes(5), Duration.ofMinutes(10), "<!here>");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(escalating), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(11));
            assertThat(escalations(h.drainCommands()))
                    .as("first opening: reminder, then mention")
                    .containsExactly("reminder", "mention <!here>");

            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(1));
            Instant reopenedAt = h.now();
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(escalations(h.drainCommands()))
                    .as("the reminder waits for the route's delay from the reopening")
                    .isEmpty();

            h.advanceTo(reopenedAt.plus(Duration.ofMinutes(5)));
            assertThat(escalations(h.drainCommands()))
                    .as("reopened and unacknowledged: reminded again")
                    .containsExactly("reminder");
            h.advanceTo(reopenedAt.plus(Duration.ofMinutes(10)).minusSeconds(1));
            assertThat(escalations(h.drainCommands()))
                    .as("no second reminder within one opening")
                    .isEmpty();
            h.advanceTo(reopenedAt.plus(Duration.ofMinutes(10)));
            assertThat(escalations(h.drainCommands()))
                    .as("then mentioned again")
                    .containsExactly("mention <!here>");
            h.advance(Duration.ofMinutes(30));
            assertThat(escalations(h.drainCommands()))
                    .as("each level once per opening")
                    .isEmpty();

            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents)
                    .extracting(Incident::incidentId)
                    .containsOnly(incidents.get(0).incidentId());
            assertThat(incidents)
                    .extracting(Incident::state, Incident::escalationLevel)
                    .containsExactly(
                            tuple(IncidentState.OPEN, 0),
                            tuple(IncidentState.OPEN, 1),
                            tuple(IncidentState.OPEN, 2),
                            tuple(IncidentState.RESOLVED, 2),
                            tuple(IncidentState.OPEN, 0),
                            tuple(IncidentState.OPEN, 1),
                            tuple(IncidentState.OPEN, 2));
            assertThat(h.drainAlerts()).hasSize(3);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldStopEscalatingAReFiredIncidentOnceAcknowledged() {
        RouteRule escalating =
                Fixtures.escalating("web", "#web", Duration.ofMinutes(5), Duration.ofMinutes(10), "<!here>");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(escalating), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(11));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(5));
            assertThat(escalations(h.drainCommands())).containsExactly("reminder", "mention <!here>", "reminder");

            Incident reminded = h.last();
            h.action(
                    Fixtures.action(ActionType.ACKNOWLEDGE, reminded.incidentId(), reminded.groupKey(), "U1", h.now()));
            h.advance(Duration.ofMinutes(30));

            assertThat(escalations(h.drainCommands()))
                    .as("acknowledged: no mention")
                    .isEmpty();
            assertThat(h.drainIncidents()).extracting(Incident::state).last().isEqualTo(IncidentState.ACKNOWLEDGED);
            assertThat(h.drainAlerts()).hasSize(3);
            h.assertNothingElseEmitted();
        }
    }

    /** The escalation replies among the commands, as "reminder" or "mention WHO"; other commands are dropped. */
    private static List<String> escalations(List<NotificationCommand> commands) {
        return commands.stream()
                .filter(command -> command.type() == Type.ESCALATION)
                .map(command -> command.mention() == null ? "reminder" : "mention " + command.mention())
                .toList();
    }
}
