package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.alertbridge.testkit.samples.AwsSamples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real payloads of {@code src/test/resources/aws-samples} (see SOURCES.md there, and {@link AwsSamples})
 * through SQS and the bridge.
 *
 * <p>Raw delivery on: SQS holds what was published (an alarm, an event, plain text; two samples are not even valid
 * JSON), so the key is the SQS message id. Raw delivery off: SQS holds SNS's notification envelope, so the key is
 * the envelope's MessageId. Either way the body arrives byte for byte.
 */
@ExtendWith(DevkitExtension.class)
class SqsBridgeAwsSamplesIT {

    /** SQS bodies of raw-delivery-off subscriptions as AWS documents them, with their SNS MessageIds. */
    private static final Map<String, String> ENVELOPES = Map.of(
            "sns_sqs_body_envelope_basic.json", "63a3f6b6-d533-4a47-aef9-fcf5cf758c76",
            "sns_sqs_body_raw_delivery_DISABLED_envelope.json", "dc1e94d9-56c5-5e96-808d-cc7f68faa162",
            "sns_envelope_with_MessageAttributes.json", "a1b2c34d-567e-8f90-g1h2-i345j67klmn8",
            "sns_http_notification_post_with_headers.txt", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");

    /** An SNS message that is not a notification: keyed by its SQS id like any non-envelope. */
    private static final String CONFIRMATION = "sns_http_subscription_confirmation_post.txt";

    /** What SNS publishes: with raw delivery on, exactly the SQS body. */
    private static final List<String> PAYLOADS = AwsSamples.ALL.stream()
            .filter(s -> !ENVELOPES.containsKey(s) && !s.equals(CONFIRMATION))
            .toList();

    @Test
    void shouldKeyRealAwsPayloadsBySnsMessageIdOrSqsIdWithRawDeliveryOnAndOff(EmbeddedKafka kafka, EmbeddedSqs sqs)
            throws Exception {
        Topics topics = BridgeTestKit.uniqueTopics("samples");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());
        String rawOn = sqs.createQueue(DevkitExtension.unique("raw-on"));
        String rawOff = sqs.createQueue(DevkitExtension.unique("raw-off"));
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (String file : PAYLOADS) {
            String body = AwsSamples.text(file);
            String sqsId = send(sqs, rawOn, body, Map.of());
            expected.put(sqsId, new Expected(file + " (raw on)", rawOn, body, sqsId));
            String snsId = UUID.randomUUID().toString();
            String envelope = AwsSamples.envelope(body, snsId, "ALARM: \"cpu-high\" in EU (London)");
            expected.put(
                    send(sqs, rawOff, envelope, Map.of()), new Expected(file + " (raw off)", rawOff, envelope, snsId));
        }
        for (Map.Entry<String, String> envelope : ENVELOPES.entrySet()) {
            String body = AwsSamples.text(envelope.getKey());
            String sqsId = send(sqs, rawOff, body, Map.of());
            expected.put(sqsId, new Expected(envelope.getKey(), rawOff, body, envelope.getValue()));
        }
        String confirmation = AwsSamples.text(CONFIRMATION);
        String confirmationId = send(sqs, rawOff, confirmation, Map.of());
        expected.put(confirmationId, new Expected(CONFIRMATION, rawOff, confirmation, confirmationId));
        // Raw delivery on turns SNS message attributes into SQS message attributes; they travel with the record.
        String withAttributes = AwsSamples.text("sns_sqs_body_raw_delivery_ENABLED.txt");
        String attributedId = send(sqs, rawOn, withAttributes, snsAttributes());
        expected.put(attributedId, new Expected("raw on with attributes", rawOn, withAttributes, attributedId));

        try (SqsBridge bridge = SqsBridge.start(
                BridgeTestKit.config(topics, rawOn, rawOff),
                sqs.client(),
                BridgeTestKit.producerConfig(kafka),
                new SimpleMeterRegistry())) {
            List<ConsumerRecord<String, byte[]>> records = BridgeTestKit.readUntil(
                    kafka, topics.awsRaw().name(), r -> r.size() >= expected.size(), Duration.ofSeconds(30));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> BridgeTestKit.queueDepth(sqs.client(), rawOn) == 0
                            && BridgeTestKit.queueDepth(sqs.client(), rawOff) == 0);
            assertThat(bridge.isReady()).isTrue();

            assertThat(records).hasSize(expected.size());
            Map<String, ConsumerRecord<String, byte[]>> bySqsId = records.stream()
                    .collect(Collectors.toMap(r -> BridgeTestKit.raw(topics, r).sqsMessageId(), Function.identity()));
            assertThat(bySqsId.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((sqsId, want) -> {
                ConsumerRecord<String, byte[]> record = bySqsId.get(sqsId);
                RawAwsMessage value = BridgeTestKit.raw(topics, record);
                assertThat(record.key()).as("key of %s", want.what()).isEqualTo(want.key());
                assertThat(value.body().getBytes(StandardCharsets.UTF_8))
                        .as("body of %s", want.what())
                        .isEqualTo(want.body().getBytes(StandardCharsets.UTF_8));
                assertThat(value.queueUrl()).as("queue of %s", want.what()).isEqualTo(want.queue());
            });
            RawAwsMessage attributed = BridgeTestKit.raw(topics, bySqsId.get(attributedId));
            assertThat(attributed.messageAttributes())
                    .containsEntry("store", RawAwsMessage.MessageAttribute.ofString("example_corp"))
                    .containsEntry("price_usd", new RawAwsMessage.MessageAttribute("Number", "210.75", null))
                    .containsEntry(
                            "customer_interests",
                            new RawAwsMessage.MessageAttribute(
                                    "String.Array", "[\"soccer\", \"rugby\", \"hockey\"]", null));
            assertThat(attributed.systemAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
        }
    }

    private record Expected(String what, String queue, String body, String key) {}

    private static String send(EmbeddedSqs sqs, String queue, String body, Map<String, MessageAttributeValue> attrs) {
        return sqs.client()
                .sendMessage(b -> b.queueUrl(queue).messageBody(body).messageAttributes(attrs))
                .messageId();
    }

    /** The SNS message attributes of the filter-policy sample, as raw delivery hands them to SQS. */
    private static Map<String, MessageAttributeValue> snsAttributes() {
        return Map.of(
                "store", stringAttribute("String", "example_corp"),
                "event", stringAttribute("String", "order_placed"),
                "price_usd", stringAttribute("Number", "210.75"),
                "customer_interests", stringAttribute("String.Array", "[\"soccer\", \"rugby\", \"hockey\"]"));
    }

    private static MessageAttributeValue stringAttribute(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }
}
