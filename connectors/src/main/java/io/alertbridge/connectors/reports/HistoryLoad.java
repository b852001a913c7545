package io.alertbridge.connectors.reports;

import io.alertbridge.connectors.kafka.TopicFollower;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.topics.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the incident history topic once, from its beginning to the end it has when the read starts, into a
 * {@link HistoryIndex}: what {@code alertbridge report} does, and what the history view does after every start.
 * Blocking; not thread-safe (one call, one consumer).
 */
public final class HistoryLoad {

    private static final Duration POLL = Duration.ofMillis(200);

    private HistoryLoad() {}

    /**
     * The outcome.
     *
     * @param index what was read
     * @param skipped records that were not valid transitions
     * @param took how long the read took
     */
    public record Result(HistoryIndex index, long skipped, Duration took) {}

    /**
     * Reads the topic.
     *
     * @param kafka client properties (bootstrap servers, security)
     * @param timeout how long the whole read may take
     * @throws IllegalStateException when the topic does not exist or the read does not finish in time
     */
    public static Result read(
            TopicSpec<String, IncidentTransition> topic,
            Map<String, Object> kafka,
            HistoryIndex.Bounds bounds,
            Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Properties client = new Properties();
        client.putAll(kafka);
        Properties props = TopicFollower.consumerProps(
                client,
                TopicFollower.Settings.of("History load", "history-load", "alertbridge-history-load")
                        .withMaxPollRecords(5000));
        HistoryIndex index = new HistoryIndex(bounds);
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic.name() + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    IncidentTransition t;
                    try {
                        t = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    } catch (SerializationException e) {
                        t = null;
                    }
                    if (t == null) {
                        skipped++;
                    } else {
                        index.apply(t);
                    }
                }
            }
        }
        return new Result(index, skipped, Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> target : end.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }
}
