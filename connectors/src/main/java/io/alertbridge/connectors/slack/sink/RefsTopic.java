package io.alertbridge.connectors.slack.sink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The compacted {@code <prefix>slack.refs} topic, kept co-partitioned with the notifications: created when missing,
 * grown when the notifications have more partitions (a ref lives in the partition of its notifications).
 *
 * <p>Used by the sink's loop thread only.
 */
public final class RefsTopic {

    private static final Logger LOG = LoggerFactory.getLogger(RefsTopic.class);

    private final Admin admin;
    private final String refsTopic;
    private final String notifications;

    public RefsTopic(Admin admin, String refsTopic, String notifications) {
        this.admin = admin;
        this.refsTopic = refsTopic;
        this.notifications = notifications;
    }

    /**
     * Creates the topic, or adds the partitions it lacks, so that it has at least {@code atLeast} partitions and as
     * many as the notifications.
     *
     * @throws KafkaException when Kafka refuses
     * @throws StopSignal.Stopping when interrupted
     */
    void ensure(int atLeast) {
        try {
            int needed = Math.max(atLeast, partitionsOf(notifications));
            int have = partitionsOf(refsTopic);
            if (have == 0) {
                NewTopic newTopic = new NewTopic(refsTopic, Optional.of(Math.max(1, needed)), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact"));
                admin.createTopics(List.of(newTopic)).all().get();
                LOG.info("Created the compacted topic {} with {} partitions", refsTopic, Math.max(1, needed));
            } else if (have < needed) {
                admin.createPartitions(Map.of(refsTopic, NewPartitions.increaseTo(needed)))
                        .all()
                        .get();
                LOG.info("Grew {} from {} to {} partitions to match {}", refsTopic, have, needed, notifications);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot prepare " + refsTopic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopSignal.Stopping();
        }
    }

    private int partitionsOf(String name) throws InterruptedException, ExecutionException {
        try {
            TopicDescription d =
                    admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }
}
