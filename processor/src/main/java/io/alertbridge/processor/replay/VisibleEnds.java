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
 * Where the last record a {@code read_committed} reader can see ends, per partition: one past its offset.
 *
 * <p>A partition's end offset is not what a consumer that has read everything commits: transactions leave a commit
 * marker after their records, aborted records are never seen, and an open transaction hides what follows it. So "has
 * the group read everything?" is asked of the last visible record instead: the group is done with a partition when
 * its committed offset is at least that record's offset plus one. Not thread-safe.
 */
final class VisibleEnds implements AutoCloseable {

    // Short polls: a fetch that returns only a transaction marker moves the position but yields no record, and a
    // long poll would sit out its whole timeout on it. The loop below checks the position after every poll.
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long FIRST_LOOK_BACK = 64;

    private final KafkaConsumer<byte[], byte[]> consumer;

    VisibleEnds(Map<String, Object> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Repartition topics are purged as they are read: an offset below the log start means "from its start".
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * One past the last visible record in {@code [floor, stableEnd)}, or {@code floor} when that range shows none.
     *
     * @param partition the partition
     * @param floor where to stop looking back (the first offset that matters)
     * @param stableEnd the partition's last stable offset (its end as a {@code read_committed} reader sees it)
     */
    long of(TopicPartition partition, long floor, long stableEnd) {
        if (stableEnd <= floor) {
            return floor;
        }
        consumer.assign(List.of(partition));
        long lookBack = FIRST_LOOK_BACK;
        while (true) {
            long from = Math.max(floor, stableEnd - lookBack);
            long last = lastVisible(partition, from, stableEnd);
            if (last >= 0) {
                return last + 1;
            }
            if (from == floor) {
                return floor;
            }
            lookBack *= 8;
        }
    }

    private long lastVisible(TopicPartition partition, long from, long stableEnd) {
        consumer.seek(partition, from);
        long last = -1;
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (consumer.position(partition) < stableEnd && System.nanoTime() < giveUp) {
            List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() < stableEnd) {
                    last = Math.max(last, record.offset());
                }
            }
        }
        return last;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
