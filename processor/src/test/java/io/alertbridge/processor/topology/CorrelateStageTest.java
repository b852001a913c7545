package io.alertbridge.processor.topology;

import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stage {@code correlate} ({@link CorrelateStage}) inside the whole real topology: CloudWatch alarms and people's
 * actions in; which incident and channel they end up in out. Each test ends by asserting that nothing else was emitted
 * on any output topic.
 */
class CorrelateStageTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldPutTwoAlarmsAboutOneInstanceInOneIncidentAndOnePost() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(5));
            h.alarm("status-check-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(40));

            assertThat(h.drainAlerts()).hasSize(2);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents)
                    .extracting(Incident::incidentId)
                    .containsOnly(incidents.get(0).incidentId());
            assertThat(incidents).last().satisfies(incident -> {
                assertThat(incident.groupKey()).isEqualTo("default|resource=i-1");
                assertThat(incident.members()).extracting(IncidentMember::title).hasSize(2);
            });
            assertThat(h.drainCommands())
                    .as("the group wait gathers both into the first post")
                    .singleElement()
                    .satisfies(post -> {
                        assertThat(post.type()).isEqualTo(Type.POST);
                        assertThat(post.incident().members()).hasSize(2);
                    });
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldRouteEachAlarmByTheFirstMatchingRouteIntoItsOwnGroupAndChannel() {
        var payments = Fixtures.route("payments", "#payments", List.of("resource"), "alarm=~pay-.*");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(payments), stateDir, T0)) {
            h.alarm("pay-latency-i-1", "i-1", true);
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(40));

            assertThat(h.drainAlerts()).hasSize(2);
            assertThat(h.drainIncidentRecords())
                    .extracting(TestRecord::key, r -> r.value().channel(), r -> r.value()
                            .routeId())
                    .containsExactlyInAnyOrder(
                            tuple("payments|resource=i-1", "#payments", "payments"),
                            tuple("default|resource=i-1", "#alerts", "default"));
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type, NotificationCommand::channel)
                    .containsExactlyInAnyOrder(tuple(Type.POST, "#payments"), tuple(Type.POST, "#alerts"));
            assertThat(h.producedTopicNames()).contains("alertbridge-processor-incident-inputs-repartition");
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldBringAPersonsActionToTheIncidentOfItsGroup() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(40));
            h.drainAlerts();
            h.drainCommands();
            Incident open = h.drainIncidents().get(0);

            h.action(Fixtures.action(ActionType.ACKNOWLEDGE, open.incidentId(), open.groupKey(), "U1", h.now()));
            h.advance(Duration.ofSeconds(2));

            assertThat(h.drainIncidents()).singleElement().satisfies(incident -> {
                assertThat(incident.incidentId()).isEqualTo(open.incidentId());
                assertThat(incident.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
                assertThat(incident.acknowledgedBy()).isEqualTo("U1");
            });
            assertThat(h.drainCommands())
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.UPDATE, Type.THREAD_REPLY);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldIgnoreAnActionForAGroupWithoutAnIncident() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.action(Fixtures.action(ActionType.ACKNOWLEDGE, "INC-NONE", "default|resource=i-9", "U1", h.now()));
            h.advance(Duration.ofMinutes(1));

            h.assertNothingElseEmitted();
        }
    }
}
