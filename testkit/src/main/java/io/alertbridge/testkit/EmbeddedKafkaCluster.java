package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedKafka;

import java.util.List;
import java.util.Map;

/**
 * A real multi-broker Kafka cluster (KRaft) in this JVM, shaped like a small production cluster: three brokers and
 * a separate controller, topics replicated three times with {@code min.insync.replicas=2}, and Kafka's internal
 * topics (consumer offsets, transaction state, share-group state) replicated three times too. One broker may be
 * stopped and started again while clients keep working: writes with {@code acks=all} still reach two in-sync
 * replicas and transactions still commit.
 *
 * <p>Built on Kafka's {@code KafkaClusterTestKit}; data in a temporary directory deleted on {@link #close()}.
 * Thread-safe: {@link #stopBroker}, {@link #startBroker} and {@link #close()} are synchronized.
 */
public interface EmbeddedKafkaCluster extends EmbeddedKafka {

    /** Brokers in the cluster {@link #threeBrokers()} starts. */
    int BROKERS = 3;

    /**
     * Broker settings of the cluster: replication 3 everywhere, two in-sync replicas required, no initial rebalance
     * delay, a small log-cleaner buffer. Timed-out transactions are aborted within a second rather than ten (the
     * broker's default check interval), so that a client killed mid-transaction does not hold its partitions'
     * read-committed consumers for long; the transaction timeout itself is the client's.
     */
    Map<String, String> CLUSTER_SETTINGS = Map.ofEntries(
            Map.entry("default.replication.factor", "3"),
            Map.entry("min.insync.replicas", "2"),
            Map.entry("offsets.topic.replication.factor", "3"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", "3"),
            Map.entry("transaction.state.log.min.isr", "2"),
            Map.entry("transaction.state.log.num.partitions", "3"),
            Map.entry("share.coordinator.state.topic.replication.factor", "3"),
            Map.entry("share.coordinator.state.topic.min.isr", "2"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            Map.entry("unclean.leader.election.enable", "false"));

    /** Starts three brokers and one controller; returns when every broker is ready. Takes a few seconds. */
    static EmbeddedKafkaCluster threeBrokers() {
        return TestKitCluster.start(BROKERS);
    }

    /** The ids of the cluster's brokers, stopped or not. */
    List<Integer> brokerIds();

    /** The ids of the brokers running now. */
    List<Integer> runningBrokers();

    /**
     * Stops one broker (a controlled shutdown: its partition leaderships move first). Its data stays; the cluster
     * goes on with the other two.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    void stopBroker(int id);

    /**
     * Starts a stopped broker again on its data and its port, and returns once the controller has it registered
     * and unfenced. Starting a running broker does nothing.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    void startBroker(int id);
}
