package io.alertbridge.processor.app;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs every state restoration at INFO: when a store starts restoring from its changelog partition (and how many
 * offsets it has to cover), and when it ends (records restored, milliseconds). A restart that restores from scratch
 * (every store after a crash under exactly-once) is visible in the log with its cost. Keeps the number of changelog
 * partitions still restoring for {@link #restoring()}.
 *
 * <p>Thread-safe: Kafka Streams calls it from its stream and state-updater threads.
 */
final class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    private final Map<TopicPartition, Long> startedAt = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        startedAt.put(partition, System.nanoTime());
        LOG.info(
                "Restoring store {} from {} offsets {} to {} ({} offsets)",
                store,
                partition,
                startOffset,
                endOffset,
                endOffset - startOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        // Batches are too many to log; the end says what it cost.
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        LOG.info(
                "Restored {} records into store {} from {} in {} ms",
                totalRestored,
                store,
                partition,
                elapsedMs(partition));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        LOG.info(
                "Restoring store {} from {} suspended after {} records in {} ms",
                store,
                partition,
                totalRestored,
                elapsedMs(partition));
    }

    /** Changelog partitions whose restoration started and has not ended. */
    int restoring() {
        return startedAt.size();
    }

    private long elapsedMs(TopicPartition partition) {
        Long start = startedAt.remove(partition);
        return start == null ? -1 : (System.nanoTime() - start) / 1_000_000;
    }
}
