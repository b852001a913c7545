package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.topology.StreamsItSupport.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A series' recent scores (store {@code detect-scores}) survive a restart of the whole processor, exactly-once, on an
 * empty state directory (restored from the changelog): the RESOLVED after the restart carries the points scored
 * before it and the one after, onto the incident's member.
 */
@ExtendWith(DevkitExtension.class)
class DetectScoresRestartIT {

    private static final String SERIES = "cpu-i-7";

    /** Fires on one score at or above 0.6, resolves on one below 0.3: every transition is one score. */
    private static final ThresholdRule QUICK = new ThresholdRule("quick", 1, List.of(), 0.6, 0.3, 1, 1, 1, null);

    @Test
    void shouldKeepTheSeriesPointsAcrossARestartOnAnEmptyStateDirectory(
            EmbeddedKafka kafka, @TempDir Path firstState, @TempDir Path secondState) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "scores-restart");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3_600);
        List<NotificationCommand> seen = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = StreamsItSupport.notifications(kafka, topics)) {
            try (ProcessorApp app =
                    StreamsItSupport.start(StreamsItSupport.config(kafka, topics, firstState), rules())) {
                double[] before = {0.1, 0.2, 0.1, 0.9};
                for (int minute = 0; minute < before.length; minute++) {
                    score(producer, topics, t0.plusSeconds(60L * minute), before[minute]);
                }
                NotificationCommand post =
                        StreamsItSupport.await(consumer, seen, c -> c.type() == Type.POST && member(c) != null);
                assertThat(member(post).scores().points())
                        .extracting(AnomalySeries.Point::score)
                        .containsExactly(0.1, 0.2, 0.1, 0.9);
                app.streams()
                        .close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                                .withTimeout(PATIENCE));
            }

            try (ProcessorApp app =
                    StreamsItSupport.start(StreamsItSupport.config(kafka, topics, secondState), rules())) {
                score(producer, topics, t0.plusSeconds(4 * 60L), 0.05);
                NotificationCommand resolved = StreamsItSupport.await(
                        consumer,
                        seen,
                        c -> c.type() == Type.UPDATE && c.incident().state() == IncidentState.RESOLVED);

                AnomalySeries scores = member(resolved).scores();
                assertThat(scores.points())
                        .as("the four points from before the restart, restored, and the one after")
                        .extracting(AnomalySeries.Point::score)
                        .containsExactly(0.1, 0.2, 0.1, 0.9, 0.05);
                assertThat(scores.points().get(0).time()).isEqualTo(t0);
                assertThat(scores.rule()).isEqualTo("quick");
                assertThat(scores.fireThreshold()).isEqualTo(0.6);
                assertThat(scores.clearThreshold()).isEqualTo(0.3);
            }
        }
    }

    private static LiveRuleBook rules() {
        return new LiveRuleBook(List.of(StreamsItSupport.route("default", List.of(), "#alerts"), QUICK), "#alerts");
    }

    private static IncidentMember member(NotificationCommand command) {
        return command.incident().members().stream()
                .filter(m -> m.fingerprint().equals("anomaly:randomCutForest:" + SERIES))
                .findFirst()
                .orElse(null);
    }

    private static void score(KafkaProducer<String, byte[]> producer, Topics topics, Instant at, double score)
            throws Exception {
        TopicSpec<String, AnomalyScore> spec = topics.anomalyScores();
        AnomalyScore point = new AnomalyScore(
                "randomCutForest", SERIES, "i-7", "CPUUtilization", at, score, 40.0, Map.of("service", "api"));
        producer.send(new ProducerRecord<>(
                        spec.name(),
                        null,
                        at.toEpochMilli(),
                        SERIES,
                        spec.valueSerde().serializer().serialize(spec.name(), point)))
                .get();
    }
}
