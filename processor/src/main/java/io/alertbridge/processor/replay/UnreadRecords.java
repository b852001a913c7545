package io.alertbridge.processor.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Whether records a {@code read_committed} reader can see remain past a group's committed offsets.
 *
 * <p>A partition's end offset is not what a consumer that has read everything commits: transactions leave a commit
 * marker after their records, aborted records are never seen, and an open transaction hides what follows it. So "has
 * the group read everything?" is asked of the records themselves: it has, when no committed record lies between its
 * committed offset and the partition's high watermark. The high watermark, not the last stable offset: a
 * transaction that moved a group's offsets can still be unfinished on the partition it wrote to (its markers are
 * written partition by partition), and below the last stable offset its records would not be seen at all. Up to the
 * high watermark, the reader waits for such a transaction to end and then sees them. Not thread-safe.
 */
final class UnreadRecords implements AutoCloseable {

    // Short polls: a fetch that returns only a transaction marker moves the position but yields no record, and a
    // long poll would sit out its whole timeout on it. The loop below checks the position after every poll.
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;

    UnreadRecords(Map<String, Object> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Repartition topics are purged as they are read: an offset below the log start means "from its start".
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A read_committed fetch can otherwise wait its full fetch.max.wait.ms (500 ms) for data it will not see.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        consumer.close();
    }

    /**
     * Whether any of the partitions shows a committed record in {@code [from, end)}: all are read together, so the
     * answer costs one fetch round, not one per partition.
     *
     * @param from per partition, the first offset that matters (a group's committed offset)
     * @param ends per partition, its high watermark
     */
    boolean anyBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        List<TopicPartition> open = from.keySet().stream()
                .filter(partition -> from.get(partition) < ends.get(partition))
                .toList();
        if (open.isEmpty()) {
            return false;
        }
        consumer.assign(open);
        open.forEach(partition -> consumer.seek(partition, from.get(partition)));
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < giveUp) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    return true;
                }
            }
            if (open.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
                return false;
            }
        }
        // Could not read to the end in time (a transaction still open holds the reader back): treat it as not
        // drained, and ask again.
        return true;
    }
}
