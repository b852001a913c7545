package io.alertbridge.processor.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once on a real broker: raw AWS messages (with SQS redeliveries and garbage) in, alerts out; the processor,
 * a separate JVM, is killed with SIGKILL in the middle and started again on the same state directory. On
 * {@code alertbridge.alerts}, read committed, every expected event is there exactly once; the dead letters too.
 *
 * <p>The restarted processor finds the killed run's marker and wipes its state before Kafka Streams opens it
 * ({@link CrashRecovery}), so Streams never meets a store left open: no {@code TaskCorruptedException}, and so never
 * the 4.3.1 path on which a stream thread died restoring the dedupe window store
 * ({@code InvalidStateStoreException: Store dedupe-event-ids.<segment> is currently closed}, KAFKA-20808). The
 * processors' logs stay in {@code target/eos-it-*}.
 */
@ExtendWith(DevkitExtension.class)
class ExactlyOnceRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceRestartIT.class);
    private static final int ALARMS = 100;
    private static final int TRANSITIONS_PER_HALF = 5;

    /** Under target/ rather than a temporary directory, so the processors' logs outlive a failure. */
    private final Path work =
            Path.of("target", DevkitExtension.unique("eos-it")).toAbsolutePath();

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /**
     * Once with the stages' hops through repartition topics on three partitions (a cluster's default), once with them
     * handed on in the one task of one partition ({@code streams.hops: in_task}, {@code alertbridge dev}'s default).
     */
    @ParameterizedTest(name = "streams.hops {0} on {1} partitions")
    @CsvSource({"topics, 3", "in_task, 1"})
    void shouldLoseAndDuplicateNothingWhenTheProcessorIsKilledMidWay(String hops, int partitions, EmbeddedKafka kafka)
            throws Exception {
        Files.createDirectories(work);
        Topics topics = Topics.withPrefix(DevkitExtension.unique("eos") + ".");
        createTopics(kafka, topics, partitions);
        Map<String, AlertStatus> expected = new LinkedHashMap<>();

        produce(kafka, topics, firstHalf(expected));
        Process first = startProcessor(kafka, topics, hops, "first");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> committedAlerts(kafka, topics).size() >= expected.size() / 3);
        first.destroyForcibly().waitFor();
        int beforeKill = committedAlerts(kafka, topics).size();
        LOG.info(
                "Killed the first processor with {} of the first half's {} alerts committed",
                beforeKill,
                expected.size());

        produce(kafka, topics, secondHalf(expected));
        startProcessor(kafka, topics, hops, "second");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> inputFullyConsumed(kafka, topics));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> committedAlerts(kafka, topics).size() >= expected.size());
        List<AlertEvent> alerts = committedAlerts(kafka, topics);
        assertThat(beforeKill).as("killed mid-way").isLessThan(expected.size());
        assertThat(alerts.stream().map(AlertEvent::eventId).toList())
                .as("every event exactly once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(alerts).allSatisfy(a -> assertThat(a.status()).isEqualTo(expected.get(a.eventId())));
        assertThat(perAlarmStatuses(alerts).values())
                .as("each alarm alternates FIRING, RESOLVED, ... in occurredAt order")
                .allSatisfy(statuses -> assertThat(statuses)
                        .hasSize(2 * TRANSITIONS_PER_HALF)
                        .isEqualTo(alternating(2 * TRANSITIONS_PER_HALF)));
        List<DeadLetter> letters = committedDeadLetters(kafka, topics);
        assertThat(letters)
                .extracting(DeadLetter::stage)
                .as("5 unreadable records and 5 unreadable bodies per half, each once")
                .containsOnly("deserialize", "normalize")
                .hasSize(20);
        assertThat(letters).extracting(l -> l.partition() + "@" + l.offset()).doesNotHaveDuplicates();
        String secondLog = Files.readString(work.resolve("second.log"));
        assertThat(secondLog)
                .as("the killed run's state wiped before Kafka Streams opened it; see " + work.resolve("second.log"))
                .contains("did not close cleanly")
                .doesNotContain("TaskCorruptedException")
                .doesNotContain("is currently closed")
                .doesNotContain("Stream thread failed");
    }

    // ---- input -------------------------------------------------------------------------------------------------

    private List<ProducerRecord<byte[], byte[]>> firstHalf(Map<String, AlertStatus> expected) throws IOException {
        return messages(expected, 0);
    }

    private List<ProducerRecord<byte[], byte[]>> secondHalf(Map<String, AlertStatus> expected) throws IOException {
        return messages(expected, TRANSITIONS_PER_HALF);
    }

    /** Alarm state changes (every 5th delivered twice, as SQS does), unreadable bytes and unreadable bodies. */
    private List<ProducerRecord<byte[], byte[]>> messages(Map<String, AlertStatus> expected, int firstTransition)
            throws IOException {
        ObjectNode template = (ObjectNode)
                Json.mapper().readTree(AwsSamples.text("eventbridge_cloudwatch_alarm_state_change_single_metric.json"));
        JsonSerde<RawAwsMessage> serde = JsonSerde.of(RawAwsMessage.class);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int sequence = 0;
        for (int t = firstTransition; t < firstTransition + TRANSITIONS_PER_HALF; t++) {
            for (int alarm = 0; alarm < ALARMS; alarm++) {
                AlertStatus status = t % 2 == 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED;
                String id = "alarm-" + alarm + "-transition-" + t;
                ObjectNode event = template.deepCopy();
                event.put("id", id);
                event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:123456789012:alarm:eos-" + alarm);
                ObjectNode detail = (ObjectNode) event.get("detail");
                detail.put("alarmName", "eos-" + alarm);
                ObjectNode state = (ObjectNode) detail.get("state");
                state.put("value", status == AlertStatus.FIRING ? "ALARM" : "OK");
                state.put("timestamp", Instant.parse("2024-11-06T10:00:00Z").plusSeconds(60L * t) + "");
                expected.put(id, status);
                // Keyed by alarm: one partition sees one alarm's messages in order (the bridge's key is the message
                // id; ordering across partitions is what dedupe's occurredAt rule is for, tested elsewhere).
                byte[] key = ("eos-" + alarm).getBytes(StandardCharsets.UTF_8);
                byte[] value = serde.toBytes(RawMessages.rawBody(event.toString()));
                records.add(new ProducerRecord<>("", key, value));
                if (sequence++ % 5 == 0) {
                    records.add(new ProducerRecord<>("", key, value));
                }
            }
        }
        Random random = new Random(firstTransition);
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[64];
            random.nextBytes(noise);
            records.add(
                    new ProducerRecord<>("", ("noise-" + firstTransition + i).getBytes(StandardCharsets.UTF_8), noise));
            records.add(new ProducerRecord<>(
                    "",
                    ("cut-" + firstTransition + i).getBytes(StandardCharsets.UTF_8),
                    serde.toBytes(RawMessages.rawBody("{\"detail-type\": \"CloudWatch Alarm St" + i))));
        }
        return records;
    }

    private static void produce(EmbeddedKafka kafka, Topics topics, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(new ProducerRecord<>(topics.awsRaw().name(), record.key(), record.value()));
            }
            producer.flush();
        }
    }

    // ---- the processor JVM --------------------------------------------------------------------------------------

    private Process startProcessor(EmbeddedKafka kafka, Topics topics, String hops, String name) throws IOException {
        Path config = work.resolve("alertbridge.yaml");
        Files.writeString(
                config,
                """
                streams:
                  applicationId: %s
                  hops: %s
                  commitInterval: 100ms
                  properties:
                    group.instance.id: eos-processor
                    session.timeout.ms: "10000"
                rocksdb: {blockCacheBytes: 16MiB, writeBufferBytes: 4MiB}
                """
                        .formatted(applicationId(topics), hops));
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ChildJvm.testJvm("256m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessorChild.class.getName()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ALERTBRIDGE_CONFIG", config.toString());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        builder.environment().put("ALERTBRIDGE_TOPIC_PREFIX", topics.prefix());
        builder.environment().put("ALERTBRIDGE_STATE_DIR", work.resolve("state").toString());
        Process process = builder.start();
        children.add(process);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> !process.isAlive() || Files.readString(log).contains("REBALANCING -> RUNNING"));
        assertThat(process.isAlive())
                .as("processor " + name + " started; see " + log)
                .isTrue();
        return process;
    }

    private static String applicationId(Topics topics) {
        return topics.prefix() + "processor";
    }

    // ---- output ------------------------------------------------------------------------------------------------

    private static void createTopics(EmbeddedKafka kafka, Topics topics, int partitions)
            throws ExecutionException, InterruptedException {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), partitions, (short) 1),
                            new NewTopic(topics.anomalyScores().name(), 1, (short) 1),
                            new NewTopic(topics.alerts().name(), partitions, (short) 1),
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
    }

    private static KafkaConsumer<byte[], byte[]> readCommitted(EmbeddedKafka kafka) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Everything committed on a topic: read from the start up to the last stable offset. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = readCommitted(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<AlertEvent> committedAlerts(EmbeddedKafka kafka, Topics topics) {
        return readAll(kafka, topics.alerts().name()).stream()
                .map(r -> topics.alerts()
                        .valueSerde()
                        .deserializer()
                        .deserialize(topics.alerts().name(), r.value()))
                .toList();
    }

    private static List<DeadLetter> committedDeadLetters(EmbeddedKafka kafka, Topics topics) {
        return readAll(kafka, topics.deadLetters().name()).stream()
                .map(r -> DeadLetter.readFrom(r.headers()))
                .toList();
    }

    /**
     * The processor committed offsets at the end of every partition it reads (the raw topic and, through topics, its
     * own repartition topics): nothing left to process, and under exactly-once its output is committed with those
     * offsets.
     */
    private static boolean inputFullyConsumed(EmbeddedKafka kafka, Topics topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId(topics))
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            admin.describeTopics(List.of(topics.awsRaw().name()))
                    .allTopicNames()
                    .get()
                    .get(topics.awsRaw().name())
                    .partitions()
                    .forEach(info -> latest.put(
                            new TopicPartition(topics.awsRaw().name(), info.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream()
                    .allMatch(e -> committed.containsKey(e.getKey())
                            && committed.get(e.getKey()).offset()
                                    >= e.getValue().offset());
        }
    }

    private static Map<String, List<AlertStatus>> perAlarmStatuses(List<AlertEvent> alerts) {
        return alerts.stream()
                .sorted(java.util.Comparator.comparing(AlertEvent::occurredAt))
                .collect(Collectors.groupingBy(
                        AlertEvent::fingerprint, Collectors.mapping(AlertEvent::status, Collectors.toList())));
    }

    private static List<AlertStatus> alternating(int n) {
        List<AlertStatus> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(i % 2 == 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED);
        }
        return statuses;
    }
}
