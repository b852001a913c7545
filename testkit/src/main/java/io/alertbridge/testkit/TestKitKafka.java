package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedKafka;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link EmbeddedKafka} on Kafka's {@code KafkaClusterTestKit}: one combined node, temporary storage. */
public final class TestKitKafka implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKitKafka.class);

    private final KafkaClusterTestKit cluster;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestKitKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static TestKitKafka start() {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build());
            SINGLE_NODE_SETTINGS.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            TestKitKafka kafka = new TestKitKafka(cluster);
            LOG.info(
                    "In-process Kafka (test kit) ready at {} in {} ms",
                    kafka.bootstrapServers(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        // The test kit throws when closed twice.
        if (closed.compareAndSet(false, true)) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.warn("In-process Kafka did not close cleanly", e);
            }
        }
    }
}
