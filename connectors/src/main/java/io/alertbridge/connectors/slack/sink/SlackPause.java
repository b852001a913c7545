package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.SinkHealth.State;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where the sink waits while Slack is unavailable, pacing it, or refusing its token ({@link SlackCalls} decides how
 * long): every assigned partition is paused and what was carried out is committed; the consumer keeps polling, so
 * the instance stays in its group and takes part in rebalances, until the wait is over. Nothing further is consumed,
 * nothing is skipped. Partitions assigned meanwhile are paused too ({@link #pauseIfWaiting}); a partition revoked
 * meanwhile abandons its in-flight batch ({@link Assignment.PartitionRevoked}); a stop ends the wait
 * ({@link StopSignal.Stopping}).
 *
 * <p>Before the sink subscribes (the token's first check) there is nothing to pause: it just waits.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class SlackPause implements SlackCalls.Pauser {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Consumer<byte[], byte[]> consumer;
    private final Assignment assignment;
    private final OffsetCommits commits;
    private final SinkStatus status;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final StopSignal stop;
    private boolean waiting;

    public SlackPause(
            Consumer<byte[], byte[]> consumer,
            Assignment assignment,
            OffsetCommits commits,
            SinkStatus status,
            SinkMetrics metrics,
            Clock clock,
            StopSignal stop) {
        this.consumer = consumer;
        this.assignment = assignment;
        this.commits = commits;
        this.status = status;
        this.metrics = metrics;
        this.clock = clock;
        this.stop = stop;
    }

    @Override
    public void pause(Duration wait, String reason, boolean unavailable) {
        if (unavailable) {
            status.publish(State.SLACK_UNAVAILABLE, reason);
        }
        waitPaused(wait);
    }

    @Override
    public void refused(Duration wait, String reason) {
        status.publish(State.TOKEN_REJECTED, reason);
        waitPaused(wait);
    }

    @Override
    public void resumed() {
        if (waiting) {
            waiting = false;
            metrics.paused(false);
            if (assignment.subscribed()) {
                consumer.resume(consumer.paused());
            }
            status.publish(assignment.subscribed() ? State.RUNNING : State.STARTING, null);
        }
    }

    /** Partitions assigned while the sink waits on Slack are paused at once. */
    void pauseIfWaiting(Collection<TopicPartition> partitions) {
        if (waiting) {
            consumer.pause(partitions);
        }
    }

    /** Waits with every partition paused, still polling so the group keeps this member and its positions. */
    private void waitPaused(Duration wait) {
        if (!waiting) {
            waiting = true;
            metrics.paused(true);
            if (assignment.subscribed()) {
                consumer.pause(consumer.assignment());
                commits.commit();
            }
        }
        Instant until = clock.instant().plus(wait);
        while (stop.running()) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            Duration step = left.compareTo(POLL) < 0 ? left : POLL;
            if (assignment.subscribed()) {
                rewind(consumer.poll(step));
            } else {
                stop.sleep(step);
            }
            assignment.checkCurrentOwned();
        }
        if (!stop.running()) {
            throw new StopSignal.Stopping();
        }
    }

    /** A poll while paused returns nothing; should a partition assigned in between slip through, re-read it. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
            consumer.pause(List.of(tp));
        }
    }
}
