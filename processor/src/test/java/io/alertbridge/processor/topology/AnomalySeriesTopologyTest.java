package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.incident.MemberDetails;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the whole topology: a series' recent scores, whether a detector produced them to Kafka or published them
 * through SNS and SQS, are one history, which the FIRING carries onto the incident's member and the Slack command;
 * an incident keeps scores only for its few worst members that have them.
 */
class AnomalySeriesTopologyTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldGraphScoresFromKafkaAndFromSnsAsOneSeriesOnTheIncidentMember() {
        double[] scores = {0.1, 0.2, 0.15, 0.3, 0.9};
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            for (int i = 0; i < scores.length; i++) {
                h.advance(Duration.ofSeconds(1));
                AnomalyScore score = score("ec2-cpu-i-0abc", h.now(), scores[i]);
                if (i % 2 == 0) {
                    h.score(score);
                } else {
                    h.deliver(RawMessages.rawBody(json(score)));
                }
            }
            h.advance(Duration.ofMinutes(2));

            AlertEvent firing = single(h.drainAlerts());
            assertThat(firing.status()).isEqualTo(AlertStatus.FIRING);
            AnomalySeries graphed = firing.scores();
            assertThat(graphed.points())
                    .as("the points of both paths, in time order")
                    .extracting(AnomalySeries.Point::score)
                    .containsExactly(0.1, 0.2, 0.15, 0.3, 0.9);
            assertThat(graphed.points().get(4).time()).isEqualTo(T0.plusSeconds(5));
            assertThat(graphed.rule()).isEqualTo(DetectSlice.DEFAULT_RULE_ID);
            assertThat(graphed.fireThreshold()).isEqualTo(0.5);
            assertThat(graphed.clearThreshold()).isEqualTo(0.3);
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents).isNotEmpty().allSatisfy(incident -> assertThat(
                            single(incident.members()).scores())
                    .isEqualTo(graphed));
            List<NotificationCommand> commands = h.drainCommands();
            assertThat(commands).isNotEmpty().allSatisfy(command -> assertThat(
                            single(command.incident().members()).scores())
                    .isEqualTo(graphed));
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldKeepScoresOnlyForTheWorstMembersThatHaveThem() {
        int series = MemberDetails.MAX_MEMBERS_WITH_SCORES + 2;
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            for (int s = 0; s < series; s++) {
                h.advance(Duration.ofSeconds(1));
                h.score(score("ec2-cpu-i-0abc-" + s, h.now(), 0.1));
                h.advance(Duration.ofSeconds(1));
                h.score(score("ec2-cpu-i-0abc-" + s, h.now(), 0.9));
            }
            h.advance(Duration.ofMinutes(2));

            assertThat(h.drainAlerts())
                    .hasSize(series)
                    .allSatisfy(firing -> assertThat(firing.scores().points()).hasSize(2));
            List<Incident> incidents = h.drainIncidents();
            Incident last = incidents.get(incidents.size() - 1);
            assertThat(last.members()).hasSize(series);
            assertThat(last.members())
                    .filteredOn(m -> m.scores() != null)
                    .as("all fire with one severity: the most recently changed are the worst")
                    .extracting(IncidentMember::fingerprint)
                    .containsExactlyInAnyOrder(
                            "anomaly:numenta:ec2-cpu-i-0abc-2",
                            "anomaly:numenta:ec2-cpu-i-0abc-3",
                            "anomaly:numenta:ec2-cpu-i-0abc-4",
                            "anomaly:numenta:ec2-cpu-i-0abc-5");
            assertThat(last.members())
                    .filteredOn(m -> m.scores() == null)
                    .as("the others keep their other details")
                    .allSatisfy(m -> assertThat(m.annotations()).containsKey("peakScore"));
            h.drainCommands();
            h.assertNothingElseEmitted();
        }
    }

    private static AnomalyScore score(String series, Instant at, double score) {
        return new AnomalyScore("numenta", series, "i-0abc", "CPUUtilization", at, score, 50.0 + score, Map.of());
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static String json(AnomalyScore score) {
        try {
            return Json.mapper().writeValueAsString(score);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
