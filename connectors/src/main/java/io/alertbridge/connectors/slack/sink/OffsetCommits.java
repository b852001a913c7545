package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.SinkProbe.Point;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The notification offsets carried out and not yet committed, and their commit: an offset is committed only after
 * the effect of every record before it is recorded in the refs topic (flushed) and every dead letter is written, and
 * only for partitions this instance still owns.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class OffsetCommits {

    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    private final Consumer<byte[], byte[]> consumer;
    private final SlackRefStore refs;
    private final DeadLetters deadLetters;
    private final Assignment assignment;
    private final Clock clock;
    private final SinkProbe probe;
    private final Map<TopicPartition, Long> processed = new HashMap<>();
    private Instant lastCommit = Instant.EPOCH;

    public OffsetCommits(
            Consumer<byte[], byte[]> consumer,
            SlackRefStore refs,
            DeadLetters deadLetters,
            Assignment assignment,
            Clock clock,
            SinkProbe probe) {
        this.consumer = consumer;
        this.refs = refs;
        this.deadLetters = deadLetters;
        this.assignment = assignment;
        this.clock = clock;
        this.probe = probe;
    }

    /** The record before {@code next} on {@code tp} is carried out (or skipped, or dead-lettered). */
    void done(TopicPartition tp, long next) {
        processed.put(tp, next);
    }

    /** Commits when forced or when the last commit is a second old. */
    void commitIfDue(boolean force) {
        if (force || Duration.between(lastCommit, clock.instant()).compareTo(COMMIT_EVERY) >= 0) {
            commit();
        }
    }

    /** Flushes the refs (and dead letters), then commits what was carried out. */
    void commit() {
        lastCommit = clock.instant();
        if (processed.isEmpty()) {
            return;
        }
        refs.flush();
        deadLetters.throwIfLost();
        probe.reached(Point.BEFORE_COMMIT);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        processed.forEach((tp, next) -> {
            if (assignment.owns(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        processed.clear();
        probe.reached(Point.COMMITTED);
    }

    /** Partitions lost (not revoked): what was carried out on them cannot be committed any more. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(processed::remove);
    }
}
