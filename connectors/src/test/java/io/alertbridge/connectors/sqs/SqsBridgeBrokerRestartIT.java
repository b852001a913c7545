package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.PersistentKafka;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away in the middle of a run, on a {@code KafkaRaftServer} that keeps its data across stop and
 * start. Nothing may be lost, nothing deleted before Kafka acknowledged it, and the bridge must carry on by itself.
 */
@ExtendWith(DevkitExtension.class)
class SqsBridgeBrokerRestartIT {

    @TempDir
    static Path dir;

    private static PersistentKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.persistent(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void brokerRuns() {
        kafka.start();
    }

    @Test
    void shouldRecoverByItselfAfterTheBrokerRestartsRedeliveringWhatFailed(EmbeddedSqs sqs) throws Exception {
        int messages = 1_000;
        int maxInFlight = 100;
        Topics topics = BridgeTestKit.uniqueTopics("restart");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());
        String queue = sqs.createQueue(DevkitExtension.unique("restart"));
        List<String> bodies = bodies(messages);
        BridgeTestKit.send(sqs.client(), queue, bodies);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SqsBridgeConfig config = BridgeTestKit.config(topics, queue).toBuilder()
                .maxInFlight(maxInFlight)
                .visibilityTimeout(Duration.ofSeconds(3))
                .extensionMargin(Duration.ofSeconds(1))
                .build();
        // Give up on a record after 5 s, so that records the broker never acknowledged fail and are redelivered.
        Map<String, Object> producer = BridgeTestKit.producerConfig(kafka);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);

        try (SqsBridge bridge = SqsBridge.start(config, sqs.client(), producer, registry)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> BridgeTestKit.count(registry, "deleted", queue) >= 100);
            kafka.stop();
            AtomicInteger maxSeen = new AtomicInteger();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                maxSeen.accumulateAndGet((int) BridgeTestKit.inFlight(registry, queue), Math::max);
                return BridgeTestKit.count(registry, "failed", queue) >= 1
                        && !bridge.health().kafkaConnected();
            });
            assertThat(bridge.isReady()).isFalse();
            assertThat(maxSeen.get()).isLessThanOrEqualTo(maxInFlight);

            kafka.start();
            List<ConsumerRecord<String, byte[]>> records = BridgeTestKit.readUntil(
                    kafka, topics.awsRaw().name(), r -> bodiesOf(topics, r).size() >= messages, Duration.ofSeconds(60));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> BridgeTestKit.queueDepth(sqs.client(), queue) == 0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(bridge::isReady);

            assertThat(bodiesOf(topics, records)).containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(BridgeTestKit.count(registry, "received", queue))
                    .as("failed messages were received again")
                    .isGreaterThan(messages);
            assertThat(records)
                    .extracting(r -> BridgeTestKit.raw(topics, r).receiveCount())
                    .anyMatch(count -> count >= 2);
        }
    }

    @Test
    void shouldHoldMessagesHiddenWhileTheBrokerIsDownAndReleaseThemOnClose(EmbeddedSqs sqs) throws Exception {
        int messages = 500;
        int maxInFlight = 50;
        Topics topics = BridgeTestKit.uniqueTopics("hold");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());
        String queue = sqs.createQueue(DevkitExtension.unique("hold"));
        List<String> bodies = bodies(messages);
        BridgeTestKit.send(sqs.client(), queue, bodies);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SqsBridgeConfig config = BridgeTestKit.config(topics, queue).toBuilder()
                .maxInFlight(maxInFlight)
                .visibilityTimeout(Duration.ofSeconds(6))
                .extensionMargin(Duration.ofSeconds(2))
                .closeTimeout(Duration.ofSeconds(1))
                .build();
        Map<String, Object> producer = BridgeTestKit.producerConfig(kafka);
        // Longer than the outage below: a send that waits for the metadata the stopped broker took with it (when a
        // request was in flight as it stopped) keeps waiting instead of failing, as with the product's 60 s.
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 45_000);

        SqsBridge bridge = SqsBridge.start(config, sqs.client(), producer, registry);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> BridgeTestKit.count(registry, "deleted", queue) >= 100);
            kafka.stop();
            // Receiving stops: at maxInFlight, or before it when the receivers wait in send() for metadata.
            double[] last = {-1};
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        double now = BridgeTestKit.count(registry, "received", queue);
                        boolean stopped = now == last[0];
                        last[0] = now;
                        return stopped;
                    });
            double received = BridgeTestKit.count(registry, "received", queue);
            double held = BridgeTestKit.inFlight(registry, queue);
            assertThat(held).isPositive().isLessThanOrEqualTo(maxInFlight);
            // For longer than the visibility timeout: receiving stays paused, nothing fails, nothing comes back.
            Awaitility.await()
                    .during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(12))
                    .until(() -> BridgeTestKit.count(registry, "received", queue) == received
                            && BridgeTestKit.count(registry, "failed", queue) == 0
                            && BridgeTestKit.inFlight(registry, queue) == held);
            assertThat(BridgeTestKit.count(registry, "visibility.extended", queue))
                    .isGreaterThanOrEqualTo(held);
            assertThat(BridgeTestKit.count(registry, "failed", queue)).isZero();
            assertThat((double) BridgeTestKit.notVisible(sqs.client(), queue)).isEqualTo(held);
        } finally {
            bridge.close();
        }
        // Released, not left to a visibility timeout that the extender had just pushed 6 s ahead.
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .until(() -> BridgeTestKit.notVisible(sqs.client(), queue) == 0);
        double deleted = BridgeTestKit.count(registry, "deleted", queue);
        assertThat(BridgeTestKit.queueDepth(sqs.client(), queue)).isEqualTo(messages - (int) deleted);

        kafka.start();
        try (SqsBridge again = SqsBridge.start(config, sqs.client(), producer, registry)) {
            List<ConsumerRecord<String, byte[]>> records = BridgeTestKit.readUntil(
                    kafka, topics.awsRaw().name(), r -> bodiesOf(topics, r).size() >= messages, Duration.ofSeconds(60));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> BridgeTestKit.queueDepth(sqs.client(), queue) == 0);
            assertThat(bodiesOf(topics, records)).containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(again.isReady()).isTrue();
        }
    }

    private static List<String> bodies(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"alarm\":\"restart-" + i + "\"}")
                .toList();
    }

    private static Set<String> bodiesOf(Topics topics, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> BridgeTestKit.raw(topics, r))
                .map(RawAwsMessage::body)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
