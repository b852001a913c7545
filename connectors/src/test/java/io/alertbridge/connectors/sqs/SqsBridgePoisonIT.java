package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records Kafka can never take. The raw topic accepts at most 20 kB per record, so a 50 kB body can never be
 * produced there: it is poison. Whether it can be dead-lettered depends on the dead-letter topic's own limit.
 */
@ExtendWith(DevkitExtension.class)
class SqsBridgePoisonIT {

    private static final Map<String, String> SMALL = Map.of("max.message.bytes", "20000");
    private static final String BIG = "x".repeat(50_000);

    @Test
    void shouldDeadLetterAPoisonMessageWithItsReasonAndDeleteItWhileOthersFlow(EmbeddedKafka kafka, EmbeddedSqs sqs)
            throws Exception {
        Topics topics = BridgeTestKit.uniqueTopics("poison");
        // One partition, the poison among the first messages: the broker refuses the partition's first batch, which
        // is where an idempotent producer with several requests in flight could stall for good (KAFKA-14359).
        BridgeTestKit.createTopics(kafka, topics, 1, SMALL, Map.of());
        String queue = sqs.createQueue(DevkitExtension.unique("poison"));
        List<String> bodies = new ArrayList<>(normalBodies(20));
        bodies.add(3, BIG);
        String bigId = BridgeTestKit.send(sqs.client(), queue, bodies).get(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (SqsBridge bridge = SqsBridge.start(
                BridgeTestKit.config(topics, queue), sqs.client(), BridgeTestKit.producerConfig(kafka), registry)) {
            List<ConsumerRecord<String, byte[]>> dead = BridgeTestKit.readUntil(
                    kafka, topics.deadLetters().name(), r -> !r.isEmpty(), Duration.ofSeconds(30));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> BridgeTestKit.queueDepth(sqs.client(), queue) == 0);

            assertThat(dead).hasSize(1);
            ConsumerRecord<String, byte[]> letter = dead.get(0);
            assertThat(letter.key()).isEqualTo(bigId);
            assertThat(letter.value()).isEqualTo(BIG.getBytes(StandardCharsets.UTF_8));
            DeadLetter reason = DeadLetter.readFrom(letter.headers());
            assertThat(reason.source()).isEqualTo(queue);
            assertThat(reason.stage()).isEqualTo(RawMessageConverter.STAGE);
            assertThat(reason.errorClass()).isEqualTo(RecordTooLargeException.class.getName());
            assertThat(reason.errorMessage()).isNotBlank();
            assertThat(BridgeTestKit.readAll(kafka, topics.awsRaw().name()))
                    .extracting(r -> BridgeTestKit.raw(topics, r).body())
                    .containsExactlyInAnyOrderElementsOf(normalBodies(20));
            assertThat(BridgeTestKit.count(registry, "dead.lettered", queue)).isEqualTo(1);
            assertThat(BridgeTestKit.count(registry, "deleted", queue)).isEqualTo(21);
            assertThat(bridge.isReady())
                    .as("a poison message does not make the bridge unready")
                    .isTrue();
        }
    }

    @Test
    void shouldLeaveAMessageThatCannotBeProducedAnywhereInTheQueueWhileOthersFlow(EmbeddedKafka kafka, EmbeddedSqs sqs)
            throws Exception {
        Topics topics = BridgeTestKit.uniqueTopics("stuck");
        BridgeTestKit.createTopics(kafka, topics, SMALL, SMALL);
        String queue = sqs.createQueue(DevkitExtension.unique("stuck"));
        List<String> bodies = new ArrayList<>(normalBodies(20));
        bodies.add(5, BIG);
        String bigId = BridgeTestKit.send(sqs.client(), queue, bodies).get(5);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SqsBridgeConfig config = BridgeTestKit.config(topics, queue).toBuilder()
                .visibilityTimeout(Duration.ofSeconds(2))
                .extensionMargin(Duration.ofMillis(500))
                .build();

        try (SqsBridge bridge = SqsBridge.start(config, sqs.client(), BridgeTestKit.producerConfig(kafka), registry)) {
            BridgeTestKit.readUntil(kafka, topics.awsRaw().name(), r -> r.size() >= 20, Duration.ofSeconds(30));
            // Received, refused by both topics, left in SQS, received again after its visibility timeout.
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> BridgeTestKit.count(registry, "failed", queue) >= 2);
            assertThat(BridgeTestKit.count(registry, "deleted", queue)).isEqualTo(20);
            assertThat(bridge.isReady()).isTrue();
        }

        assertThat(BridgeTestKit.readAll(kafka, topics.deadLetters().name())).isEmpty();
        assertThat(BridgeTestKit.readAll(kafka, topics.awsRaw().name()))
                .extracting(r -> BridgeTestKit.raw(topics, r).body())
                .containsExactlyInAnyOrderElementsOf(normalBodies(20));
        Message left = receiveOne(sqs, queue);
        assertThat(left.messageId()).isEqualTo(bigId);
        assertThat(left.body()).isEqualTo(BIG);
        assertThat(Integer.parseInt(left.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
                .isGreaterThanOrEqualTo(3);
    }

    private static List<String> normalBodies(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"alarm\":" + i + "}").toList();
    }

    private static Message receiveOne(EmbeddedSqs sqs, String queue) {
        List<Message> received = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(sqs.client()
                    .receiveMessage(b -> b.queueUrl(queue)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages());
            return !received.isEmpty();
        });
        assertThat(received).hasSize(1);
        return received.get(0);
    }
}
