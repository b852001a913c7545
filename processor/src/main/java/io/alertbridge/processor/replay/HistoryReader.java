package io.alertbridge.processor.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a time range {@code [from, to)} of some topics and hands the records over in timestamp order across every
 * partition of every topic (a k-way merge), so the replayed topology sees the history as it happened.
 *
 * <p>Per partition the range is the offsets from the first record at or after {@code from} to the first at or
 * after {@code to} (Kafka's time index), fixed when reading starts: records arriving during the replay are not
 * part of it. Memory is bounded: a partition whose buffer holds {@value #MAX_BUFFERED} records is paused.
 * Reads with its own consumer, no group and no commits: production consumers are never affected. Not
 * thread-safe.
 */
public final class HistoryReader implements AutoCloseable {

    static final int MAX_BUFFERED = 5_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
    private final Set<TopicPartition> exhausted = new HashSet<>();
    private long total;

    /**
     * @param clientProperties Kafka client settings ({@code bootstrap.servers}, security)
     * @param topics the topics to read
     * @param from start of the range (inclusive), or null for the beginning
     * @param to end of the range (exclusive), or null for what the topics hold now
     */
    public HistoryReader(Map<String, Object> clientProperties, Collection<String> topics, Instant from, Instant to) {
        this.consumer = consumer(clientProperties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> starts = offsetsAt(partitions, from, consumer.beginningOffsets(partitions));
        Map<TopicPartition, Long> ends = offsetsAt(partitions, to, consumer.endOffsets(partitions));
        init(partitions, starts, ends);
    }

    /**
     * Reads each partition from its given offset to its end as it is now (a rebuild resuming where it stopped).
     *
     * @param clientProperties Kafka client settings ({@code bootstrap.servers}, security)
     * @param starts the partitions to read and the offset each starts at
     */
    public HistoryReader(Map<String, Object> clientProperties, Map<TopicPartition, Long> starts) {
        this.consumer = consumer(clientProperties);
        List<TopicPartition> partitions = new ArrayList<>(starts.keySet());
        consumer.assign(partitions);
        init(partitions, starts, consumer.endOffsets(partitions));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void init(
            List<TopicPartition> partitions, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            long start = starts.get(partition);
            long end = Math.max(start, ends.get(partition));
            consumer.seek(partition, start);
            endOffsets.put(partition, end);
            buffers.put(partition, new ArrayDeque<>());
            total += end - start;
            if (start >= end) {
                exhausted.add(partition);
            }
        }
    }

    /** Where the range ends, per partition (exclusive): fixed when reading started. */
    public Map<TopicPartition, Long> endOffsets() {
        return Map.copyOf(endOffsets);
    }

    /** How many records the range holds (offsets; slightly more than records where transactions left markers). */
    public long estimatedRecords() {
        return total;
    }

    /**
     * Hands every record of the range to {@code sink} in timestamp order (ties broken by topic, partition, offset).
     *
     * @return how many records were handed over
     */
    public long forEach(Consumer<HistoryRecord> sink) {
        long handed = 0;
        while (true) {
            fill();
            ConsumerRecord<byte[], byte[]> next = null;
            for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> entry : buffers.entrySet()) {
                ConsumerRecord<byte[], byte[]> head = entry.getValue().peekFirst();
                if (head == null && !exhausted.contains(entry.getKey())) {
                    next = null;
                    break; // Cannot know the next record until this partition has one buffered.
                }
                if (head != null && (next == null || earlier(head, next))) {
                    next = head;
                }
            }
            if (next == null) {
                if (exhausted.size() == buffers.size()
                        && buffers.values().stream().allMatch(ArrayDeque::isEmpty)) {
                    return handed;
                }
                continue;
            }
            buffers.get(new TopicPartition(next.topic(), next.partition())).pollFirst();
            sink.accept(new HistoryRecord(
                    next.topic(),
                    next.key(),
                    next.value(),
                    next.timestamp(),
                    next.partition(),
                    java.util.Arrays.asList(next.headers().toArray())));
            handed++;
        }
    }

    private void fill() {
        List<TopicPartition> needy = new ArrayList<>();
        for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> entry : buffers.entrySet()) {
            TopicPartition partition = entry.getKey();
            boolean wants = !exhausted.contains(partition) && entry.getValue().size() < MAX_BUFFERED;
            if (wants) {
                needy.add(partition);
            }
        }
        boolean someoneEmpty =
                buffers.entrySet().stream().anyMatch(e -> e.getValue().isEmpty() && !exhausted.contains(e.getKey()));
        if (!someoneEmpty) {
            return;
        }
        Set<TopicPartition> pause = new HashSet<>(consumer.assignment());
        pause.removeAll(needy);
        consumer.pause(pause);
        consumer.resume(needy);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < endOffsets.get(partition)) {
                buffers.get(partition).addLast(record);
            }
        }
        for (TopicPartition partition : needy) {
            if (consumer.position(partition) >= endOffsets.get(partition)) {
                exhausted.add(partition);
            }
        }
    }

    private static boolean earlier(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        if (a.timestamp() != b.timestamp()) {
            return a.timestamp() < b.timestamp();
        }
        int byTopic = a.topic().compareTo(b.topic());
        if (byTopic != 0) {
            return byTopic < 0;
        }
        return a.partition() != b.partition() ? a.partition() < b.partition() : a.offset() < b.offset();
    }

    private Map<TopicPartition, Long> offsetsAt(
            List<TopicPartition> partitions, Instant at, Map<TopicPartition, Long> fallback) {
        if (at == null) {
            return fallback;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            // No record at or after the instant: the range ends (or starts) at the end of the partition.
            offsets.put(partition, hit != null ? hit.offset() : end.get(partition));
        }
        return offsets;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
