package io.alertbridge.processor.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays one recorded range of history (three CloudWatch alarms, one anomaly series with a mild and a strong
 * episode) from a real broker under two rule sets that differ only in the anomaly fire threshold.
 */
@ExtendWith(DevkitExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    private ProcessorConfig config;
    private Map<String, Object> client;

    @BeforeAll
    void recordHistory(EmbeddedKafka kafka) throws Exception {
        String prefix = DevkitExtension.unique("replay") + ".";
        config = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .build();
        client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Topics topics = config.topicCatalog();
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(admin, topics, TopicCreator.TopicSettings.dev());
        }
        produceAlarms(kafka, topics.awsRaw());
        produceScores(kafka, topics.anomalyScores());
    }

    @Test
    void shouldReportDifferencesExactlyWhereTheRulesDiffer() throws Exception {
        Replay.Outcome lenient = replay(0.5);
        Replay.Outcome strict = replay(0.95);

        Map<String, Long> lenientAlerts = lenient.replayed().alertsBySource();
        Map<String, Long> strictAlerts = strict.replayed().alertsBySource();
        assertThat(lenient.records()).isEqualTo(3 + 19);
        assertThat(lenientAlerts.get("anomaly"))
                .as("two episodes: FIRING+RESOLVED each")
                .isEqualTo(4);
        assertThat(strictAlerts.get("anomaly"))
                .as("only the strong episode crosses 0.95")
                .isEqualTo(2);
        assertThat(lenientAlerts).containsKey("cloudwatch");
        assertThat(strictAlerts.get("cloudwatch"))
                .as("the alarms do not depend on the anomaly threshold")
                .isEqualTo(lenientAlerts.get("cloudwatch"));
        assertThat(lenient.replayed().deadLetters()).isZero();
        ObjectNode changes = ReplayReport.compare(lenient.replayed(), strict.replayed());
        assertThat(changes.get("alerts").asLong()).isEqualTo(2);
    }

    @Test
    void shouldMoveSlackMessagesBetweenChannelsExactlyWhereTheRoutesDiffer() throws Exception {
        Replay.Outcome toCheckout = replay(withRoute(rules(0.5), "#checkout"));
        Replay.Outcome toPayments = replay(withRoute(rules(0.5), "#payments"));

        ReplayReport a = toCheckout.replayed();
        ReplayReport b = toPayments.replayed();
        assertThat(a.commands("#checkout", NotificationCommand.Type.POST)).isEqualTo(1);
        assertThat(b.commands("#payments", NotificationCommand.Type.POST)).isEqualTo(1);
        assertThat(a.commandsByChannel()).doesNotContainKey("#payments");
        assertThat(b.commandsByChannel()).doesNotContainKey("#checkout");
        assertThat(a.commandsByChannel().get("#alerts"))
                .as("what the changed route does not match is untouched")
                .isEqualTo(b.commandsByChannel().get("#alerts"));
        ObjectNode changes = ReplayReport.compare(a, b);
        assertThat(changes.get("slackCommandsByChannel").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("#checkout", "#payments");
        assertThat(changes.get("incidents").asLong()).isZero();
    }

    @Test
    void shouldReplayOnlyTheRequestedRange() throws Exception {
        Replay.Outcome alarmsOnly = Replay.run(
                config, client, new Replay.Options(T0, T0.plusSeconds(10), rules(0.5), 0, Duration.ofMinutes(1)), null);

        assertThat(alarmsOnly.records()).isEqualTo(3);
        assertThat(alarmsOnly.replayed().alertsBySource()).doesNotContainKey("anomaly");
    }

    @Test
    void shouldNeverWriteToTheClusterItReadsFrom() throws Exception {
        replay(0.5);

        Replay.Outcome again = replay(0.5);
        assertThat(again.actual().alerts())
                .as("production's alerts topic stays empty: replay output lives in memory")
                .isZero();
    }

    @Test
    void shouldHandEveryNotificationTheReportCountsToTheListener() throws Exception {
        List<NotificationCommand> heard = new java.util.ArrayList<>();
        Replay.Outcome outcome = Replay.run(
                config,
                client,
                new Replay.Options(
                        T0.minusSeconds(1), T0.plus(Duration.ofHours(2)), rules(0.5), 0, Duration.ofMinutes(30)),
                null,
                heard::add);

        long counted = outcome.replayed().commandsByChannel().values().stream()
                .flatMap(types -> types.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        assertThat(heard).hasSize((int) counted).isNotEmpty();
        assertThat(heard.get(0).type()).isEqualTo(NotificationCommand.Type.POST);
        assertThat(heard).extracting(NotificationCommand::commandId).doesNotHaveDuplicates();
    }

    private Replay.Outcome replay(double fireThreshold) throws Exception {
        return replay(rules(fireThreshold));
    }

    private static RuleBook withRoute(RuleBook rules, String channel) {
        return rules.with(new RouteRule(
                "checkout-alarms",
                10,
                List.of(Matcher.parse("alarm=~ReplayAlarm[01]")),
                channel,
                List.of(),
                null,
                Duration.ofSeconds(10),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    }

    private Replay.Outcome replay(RuleBook rules) throws Exception {
        return Replay.run(
                config,
                client,
                new Replay.Options(T0.minusSeconds(1), T0.plus(Duration.ofHours(2)), rules, 0, Duration.ofMinutes(30)),
                null);
    }

    private RuleBook rules(double fireThreshold) {
        return RuleBook.of(
                List.of(new ThresholdRule(
                        "numenta", 1, List.of(Matcher.parse("detector=numenta")), fireThreshold, 0.3, 1, 1, 3, null)),
                "#alerts");
    }

    private static void produceAlarms(EmbeddedKafka kafka, TopicSpec<String, RawAwsMessage> raw) throws Exception {
        String sample;
        try (InputStream in = ReplayIT.class.getResourceAsStream(
                "/aws-samples/eventbridge_cloudwatch_alarm_state_change_single_metric.json")) {
            sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (KafkaProducer<String, RawAwsMessage> producer = producer(kafka, raw)) {
            for (int i = 0; i < 3; i++) {
                ObjectNode event = (ObjectNode) Json.mapper().readTree(sample);
                String alarm = "ReplayAlarm" + i;
                event.put("id", "replay-event-" + i);
                event.put("time", T0.plusSeconds(i).toString());
                event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + alarm);
                ((ObjectNode) event.get("detail")).put("alarmName", alarm);
                RawAwsMessage message = new RawAwsMessage(
                        "http://localhost/000000000000/alarms",
                        "sqs-" + i,
                        null,
                        event.toString(),
                        null,
                        null,
                        1,
                        T0.plusSeconds(i),
                        T0.plusSeconds(i));
                producer.send(new ProducerRecord<>(
                                raw.name(), null, T0.plusSeconds(i).toEpochMilli(), message.recordKey(), message))
                        .get();
            }
        }
    }

    private static void produceScores(EmbeddedKafka kafka, TopicSpec<String, AnomalyScore> topic) throws Exception {
        double[] scores = {
            0.1, 0.1, 0.1, 0.6, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.99, 0.99, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1
        };
        try (KafkaProducer<String, AnomalyScore> producer = producer(kafka, topic)) {
            for (int i = 0; i < scores.length; i++) {
                Instant at = T0.plus(Duration.ofMinutes(5L * (i + 1)));
                AnomalyScore score = new AnomalyScore(
                        "numenta",
                        "cpu-replay",
                        "i-replay",
                        "CPUUtilization",
                        at,
                        scores[i],
                        40.0,
                        Map.of("resource", "i-replay"));
                producer.send(new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), score.series(), score))
                        .get();
            }
        }
    }

    private static <V> KafkaProducer<String, V> producer(EmbeddedKafka kafka, TopicSpec<String, V> topic) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }
}
