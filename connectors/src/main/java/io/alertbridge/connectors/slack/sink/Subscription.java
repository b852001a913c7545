package io.alertbridge.connectors.slack.sink;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;

/**
 * The sink's membership of its consumer group: subscribes to the notifications and moves refs with their
 * partitions. On assignment the refs topic is grown if needed and the partitions' refs are restored before a record
 * is read; a partition revoked first commits what was done on it; a partition lost, or given up after a crash,
 * commits nothing.
 *
 * <p>Used by the sink's loop thread only (the consumer calls back on it).
 */
public final class Subscription implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RefsTopic refsTopic;
    private final SlackRefStore refs;
    private final Assignment assignment;
    private final OffsetCommits commits;
    private final SlackPause pause;
    private final SinkStatus status;

    public Subscription(
            Consumer<byte[], byte[]> consumer,
            String topic,
            RefsTopic refsTopic,
            SlackRefStore refs,
            Assignment assignment,
            OffsetCommits commits,
            SlackPause pause,
            SinkStatus status) {
        this.consumer = consumer;
        this.topic = topic;
        this.refsTopic = refsTopic;
        this.refs = refs;
        this.assignment = assignment;
        this.commits = commits;
        this.pause = pause;
        this.status = status;
    }

    /** Makes sure the refs topic exists before anything else (the sink's first step). */
    void prepare() {
        refsTopic.ensure(1);
    }

    /** Joins the group; partitions come through the callbacks from the next poll on. */
    void subscribe() {
        consumer.subscribe(List.of(topic), this);
        assignment.subscribed(true);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (assignment.abandoned()) {
            return;
        }
        commits.commit();
        release(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (assignment.abandoned()) {
            return;
        }
        commits.forget(partitions);
        release(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        int highest =
                partitions.stream().mapToInt(TopicPartition::partition).max().orElse(0);
        refsTopic.ensure(highest + 1);
        refs.restore(partitions.stream().map(TopicPartition::partition).toList());
        assignment.add(partitions);
        pause.pauseIfWaiting(partitions);
        LOG.info("Slack sink now owns {}", assignment.owned());
        status.republish();
    }

    private void release(Collection<TopicPartition> partitions) {
        assignment.remove(partitions);
        refs.forget(partitions.stream().map(TopicPartition::partition).toList());
        LOG.info("Slack sink released {}", partitions);
        status.republish();
    }
}
