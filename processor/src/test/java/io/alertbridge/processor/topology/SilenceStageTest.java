package io.alertbridge.processor.topology;

import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stage {@code silence} ({@link SilenceStage}) inside the whole real topology: CloudWatch alarms in as the SQS bridge
 * records them, silences on the rules topic; what reaches the alerts, incidents and notifications topics out. Each
 * test ends by asserting that nothing else was emitted on any output topic.
 */
class SilenceStageTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @TempDir
    Path stateDir;

    private static SilenceRule maintenance(String resource, Instant from, Instant until) {
        return new SilenceRule(
                "maint-" + resource, List.of(Matcher.parse("resource=" + resource)), from, until, "failover", "U9");
    }

    @Test
    void shouldRecordAnAlarmInsideAMaintenanceWindowOnItsIncidentAndNeverNotifyIt() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.rule("maint-db-1", maintenance("db-1", T0, T0.plus(Duration.ofHours(1))));

            h.alarm("db-cpu", "db-1", true);
            h.advance(Duration.ofMinutes(5));

            assertThat(h.drainAlerts())
                    .as("alertbridge.alerts holds what dedupe passed, before any silence")
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.isSuppressed()).isFalse());
            assertThat(h.drainIncidents()).singleElement().satisfies(incident -> {
                assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
                assertThat(incident.members())
                        .singleElement()
                        .extracting(IncidentMember::suppressed)
                        .isEqualTo(true);
                assertThat(incident.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.SUPPRESSED);
            });
            assertThat(h.drainCommands()).as("silenced: nobody is told").isEmpty();
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldLetTheOkOfASilencedAlarmResolveItsIncidentSilently() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.rule("maint-db-1", maintenance("db-1", T0, T0.plus(Duration.ofHours(1))));
            h.alarm("db-cpu", "db-1", true);
            h.advance(Duration.ofMinutes(1));
            h.drainAlerts();
            h.drainIncidents();

            h.alarm("db-cpu", "db-1", false);
            h.advance(Duration.ofMinutes(1));

            assertThat(h.drainAlerts()).extracting(AlertEvent::isSuppressed).containsExactly(false);
            assertThat(h.drainIncidents())
                    .as("a RESOLVED always passes the silence")
                    .last()
                    .extracting(Incident::state)
                    .isEqualTo(IncidentState.RESOLVED);
            assertThat(h.drainCommands())
                    .as("nobody was told it began, so nobody is told it ended")
                    .isEmpty();
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldSilenceByWhenTheAlarmHappenedNotWhenItArrived() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.rule("maint-db-1", maintenance("db-1", T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofHours(1))));

            // Happened before the window opened, arrives inside it: not silenced.
            h.advance(Duration.ofMinutes(15));
            h.deliver(CloudWatchAlarms.stateChange("db-cpu", "db-1", true, T0.plus(Duration.ofMinutes(5))));
            h.advance(Duration.ofMinutes(1));

            assertThat(h.drainAlerts()).hasSize(1);
            assertThat(h.drainIncidents()).singleElement().satisfies(incident -> assertThat(incident.members())
                    .singleElement()
                    .extracting(IncidentMember::suppressed)
                    .isEqualTo(false));
            assertThat(h.drainCommands()).extracting(NotificationCommand::type).containsExactly(Type.POST);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldNotSilenceAnAlarmOnAResourceNoSilenceMatches() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.rule("maint-db-1", maintenance("db-1", T0, T0.plus(Duration.ofHours(1))));

            h.alarm("db-cpu", "db-2", true);
            h.advance(Duration.ofMinutes(1));

            assertThat(h.drainAlerts())
                    .extracting(AlertEvent::title, AlertEvent::isSuppressed)
                    .containsExactly(tuple("db-cpu", false));
            assertThat(h.drainIncidents()).singleElement().satisfies(incident -> assertThat(incident.members())
                    .extracting(IncidentMember::suppressed)
                    .containsExactly(false));
            assertThat(h.drainCommands()).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.incident().groupLabels()).containsEntry("resource", "db-2");
            });
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldTellPeopleAtOnceOfALateAlarmFromAWindowThatHasSinceEndedWhileItStillFires() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.rule("maint-db-1", maintenance("db-1", T0, T0.plus(Duration.ofMinutes(10))));

            // Happened inside the window, arrives after it ended (SNS retried for a quarter of an hour).
            h.advance(Duration.ofMinutes(20));
            h.deliver(CloudWatchAlarms.stateChange("db-cpu", "db-1", true, T0.plus(Duration.ofMinutes(5))));
            h.advance(Duration.ofMinutes(1));

            assertThat(h.drainAlerts()).hasSize(1);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents.get(0).members())
                    .as("suppressed: it happened inside the window")
                    .extracting(IncidentMember::suppressed)
                    .containsExactly(true);
            assertThat(incidents.get(incidents.size() - 1).members())
                    .as("audible: the window is over and it still fires")
                    .extracting(IncidentMember::suppressed)
                    .containsExactly(false);
            assertThat(h.drainCommands()).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.incident().timeline())
                        .extracting(TimelineEntry::text)
                        .anyMatch(text -> text.contains("still firing after its silence ended"));
            });
            h.assertNothingElseEmitted();
        }
    }
}
