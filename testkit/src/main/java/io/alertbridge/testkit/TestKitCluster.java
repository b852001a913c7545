package io.alertbridge.testkit;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** {@link EmbeddedKafkaCluster} on Kafka's {@code KafkaClusterTestKit}: separate brokers and one controller. */
final class TestKitCluster implements EmbeddedKafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(TestKitCluster.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClusterTestKit cluster;
    private final Set<Integer> stopped = new TreeSet<>();
    private boolean closed;

    private TestKitCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static TestKitCluster start(int brokers) {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(1)
                    .build());
            CLUSTER_SETTINGS.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            TestKitCluster kafka = new TestKitCluster(cluster);
            LOG.info(
                    "In-process Kafka cluster of {} brokers ready at {} in {} ms",
                    brokers,
                    kafka.bootstrapServers(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka cluster", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public List<Integer> brokerIds() {
        return List.copyOf(new TreeSet<>(cluster.brokers().keySet()));
    }

    @Override
    public synchronized List<Integer> runningBrokers() {
        List<Integer> running = new ArrayList<>(brokerIds());
        running.removeAll(stopped);
        return running;
    }

    @Override
    public synchronized void stopBroker(int id) {
        BrokerServer broker = broker(id);
        if (stopped.add(id)) {
            long started = System.nanoTime();
            broker.shutdown();
            broker.awaitShutdown();
            LOG.info(
                    "Broker {} stopped in {} ms",
                    id,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    @Override
    public synchronized void startBroker(int id) {
        BrokerServer broker = broker(id);
        if (!stopped.contains(id)) {
            return;
        }
        long started = System.nanoTime();
        broker.startup();
        waitUntilRegistered(id);
        stopped.remove(id);
        LOG.info(
                "Broker {} started again in {} ms",
                id,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The broker is back when the cluster's metadata lists it again (registered and unfenced). */
    private void waitUntilRegistered(int id) {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                boolean listed = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                        .anyMatch(node -> node.id() == id);
                if (listed) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while broker " + id + " was starting", e);
        } catch (Exception e) {
            throw new IllegalStateException("broker " + id + " did not come back", e);
        }
        throw new IllegalStateException("broker " + id + " not registered within " + REGISTRATION_TIMEOUT);
    }

    private BrokerServer broker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + "; brokers are " + brokerIds());
        }
        return broker;
    }

    @Override
    public synchronized void close() {
        // The test kit throws when closed twice.
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("In-process Kafka cluster did not close cleanly", e);
        }
    }
}
