package io.alertbridge.devkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * A real Kafka broker (KRaft, combined broker and controller) reachable on localhost.
 *
 * <p>Two kinds exist: {@link #persistent(Path, int)} runs {@code KafkaRaftServer} on a directory that survives
 * restarts, for {@code alertbridge dev} and for tests that stop and start a broker; the testkit's
 * {@code TestKitKafka} uses Kafka's own {@code KafkaClusterTestKit} with a throw-away directory, for tests only. Both carry the single-node settings
 * ({@link #SINGLE_NODE_SETTINGS}) under which consumer groups and exactly-once work.
 *
 * <p>Instances are thread-safe; {@link #close()} is idempotent.
 */
public interface EmbeddedKafka extends AutoCloseable {

    /**
     * Broker settings that make one node behave: internal topics with replication factor 1, no initial rebalance
     * delay, and a small log-cleaner buffer (the default takes 128 MB of heap).
     */
    Map<String, String> SINGLE_NODE_SETTINGS = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("default.replication.factor", "1"));

    /**
     * A {@code KafkaRaftServer} whose data lives in {@code dataDir} (formatted on first use) and that listens on
     * {@code port} (0 picks a free port, kept across {@link PersistentKafka#stop()} and
     * {@link PersistentKafka#start()}).
     */
    static PersistentKafka persistent(Path dataDir, int port) {
        return PersistentKafka.start(dataDir, port);
    }

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    /** A new admin client for this broker; the caller closes it. */
    default Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** Stops the broker and releases its resources. Idempotent. */
    @Override
    void close();
}
