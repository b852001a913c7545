package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.heartbeat.HeartbeatClock;
import io.alertbridge.processor.heartbeat.HeartbeatState;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats through the whole topology in a TopologyTestDriver: beats in (scores, pings), the wall clock advanced,
 * and the heartbeat's incident out through correlate, lifecycle and throttle like any other alert's.
 */
class HeartbeatScenariosTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String TOKEN_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** Scores of numenta expected every minute; an alert after 3 minutes without one. */
    private static final HeartbeatRule NUMENTA = new HeartbeatRule(
            "numenta-scores",
            BeatKind.SCORE,
            null,
            null,
            "numenta",
            "ec2-cpu-*",
            List.of(),
            null,
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            null,
            null,
            null,
            Map.of("team", "ml"));

    private static final HeartbeatRule BACKUP = new HeartbeatRule(
            "nightly-backup",
            BeatKind.PING,
            null,
            null,
            null,
            null,
            List.of(),
            TOKEN_SHA256,
            Duration.ofMinutes(1),
            null,
            2,
            null,
            null,
            Map.of());

    private static final List<Rule> RULES = List.of(
            Fixtures.route("heartbeats", "#heartbeats", List.of("heartbeat"), "source=heartbeat"), NUMENTA, BACKUP);

    @TempDir
    Path stateDir;

    private static List<NotificationCommand> ofType(List<NotificationCommand> commands, Type type) {
        return commands.stream().filter(c -> c.type() == type).toList();
    }

    private static List<AlertEvent> heartbeatAlerts(List<AlertEvent> alerts) {
        return alerts.stream()
                .filter(a -> a.source().equals(HeartbeatRule.SOURCE))
                .toList();
    }

    /** A score and a ping of the backup every minute for {@code minutes}, so both stay quiet. */
    private static void beatFor(IncidentTopologyHarness h, int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            h.score("i-0abc", 0.1);
            h.ping("nightly-backup");
            h.advance(Duration.ofMinutes(1));
        }
    }

    /** How the topology under test re-keys; {@link HeartbeatScenariosInTaskTest} runs every scenario in one task. */
    StreamsSlice.Hops hops() {
        return StreamsSlice.Hops.TOPICS;
    }

    @Test
    void shouldOpenAnIncidentWhenADetectorGoesSilentAndResolveItWhenItComesBack() {
        try (IncidentTopologyHarness h =
                new IncidentTopologyHarness(List.of(RULES.get(0), NUMENTA), stateDir, T0, hops())) {
            beatFor(h, 4);
            assertThat(h.drainCommands()).as("quiet while scores arrive").isEmpty();
            assertThat(heartbeatAlerts(h.drainAlerts())).isEmpty();

            // The detector goes silent after its score of 10:03; it is 10:04.
            h.advance(Duration.ofMinutes(1).plusSeconds(50));
            assertThat(heartbeatAlerts(h.drainAlerts()))
                    .as("not before 3 minutes of silence")
                    .isEmpty();
            h.advance(Duration.ofSeconds(20));
            List<AlertEvent> fired = heartbeatAlerts(h.drainAlerts());
            h.advance(Duration.ofMinutes(1));
            List<NotificationCommand> opened = h.drainCommands();

            assertThat(fired).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
                assertThat(alert.fingerprint()).isEqualTo("heartbeat:numenta-scores");
                assertThat(alert.title()).isEqualTo("No signals from detector numenta (series ec2-cpu-*) for 3m");
                assertThat(alert.labels())
                        .containsEntry("heartbeat", "numenta-scores")
                        .containsEntry("team", "ml");
            });
            assertThat(ofType(opened, Type.POST)).singleElement().satisfies(post -> {
                assertThat(post.incident().channel()).isEqualTo("#heartbeats");
                assertThat(post.incident().title()).contains("No signals from detector numenta");
                assertThat(post.incident().state()).isEqualTo(IncidentState.OPEN);
            });

            h.advance(Duration.ofMinutes(3));
            assertThat(heartbeatAlerts(h.drainAlerts()))
                    .as("fires once, not at every tick")
                    .isEmpty();
            h.drainCommands();

            h.score("i-0abc", 0.1);
            h.advance(Duration.ofMinutes(1));
            List<AlertEvent> back = heartbeatAlerts(h.drainAlerts());
            List<NotificationCommand> resolved = h.drainCommands();

            assertThat(back).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(alert.fingerprint()).isEqualTo("heartbeat:numenta-scores");
            });
            assertThat(resolved).as("the same incident resolves").anySatisfy(command -> {
                assertThat(command.incident().incidentId())
                        .isEqualTo(opened.get(0).incident().incidentId());
                assertThat(command.incident().state()).isEqualTo(IncidentState.RESOLVED);
            });
            assertThat(ofType(resolved, Type.POST)).isEmpty();
        }
    }

    @Test
    void shouldFireAPingHeartbeatNeverPingedOnceItsMissesAreUp() {
        try (IncidentTopologyHarness h =
                new IncidentTopologyHarness(List.of(RULES.get(0), BACKUP), stateDir, T0, hops())) {
            h.advance(Duration.ofMinutes(1).plusSeconds(50));
            assertThat(heartbeatAlerts(h.drainAlerts())).isEmpty();

            h.advance(Duration.ofSeconds(20));

            assertThat(heartbeatAlerts(h.drainAlerts())).singleElement().satisfies(alert -> {
                assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
                assertThat(alert.title()).isEqualTo("No pings from nightly-backup for 2m");
                assertThat(alert.summary()).startsWith("Never heard from since watched at");
            });

            h.ping("nightly-backup");
            h.advance(HeartbeatClock.RESOLUTION);

            assertThat(heartbeatAlerts(h.drainAlerts()))
                    .singleElement()
                    .extracting(AlertEvent::status)
                    .isEqualTo(AlertStatus.RESOLVED);
        }
    }

    @Test
    void shouldNotPageForTheWindowTheProcessorWasStalled() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(RULES, stateDir, T0, hops())) {
            beatFor(h, 3);

            // Nothing runs for two hours (a long stop: every punctuator's next turn comes at the end), then the
            // backlog of scores the detector kept producing is read.
            h.pause(Duration.ofHours(2));
            HeartbeatState backup =
                    h.<HeartbeatState>store(StateStores.HEARTBEATS).get("nightly-backup");
            beatFor(h, 3);

            assertThat(heartbeatAlerts(h.drainAlerts()))
                    .as("no heartbeat fires for the stall")
                    .isEmpty();
            assertThat(h.drainCommands()).isEmpty();
            assertThat(backup.firing()).isFalse();
            assertThat(backup.paused())
                    .as("the stall is not counted as silence")
                    .isGreaterThanOrEqualTo(Duration.ofHours(2));
            assertThat(backup.stoppedTo())
                    .isEqualTo(T0.plus(Duration.ofMinutes(3)).plus(Duration.ofHours(2)));
        }
    }
}
