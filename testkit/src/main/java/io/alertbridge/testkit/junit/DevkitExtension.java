package io.alertbridge.testkit.junit;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.testkit.EmbeddedKafkaCluster;
import io.alertbridge.testkit.TestKitKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Injects a shared {@link EmbeddedKafka}, a shared {@link EmbeddedKafkaCluster} (three brokers), a shared
 * {@link EmbeddedSqs} and a shared {@link MotoServer} (the AWS stand-in) into test constructors, lifecycle methods and test methods: one of each per test JVM, started
 * on first use and closed when the JVM's tests end. A test that stops one of the cluster's brokers starts it again
 * before it ends.
 *
 * <p>Use: {@code @ExtendWith(DevkitExtension.class)} and declare a parameter of either type. Tests share the
 * servers, so each test uses its own topic, queue and group names (see {@link #unique(String)}).
 *
 * <p>Which broker: with {@code -Dalertbridge.test.kafka=docker} (or the environment variable
 * {@code ALERTBRIDGE_TEST_KAFKA=docker}), or {@code auto} (the default) on a machine where a Docker daemon
 * answers, a Testcontainers {@code apache/kafka} broker; otherwise Kafka's in-process test kit. Where no Docker
 * daemon exists the container path is skipped, never failed.
 */
public final class DevkitExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DevkitExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DevkitExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class
                || type == EmbeddedKafkaCluster.class
                || type == EmbeddedSqs.class
                || type == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (type == EmbeddedKafka.class) {
            return store.getOrComputeIfAbsent(EmbeddedKafka.class, k -> startKafka(), EmbeddedKafka.class);
        }
        if (type == EmbeddedKafkaCluster.class) {
            return store.getOrComputeIfAbsent(
                    EmbeddedKafkaCluster.class, k -> EmbeddedKafkaCluster.threeBrokers(), EmbeddedKafkaCluster.class);
        }
        if (type == MotoServer.class) {
            return store.getOrComputeIfAbsent(MotoServer.class, k -> MotoServer.start(), MotoServer.class);
        }
        if (type == EmbeddedSqs.class) {
            return store.getOrComputeIfAbsent(EmbeddedSqs.class, k -> EmbeddedSqs.start(0), EmbeddedSqs.class);
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }

    /** A name unique to this JVM run, for topics, queues, groups and application ids. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static EmbeddedKafka startKafka() {
        String choice = System.getProperty(
                        "alertbridge.test.kafka", System.getenv().getOrDefault("ALERTBRIDGE_TEST_KAFKA", "auto"))
                .toLowerCase(Locale.ROOT);
        if (!choice.equals("inprocess") && dockerMayBeThere()) {
            EmbeddedKafka container = ContainerKafka.startIfDockerAvailable();
            if (container != null) {
                return container;
            }
            LOG.info("No Docker daemon answered; using the in-process Kafka broker");
        }
        return TestKitKafka.start();
    }

    /** Probing Testcontainers logs an error block when Docker is absent; skip it where no daemon can be. */
    private static boolean dockerMayBeThere() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }
}
