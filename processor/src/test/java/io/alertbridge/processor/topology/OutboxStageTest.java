package io.alertbridge.processor.topology;

import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.UserAction;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage {@code outbox} ({@link OutboxStage}) inside the whole real topology: real AWS payloads and CloudWatch alarms
 * in; what lands on {@code alertbridge.incidents} and {@code alertbridge.notifications}, with which key, out. Each
 * test ends by asserting that nothing else was emitted on any output topic.
 */
class OutboxStageTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldPublishARealAlarmsIncidentAndItsPostKeyedByTheIncidentsGroup() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.deliver(RawMessages.raw("eventbridge_cloudwatch_alarm_state_change_single_metric.json"));
            h.advance(Duration.ofSeconds(30));

            AlertEvent alert = h.drainAlerts().get(0);
            List<TestRecord<String, Incident>> incidents = h.drainIncidentRecords();
            assertThat(incidents).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(record.value().groupKey());
                assertThat(record.value().state()).isEqualTo(IncidentState.OPEN);
                assertThat(record.value().members())
                        .singleElement()
                        .satisfies(member -> assertThat(member.fingerprint()).isEqualTo(alert.fingerprint()));
            });
            assertThat(h.drainCommandRecords()).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(incidents.get(0).key());
                assertThat(record.value().type()).isEqualTo(Type.POST);
                assertThat(record.value().incident()).isEqualTo(incidents.get(0).value());
            });
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldPublishEveryIncidentChangeInOrderWhileSlackGetsOnlyWhatTheThrottlePasses() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            for (int i = 0; i < 10; i++) {
                h.alarm("cpu-high-i-1", "i-1", i % 2 == 0);
                h.advance(Duration.ofSeconds(2));
            }
            h.advance(Duration.ofSeconds(30));

            List<TestRecord<String, Incident>> incidents = h.drainIncidentRecords();
            assertThat(incidents)
                    .extracting(TestRecord::key)
                    .as("one compacted key per group")
                    .containsOnly("default|resource=i-1");
            assertThat(incidents)
                    .extracting(record -> record.value().version())
                    .as("every version, in order, none skipped")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 10).boxed().toList());
            assertThat(h.drainCommandRecords())
                    .as("the group wait held Slack back: one post, showing the latest snapshot")
                    .singleElement()
                    .satisfies(post -> {
                        assertThat(post.key()).isEqualTo("default|resource=i-1");
                        assertThat(post.value().type()).isEqualTo(Type.POST);
                        assertThat(post.value().incident())
                                .isEqualTo(incidents.get(incidents.size() - 1).value());
                    });
            h.advance(Duration.ofMinutes(5));
            assertThat(h.drainAlerts()).hasSize(10);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldNotPublishTheClosingOfAnIncident() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(10));
            assertThat(h.drainIncidents())
                    .extracting(Incident::state)
                    .containsExactly(IncidentState.OPEN, IncidentState.RESOLVED);
            assertThat(h.drainCommands()).isNotEmpty();
            assertThat(h.drainAlerts()).hasSize(2);

            h.advance(Duration.ofMinutes(30));

            assertThat(h.drainIncidents())
                    .as("the resolved snapshot stays the group's latest: a compacted topic keeps what people last saw")
                    .isEmpty();
            assertThat(h.drainCommands()).isEmpty();
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldKeyADigestByItsChannel() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            for (int i = 0; i < 15; i++) {
                h.alarm("cpu-high-i-" + i, "i-" + i, true);
            }
            h.advance(Duration.ofMinutes(1));

            List<TestRecord<String, NotificationCommand>> commands = h.drainCommandRecords();
            assertThat(commands)
                    .filteredOn(record -> record.value().type() == Type.DIGEST)
                    .isNotEmpty()
                    .extracting(TestRecord::key)
                    .containsOnly("digest:#alerts");
            assertThat(commands)
                    .filteredOn(record -> record.value().type() != Type.DIGEST)
                    .allSatisfy(record -> assertThat(record.key())
                            .isEqualTo(record.value().incident().groupKey()));
            assertThat(h.drainIncidents()).hasSize(15);
            assertThat(h.drainAlerts()).hasSize(15);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldWriteEveryTransitionToTheHistoryInTheSameTransactionKeyedByGroup() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(30));
            Incident open = h.drainIncidents().get(0);
            h.action(Fixtures.action(
                    UserAction.ActionType.ACKNOWLEDGE, open.incidentId(), open.groupKey(), "U1", h.now()));
            h.advance(Duration.ofSeconds(5));
            h.alarm("cpu-high-i-1", "i-1", false);
            h.advance(Duration.ofSeconds(5));

            List<TestRecord<String, IncidentTransition>> history = h.drainHistoryRecords();
            assertThat(history).extracting(TestRecord::key).containsOnly(open.groupKey());
            assertThat(history)
                    .extracting(r -> r.value().kind())
                    .containsExactly(
                            IncidentTransition.Kind.OPENED,
                            IncidentTransition.Kind.ACKNOWLEDGED,
                            IncidentTransition.Kind.ALERT_RESOLVED,
                            IncidentTransition.Kind.RESOLVED);
            assertThat(history.get(0).value().fingerprint())
                    .isEqualTo(open.members().get(0).fingerprint());
            assertThat(history.get(1).value().actor()).isEqualTo("U1");
            assertThat(history.get(3).value().automatic()).isTrue();
            assertThat(history).allSatisfy(r -> {
                assertThat(r.value().incidentId()).isEqualTo(open.incidentId());
                assertThat(r.value().openedAt()).isEqualTo(open.firstSeen());
            });
            h.drainIncidents();
            h.drainCommands();
            h.drainAlerts();
            h.assertNothingElseEmitted();
        }
    }
}
