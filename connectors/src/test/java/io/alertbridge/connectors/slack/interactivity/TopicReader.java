package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.topics.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

/** Reads a topic from its beginning, record after record, as a test needs it. Not thread-safe. */
final class TopicReader<V> implements AutoCloseable {

    private final TopicSpec<String, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deque<ConsumerRecord<String, byte[]>> buffered = new ArrayDeque<>();

    TopicReader(String bootstrap, TopicSpec<String, V> topic, int partitions) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic.name(), p))
                .toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** The next record's key and value, waiting up to {@code timeout}. */
    Keyed<V> next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffered.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no record on " + topic.name() + " within " + timeout);
            }
            consumer.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos())))
                    .forEach(buffered::add);
        }
        ConsumerRecord<String, byte[]> record = buffered.poll();
        return new Keyed<>(
                record.key(),
                topic.valueSerde().deserializer().deserialize(topic.name(), record.value()),
                record.timestamp());
    }

    /** A record as read: key, value, and the broker's timestamp. */
    record Keyed<V>(String key, V value, long timestamp) {}

    @Override
    public void close() {
        consumer.close();
    }
}
