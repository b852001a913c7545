package io.alertbridge.processor.replay;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild paces a channel's posts on the records' own time, through the real runtime (in-process broker, exactly
 * once, the rebuild's feed): incidents that open together and wait for their channel's post slot are posted one
 * post spacing apart from the end of their group wait, not when the next record of a sparse history happens to
 * arrive minutes later.
 *
 * <p>History: at T, an alarm on each of five instances opens five incidents routed to one channel (group wait 30 s, the
 * default post spacing of 1 s); the next record is an hour later.
 */
@ExtendWith(DevkitExtension.class)
class RebuildPostPaceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(4));
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    private static final int INSTANCES = 5;

    @TempDir
    Path stateDir;

    @Test
    void shouldPostIncidentsWaitingForTheirChannelOneSpacingApartOnTheRecordsTime(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = createTopics(kafka);
        ProcessorConfig config = config(kafka, topics);
        for (int i = 0; i < INSTANCES; i++) {
            produceAlarm(kafka, topics, "CpuHigh-i-" + i, "i-" + i, true, T0);
        }
        produceAlarm(kafka, topics, "CpuHigh-i-0", "i-0", false, T0.plus(Duration.ofHours(1)));

        String id = Rebuild.defaultApplicationId(config, Instant.now());
        Rebuild.Outcome rebuilt = Rebuild.run(
                config,
                new Rebuild.Options(id, T0.minusSeconds(60), rules(), false, PATIENCE, Duration.ofMinutes(5)),
                null);

        List<NotificationCommand> commands = read(kafka, rebuilt.outputs().notifications());
        List<Instant> posts = commands.stream()
                .filter(command -> command.type() == NotificationCommand.Type.POST)
                .map(NotificationCommand::createdAt)
                .sorted()
                .toList();
        Instant waitEnds = T0.plus(GROUP_WAIT);
        assertThat(posts)
                .as("one post a second from the end of the group wait, long before the next record at T0 + 1 h")
                .containsExactly(
                        waitEnds,
                        waitEnds.plusSeconds(1),
                        waitEnds.plusSeconds(2),
                        waitEnds.plusSeconds(3),
                        waitEnds.plusSeconds(4));
    }

    private static RuleBook rules() {
        return RuleBook.of(
                List.of(new RouteRule(
                        "ec2",
                        1,
                        List.of(Matcher.parse("source=cloudwatch")),
                        "#ops",
                        List.of("resource"),
                        Duration.ofMinutes(30),
                        GROUP_WAIT,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)),
                "#alerts");
    }

    private static void produceAlarm(
            EmbeddedKafka kafka, Topics topics, String alarm, String instance, boolean firing, Instant at)
            throws Exception {
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        RawAwsMessage message = CloudWatchAlarms.stateChange(alarm, instance, firing, at);
        try (KafkaProducer<String, RawAwsMessage> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                raw.keySerde().serializer(),
                raw.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(raw.name(), null, at.toEpochMilli(), message.recordKey(), message))
                    .get();
        }
    }

    private static Topics createTopics(EmbeddedKafka kafka) throws Exception {
        Topics topics = Topics.withPrefix(DevkitExtension.unique("rebuild-pace") + ".");
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(2, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        return topics;
    }

    private ProcessorConfig config(EmbeddedKafka kafka, Topics topics) {
        return ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(topics.prefix())
                .stateDir(stateDir.toString())
                .applicationId(topics.prefix() + "processor")
                .incidents(new IncidentsSlice(Duration.ofMillis(200), Duration.ofMillis(200), ThrottleSlice.defaults()))
                .build();
    }

    private static <V> List<V> read(EmbeddedKafka kafka, TopicSpec<String, V> topic) {
        List<V> out = new ArrayList<>();
        try (HistoryReader reader = new HistoryReader(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), List.of(topic.name()), null, null)) {
            reader.forEach(
                    record -> out.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())));
        }
        return out;
    }
}
