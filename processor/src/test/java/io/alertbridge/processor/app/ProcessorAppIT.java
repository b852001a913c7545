package io.alertbridge.processor.app;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runner on a real broker: health follows Kafka Streams, and raw messages and scores come out as alerts. */
@ExtendWith(DevkitExtension.class)
class ProcessorAppIT {

    @TempDir
    Path stateDir;

    @Test
    void shouldReportReadyOnlyWhileRunningAndTurnRawMessagesAndScoresIntoAlerts(EmbeddedKafka kafka) throws Exception {
        String prefix = DevkitExtension.unique("app") + ".";
        Topics topics = Topics.withPrefix(prefix);
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), 1, (short) 1),
                            new NewTopic(topics.anomalyScores().name(), 1, (short) 1),
                            new NewTopic(topics.alerts().name(), 1, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1),
                            // The incident stages read people's actions and write incidents and Slack commands.
                            new NewTopic(topics.actions().name(), 1, (short) 1),
                            new NewTopic(topics.incidents().name(), 1, (short) 1),
                            new NewTopic(topics.incidentHistory().name(), 1, (short) 1),
                            new NewTopic(topics.notifications().name(), 1, (short) 1),
                            // The heartbeat stage reads pings.
                            new NewTopic(topics.heartbeats().name(), 1, (short) 1)))
                    .all()
                    .get();
        }
        ProcessorConfig config = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .stateDir(stateDir.toString())
                .applicationId(prefix + "processor")
                .build();

        ProcessorApp app = ProcessorApp.create(config, () -> RuleBook.empty("#alerts"));
        assertThat(app.health().ready()).isFalse();
        assertThat(app.health().state()).isEqualTo("CREATED");
        app.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.health().ready());
        assertThat(app.health().state()).isEqualTo("RUNNING");

        RawAwsMessage alarm = RawMessages.raw("eventbridge_cloudwatch_alarm_state_change_single_metric.json");
        AnomalyScore score =
                new AnomalyScore("numenta", "cpu-1", "i-1", "CPUUtilization", Instant.now(), 0.9, 97.0, Map.of());
        send(kafka, topics.awsRaw(), alarm.recordKey(), alarm);
        send(kafka, topics.anomalyScores(), score.series(), score);

        List<AlertEvent> alerts = new ArrayList<>();
        try (KafkaConsumer<String, AlertEvent> consumer = consumer(kafka, topics.alerts())) {
            consumer.subscribe(List.of(topics.alerts().name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> alerts.add(record.value()));
                return alerts.size() >= 2;
            });
        }
        assertThat(alerts)
                .extracting(AlertEvent::source, AlertEvent::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple("cloudwatch", AlertStatus.FIRING),
                        org.assertj.core.api.Assertions.tuple("anomaly", AlertStatus.FIRING));

        assertThat(app.close(Duration.ofSeconds(30))).isTrue();
        assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(app.health().ready()).isFalse();
    }

    private static <V> void send(EmbeddedKafka kafka, TopicSpec<String, V> topic, String key, V value) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(EmbeddedKafka kafka, TopicSpec<String, V> topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                DevkitExtension.unique("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        return new KafkaConsumer<>(
                props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
