package io.alertbridge.testkit.junit;

import io.alertbridge.devkit.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.concurrent.atomic.AtomicBoolean;

/** {@link EmbeddedKafka} on a Testcontainers {@code apache/kafka} broker, used where a Docker daemon exists. */
final class ContainerKafka implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafka.class);
    static final String IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer container;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** A started container broker, or null when no Docker daemon answers. */
    static ContainerKafka startIfDockerAvailable() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        KafkaContainer container = new KafkaContainer(IMAGE);
        SINGLE_NODE_SETTINGS.forEach((key, value) -> container.withEnv(
                "KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        container.start();
        LOG.info("Kafka container {} ready at {}", IMAGE, container.getBootstrapServers());
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
        }
    }
}
