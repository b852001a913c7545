package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevkitExtension.class)
class SqsBridgeIT {

    private static final int MESSAGES = 10_000;

    @Test
    void shouldDeliverTenThousandMessagesByteIdenticalAndEmptyTheQueue(EmbeddedKafka kafka, EmbeddedSqs sqs)
            throws Exception {
        Topics topics = BridgeTestKit.uniqueTopics("bulk");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());
        String queue = sqs.createQueue(DevkitExtension.unique("bulk"));
        List<String> bodies =
                IntStream.range(0, MESSAGES).mapToObj(SqsBridgeIT::body).toList();
        List<String> ids = BridgeTestKit.send(sqs.client(), queue, bodies);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (SqsBridge bridge = SqsBridge.start(
                BridgeTestKit.config(topics, queue), sqs.client(), BridgeTestKit.producerConfig(kafka), registry)) {
            List<ConsumerRecord<String, byte[]>> records = BridgeTestKit.readUntil(
                    kafka, topics.awsRaw().name(), r -> r.size() >= MESSAGES, Duration.ofSeconds(90));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> BridgeTestKit.queueDepth(sqs.client(), queue) == 0);

            assertThat(records).hasSize(MESSAGES);
            Map<String, String> bodyById = new HashMap<>();
            for (int i = 0; i < MESSAGES; i++) {
                bodyById.put(ids.get(i), bodies.get(i));
            }
            Set<String> keys = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                RawAwsMessage value = BridgeTestKit.raw(topics, record);
                String sent = bodyById.get(value.sqsMessageId());
                assertThat(value.body().getBytes(StandardCharsets.UTF_8))
                        .as("body of %s", value.sqsMessageId())
                        .isEqualTo(sent.getBytes(StandardCharsets.UTF_8));
                assertThat(record.key()).isEqualTo(value.sqsMessageId());
                assertThat(new String(
                                record.headers()
                                        .lastHeader(RawMessageConverter.QUEUE_HEADER)
                                        .value(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(queue);
                assertThat(value.queueUrl()).isEqualTo(queue);
                assertThat(value.receiveCount()).isEqualTo(1);
                assertThat(value.sentAt()).isNotNull();
                keys.add(record.key());
            }
            assertThat(keys).hasSize(MESSAGES);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            BridgeTestKit.count(registry, "deleted", queue))
                    .isEqualTo(MESSAGES));
            assertThat(BridgeTestKit.count(registry, "received", queue)).isEqualTo(MESSAGES);
            assertThat(BridgeTestKit.count(registry, "produced", queue)).isEqualTo(MESSAGES);
            assertThat(BridgeTestKit.count(registry, "failed", queue)).isZero();
            assertThat(bridge.health().ready()).isTrue();
        }
    }

    /** Bodies SQS accepts, with what JSON must escape and what UTF-8 needs several bytes for. */
    private static String body(int i) {
        return switch (i % 4) {
            case 0 -> "{\"n\":" + i + ",\"text\":\"quotes \\\" and \\\\ backslashes\"}";
            case 1 -> "plain text " + i + " with\ttab, CRLF\r\nand trailing spaces   ";
            case 2 -> "unicode " + i + ": żółć, 日本語, emoji \uD83D\uDEA8, control-ish \u007f";
            default -> "<xml n=\"" + i + "\">&amp; 'single' </xml>";
        };
    }
}
