package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.SinkHealth.State;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The sink's one thread: prepares the refs topic, waits until Slack accepts the token (until then the notifications
 * wait in Kafka), subscribes ({@link Subscription}), then polls {@code alertbridge.notifications} (read committed,
 * manual commits) and hands each partition's records to {@link Batches}, committing through {@link OffsetCommits}
 * after every poll and once more when it stops. While Slack is unavailable the loop's thread waits inside a Slack
 * call, in {@link SlackPause}.
 *
 * <p>Runs on one thread; {@link #stop()} may be called from any thread.
 */
public final class NotificationLoop {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationLoop.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Consumer<byte[], byte[]> consumer;
    private final Subscription subscription;
    private final Batches batches;
    private final OffsetCommits commits;
    private final Housekeeping housekeeping;
    private final SlackCalls slack;
    private final SinkStatus status;
    private final StopSignal stop;

    public NotificationLoop(
            Consumer<byte[], byte[]> consumer,
            Subscription subscription,
            Batches batches,
            OffsetCommits commits,
            Housekeeping housekeeping,
            SlackCalls slack,
            SinkStatus status,
            StopSignal stop) {
        this.consumer = consumer;
        this.subscription = subscription;
        this.batches = batches;
        this.commits = commits;
        this.housekeeping = housekeeping;
        this.slack = slack;
        this.status = status;
        this.stop = stop;
    }

    /** Asks the loop to stop; it commits what it finished and returns. Any thread. */
    void stop() {
        stop.stop();
    }

    /** Runs until stopped. Throws {@link SinkProbe.Crash} to its caller. */
    void run() {
        try {
            subscription.prepare();
            slack.awaitToken();
            LOG.info("Slack token verified");
            subscription.subscribe();
            status.publish(State.RUNNING, null);
            while (stop.running()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    batches.process(tp, records.records(tp));
                }
                commits.commitIfDue(true);
                housekeeping.run();
            }
        } catch (WakeupException | StopSignal.Stopping e) {
            LOG.debug("Slack sink loop woken up to stop");
        } finally {
            housekeeping.close();
        }
        commits.commit();
    }
}
