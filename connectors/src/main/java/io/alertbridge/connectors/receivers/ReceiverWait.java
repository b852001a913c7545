package io.alertbridge.connectors.receivers;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where a receiver's loop waits — for a destination's answer, or before a retry — without ever holding its consumer
 * past the poll interval: every owned partition is paused and the consumer keeps polling (getting nothing), so the
 * instance stays in its group and takes part in rebalances, as the Slack sink's pause does. Partitions assigned
 * meanwhile are paused too; a record that slips through is re-read later (seek back). When the partition whose
 * change is in flight is revoked meanwhile, the wait ends with {@link PartitionRevoked}: its new owner sends the
 * change again (with the same idempotency key). A stop ends it with {@link Stopping}.
 *
 * <p>Used by the receiver's loop thread only (rebalance callbacks run on it too).
 */
public final class ReceiverWait {

    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * While an answer is awaited the paused consumer is polled in short steps: a paused poll returns only when its
     * time is up, so the step is what an answer waits after it came (measured: 100 ms steps cost a third of the
     * webhook receiver's throughput against a 40 ms destination).
     */
    private static final Duration ANSWER_POLL = Duration.ofMillis(5);
    /** An answer this quick is taken without pausing anything. */
    private static final long QUICK_MILLIS = 20;

    /** The partition of the change in flight was taken away. */
    static final class PartitionRevoked extends RuntimeException {
        PartitionRevoked(TopicPartition tp) {
            super("partition " + tp + " was revoked", null, false, false);
        }
    }

    /** The receiver is stopping. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final Set<TopicPartition> owned = new HashSet<>();
    private volatile boolean stopping;
    private TopicPartition current;
    private boolean paused;

    public ReceiverWait(Consumer<byte[], byte[]> consumer, Clock clock) {
        this.consumer = consumer;
        this.clock = clock;
    }

    /** Waits for the future's value, polling paused meanwhile. */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(QUICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            while (!future.isDone()) {
                pausedPoll(ANSWER_POLL);
            }
            return future.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a destination's future failed", e.getCause());
        } finally {
            if (!future.isDone()) {
                future.cancel(true);
            }
        }
    }

    /** Waits {@code wait}, polling paused meanwhile. */
    void sleep(Duration wait) {
        Instant until = clock.instant().plus(wait);
        while (true) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                return;
            }
            pausedPoll(left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    /** Resumes consumption after a wait (partitions stay paused until then). */
    void resume() {
        if (paused) {
            paused = false;
            consumer.resume(consumer.paused());
        }
    }

    /** The partition whose change is in flight, or null between changes. */
    void working(TopicPartition tp) {
        current = tp;
    }

    boolean owns(TopicPartition tp) {
        return owned.contains(tp);
    }

    Set<TopicPartition> owned() {
        return owned;
    }

    void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        if (paused) {
            consumer.pause(partitions);
        }
    }

    void released(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    /** Asks a wait to end. Any thread. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    private void pausedPoll(Duration step) {
        if (stopping) {
            throw new Stopping();
        }
        if (!paused) {
            paused = true;
            consumer.pause(consumer.assignment());
        }
        ConsumerRecords<byte[], byte[]> slipped = consumer.poll(step);
        for (TopicPartition tp : slipped.partitions()) {
            consumer.seek(tp, slipped.records(tp).get(0).offset());
            consumer.pause(List.of(tp));
        }
        if (current != null && !owned.contains(current)) {
            throw new PartitionRevoked(current);
        }
        if (stopping) {
            throw new Stopping();
        }
    }
}
