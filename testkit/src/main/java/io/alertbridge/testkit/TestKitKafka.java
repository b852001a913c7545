package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedKafka;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link EmbeddedKafka} on Kafka's {@code KafkaClusterTestKit}: one combined node, temporary storage. */
public final class TestKitKafka implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKitKafka.class);

    private final KafkaClusterTestKit cluster;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TestKitKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** A broker with the test kit's defaults (its latest metadata version, every feature at its default). */
    public static TestKitKafka start() {
        return start(new TestKitNodes.Builder());
    }

    /**
     * A broker whose {@code transaction.version} feature is {@code transactionVersion} (1: transactions as before
     * KIP-890 part 2, the producer adds partitions to a transaction before writing to them; 2: the broker adds them
     * when the first write arrives), on {@code metadataVersion}, every other feature at its default for that version.
     */
    public static TestKitKafka start(short transactionVersion, MetadataVersion metadataVersion) {
        Map<String, Short> features = new HashMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(metadataVersion));
        }
        features.put(Feature.TRANSACTION_VERSION.featureName(), transactionVersion);
        return start(new TestKitNodes.Builder(
                BootstrapMetadata.fromVersions(metadataVersion, features, "alertbridge testkit")));
    }

    private static TestKitKafka start(TestKitNodes.Builder nodes) {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes.setCombined(true)
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
