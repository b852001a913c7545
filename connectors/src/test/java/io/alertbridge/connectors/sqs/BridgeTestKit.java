package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the bridge's integration tests: topics, producer settings, SQS sends and counts, reading records. */
final class BridgeTestKit {

    private BridgeTestKit() {}

    /** A topic catalog under a prefix of its own, so tests sharing a broker never share topics. */
    static Topics uniqueTopics(String name) {
        return Topics.withPrefix(DevkitExtension.unique(name) + ".");
    }

    /** Creates the raw (3 partitions) and dead-letter topics with the given topic-level settings. */
    static void createTopics(EmbeddedKafka kafka, Topics topics, Map<String, String> raw, Map<String, String> dlq)
            throws Exception {
        createTopics(kafka, topics, 3, raw, dlq);
    }

    static void createTopics(
            EmbeddedKafka kafka, Topics topics, int rawPartitions, Map<String, String> raw, Map<String, String> dlq)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), rawPartitions, (short) 1).configs(raw),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1).configs(dlq)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static Map<String, Object> producerConfig(EmbeddedKafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
    }

    /** A test configuration: short long polls so that close() is quick, otherwise the defaults. */
    static SqsBridgeConfig config(Topics topics, String... queueUrls) {
        return SqsBridgeConfig.of(List.of(queueUrls)).toBuilder()
                .topics(topics)
                .waitTime(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Sends the bodies in batches of 10 and returns the SQS message ids in body order. */
    static List<String> send(SqsClient sqs, String queueUrl, List<String> bodies) {
        List<String> ids = new ArrayList<>(bodies.size());
        for (int from = 0; from < bodies.size(); from += 10) {
            int start = from;
            List<SendMessageBatchRequestEntry> entries = IntStream.range(from, Math.min(bodies.size(), from + 10))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(i - start))
                            .messageBody(bodies.get(i))
                            .build())
                    .toList();
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            assertThat(response.failed()).as("send failures").isEmpty();
            String[] batchIds = new String[entries.size()];
            response.successful().forEach(ok -> batchIds[Integer.parseInt(ok.id())] = ok.messageId());
            ids.addAll(List.of(batchIds));
        }
        return ids;
    }

    /** Messages in the queue, visible or not. */
    static int queueDepth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    static int notVisible(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The value of one of the bridge's counters for a queue. */
    static double count(MeterRegistry registry, String name, String queueUrl) {
        RequiredSearch search = registry.get(QueueMetrics.PREFIX + name).tag("queue", queueUrl);
        return search.counter().count();
    }

    static double inFlight(MeterRegistry registry, String queueUrl) {
        return registry.get(QueueMetrics.PREFIX + "in.flight")
                .tag("queue", queueUrl)
                .gauge()
                .value();
    }

    static RawAwsMessage raw(Topics topics, ConsumerRecord<String, byte[]> record) {
        return topics.awsRaw().valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    /** Reads a topic from the beginning until {@code done} holds for everything read so far; fails after the timeout. */
    static List<ConsumerRecord<String, byte[]>> readUntil(
            EmbeddedKafka kafka, String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2000);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("read " + records.size() + " records from " + topic + " in " + timeout
                            + " without reaching the expected state");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Everything currently on a topic (reads until a poll comes back empty). */
    static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedKafka kafka, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
