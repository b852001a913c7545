package io.alertbridge.connectors.slack.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The notification partitions this sink instance owns, the one whose batch it is carrying out, and whether it has
 * subscribed yet. A partition revoked while its batch is in flight (the sink waiting on Slack meanwhile) abandons
 * the batch: its new owner redoes it, safely, from the refs.
 *
 * <p>Used by the sink's loop thread only (rebalance callbacks run on it too).
 */
public final class Assignment {

    /** The batch of a partition this instance no longer owns: abandon it. */
    static final class PartitionRevoked extends RuntimeException {
        PartitionRevoked(TopicPartition tp) {
            super("partition " + tp + " was revoked", null, false, false);
        }
    }

    private final Set<TopicPartition> owned = new HashSet<>();
    private TopicPartition current;
    private boolean subscribed;
    private boolean abandoned;

    /** The partitions owned now (a live view). */
    Set<TopicPartition> owned() {
        return Collections.unmodifiableSet(owned);
    }

    boolean owns(TopicPartition tp) {
        return owned.contains(tp);
    }

    void add(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    void remove(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    /** The partition whose batch is being carried out, or null between batches. */
    void working(TopicPartition tp) {
        current = tp;
    }

    /** @throws PartitionRevoked when the partition whose batch is in flight was taken away meanwhile */
    void checkCurrentOwned() {
        if (current != null && !owned.contains(current)) {
            throw new PartitionRevoked(current);
        }
    }

    boolean subscribed() {
        return subscribed;
    }

    void subscribed(boolean value) {
        subscribed = value;
    }

    /** After a crash: the partitions are given up with nothing committed, as a killed process would. */
    void abandon() {
        abandoned = true;
    }

    boolean abandoned() {
        return abandoned;
    }

    /** The owned partition numbers, sorted and comma-separated, for the health detail. */
    String describe() {
        return owned.stream()
                .map(TopicPartition::partition)
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}
