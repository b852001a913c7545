package io.alertbridge.connectors.sqs;

import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RawMessageConverterTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/alarms";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Topics TOPICS = Topics.withPrefix("test.");

    private final RawMessageConverter converter = new RawMessageConverter(TOPICS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldTakeTheSnsMessageIdOfANotificationEnvelope() {
        assertThat(RawMessageConverter.snsMessageId("{\"Type\":\"Notification\",\"MessageId\":\"abc\"}"))
                .isEqualTo("abc");
    }

    @Test
    void shouldTakeTheSnsMessageIdWhateverTheFieldOrderAndSpacing() {
        String body =
                "\n {\n  \"TopicArn\" : \"arn:aws:sns:us-east-1:1:t\", \"Message\" : \"{\\\"Type\\\":\\\"x\\\"}\",\n"
                        + "  \"MessageId\" : \"id-1\" ,\n  \"Type\" : \"Notification\"\n}\n";
        assertThat(RawMessageConverter.snsMessageId(body)).isEqualTo("id-1");
    }

    @Test
    void shouldSkipNestedObjectsAndArraysBeforeTheEnvelopeFields() {
        String body = "{\"MessageAttributes\":{\"a\":{\"Type\":\"String\",\"MessageId\":\"nested\"}},"
                + "\"list\":[{\"Type\":\"Notification\"}],\"Type\":\"Notification\",\"MessageId\":\"top\"}";
        assertThat(RawMessageConverter.snsMessageId(body)).isEqualTo("top");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":\"abc\"}",
                "{\"Type\":\"UnsubscribeConfirmation\",\"MessageId\":\"abc\"}",
                "{\"Type\":\"Notification\"}",
                "{\"MessageId\":\"abc\"}",
                "{\"Type\":\"Notification\",\"MessageId\":42}",
                "{\"Type\":\"Notification\",\"MessageId\":\"  \"}",
                "{\"Type\":[\"Notification\"],\"MessageId\":\"abc\"}",
                "{\"Records\":[{\"Sns\":{\"Type\":\"Notification\",\"MessageId\":\"abc\"}}]}",
                "[{\"Type\":\"Notification\",\"MessageId\":\"abc\"}]",
                "\"Notification\"",
                "This is a test message.",
                "{\"Type\":\"Notification\",",
                "{ \"AlarmName\": \"string\", \"OKActions\": [String], \"Type\": \"Notification\", \"MessageId\": \"x\" }",
                ""
            })
    void shouldFindNoSnsMessageIdInAnythingButANotificationEnvelope(String body) {
        assertThat(RawMessageConverter.snsMessageId(body)).isNull();
    }

    @Test
    void shouldStopReadingOnceBothEnvelopeFieldsAreKnown() {
        // The rest is never parsed: the bridge reads no more of a message than its key needs.
        assertThat(RawMessageConverter.snsMessageId("{\"Type\":\"Notification\",\"MessageId\":\"m\",\"Message\": oops"))
                .isEqualTo("m");
    }

    @Test
    void shouldKeyTheRealEnvelopeSamplesByTheirSnsMessageId() {
        assertThat(RawMessageConverter.snsMessageId(AwsSamples.text("sns_sqs_body_envelope_basic.json")))
                .isEqualTo("63a3f6b6-d533-4a47-aef9-fcf5cf758c76");
        assertThat(RawMessageConverter.snsMessageId(
                        AwsSamples.text("sns_sqs_body_raw_delivery_DISABLED_envelope.json")))
                .isEqualTo("dc1e94d9-56c5-5e96-808d-cc7f68faa162");
        assertThat(RawMessageConverter.snsMessageId(AwsSamples.text("sns_envelope_with_MessageAttributes.json")))
                .isEqualTo("a1b2c34d-567e-8f90-g1h2-i345j67klmn8");
        assertThat(RawMessageConverter.snsMessageId(
                        AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.processed.json")))
                .isNull();
        assertThat(RawMessageConverter.snsMessageId(
                        AwsSamples.text("cloudwatch_alarm_sns_single_metric.lambda_sns_event.json")))
                .isNull();
    }

    @Test
    void shouldBuildTheRawRecordWithKeyBodyAttributesAndQueueHeader() {
        String body = "{\"Type\":\"Notification\",\"MessageId\":\"sns-1\",\"Message\":\"żółć \\\"quoted\\\"\"}";
        Message message = Message.builder()
                .messageId("sqs-1")
                .receiptHandle("rh")
                .body(body)
                .attributesWithStrings(Map.of(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(), "3",
                        MessageSystemAttributeName.SENT_TIMESTAMP.toString(), "1714564800000"))
                .messageAttributes(Map.of(
                        "text", attribute("String", "v", null),
                        "number", attribute("Number.int", "7", null),
                        "blob", attribute("Binary", null, new byte[] {1, 2, 3})))
                .build();

        ProducerRecord<byte[], byte[]> record = converter.toRecord(QUEUE, message);

        assertThat(record.topic()).isEqualTo("test.aws.raw");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("sns-1");
        assertThat(new String(
                        record.headers()
                                .lastHeader(RawMessageConverter.QUEUE_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(QUEUE);
        RawAwsMessage value = TOPICS.awsRaw().valueSerde().deserializer().deserialize(record.topic(), record.value());
        assertThat(value.body()).isEqualTo(body);
        assertThat(value.queueUrl()).isEqualTo(QUEUE);
        assertThat(value.sqsMessageId()).isEqualTo("sqs-1");
        assertThat(value.snsMessageId()).isEqualTo("sns-1");
        assertThat(value.receiveCount()).isEqualTo(3);
        assertThat(value.sentAt()).isEqualTo(Instant.ofEpochMilli(1714564800000L));
        assertThat(value.receivedAt()).isEqualTo(NOW);
        assertThat(value.systemAttributes()).containsEntry("ApproximateReceiveCount", "3");
        assertThat(value.messageAttributes())
                .containsEntry("text", RawAwsMessage.MessageAttribute.ofString("v"))
                .containsEntry("number", new RawAwsMessage.MessageAttribute("Number.int", "7", null))
                .containsEntry("blob", new RawAwsMessage.MessageAttribute("Binary", null, new byte[] {1, 2, 3}));
    }

    @Test
    void shouldKeyByTheSqsMessageIdWhenTheBodyIsNotAnEnvelope() {
        Message message =
                Message.builder().messageId("sqs-2").body("plain text").build();

        ProducerRecord<byte[], byte[]> record = converter.toRecord(QUEUE, message);

        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("sqs-2");
        RawAwsMessage value = TOPICS.awsRaw().valueSerde().deserializer().deserialize(record.topic(), record.value());
        assertThat(value.snsMessageId()).isNull();
        assertThat(value.receiveCount()).isZero();
        assertThat(value.sentAt()).isNull();
    }

    @Test
    void shouldBuildADeadLetterWithTheOriginalBytesAndTheReason() {
        Message message =
                Message.builder().messageId("sqs-3").body("{\"big\":\"é\"}").build();

        ProducerRecord<byte[], byte[]> record =
                converter.toDeadLetter(QUEUE, message, new RecordTooLargeException("too large"));

        assertThat(record.topic()).isEqualTo("test.dlq");
        assertThat(record.key()).isEqualTo("sqs-3".getBytes(StandardCharsets.UTF_8));
        assertThat(record.value()).isEqualTo("{\"big\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = DeadLetter.readFrom(record.headers());
        assertThat(letter.source()).isEqualTo(QUEUE);
        assertThat(letter.stage()).isEqualTo("sqs-bridge");
        assertThat(letter.errorClass()).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(letter.errorMessage()).isEqualTo("too large");
        assertThat(letter.partition()).isEqualTo(-1);
        assertThat(record.headers().lastHeader(RawMessageConverter.QUEUE_HEADER))
                .isNotNull();
    }

    private static MessageAttributeValue attribute(String type, String text, byte[] binary) {
        return MessageAttributeValue.builder()
                .dataType(type)
                .stringValue(text)
                .binaryValue(binary == null ? null : SdkBytes.fromByteArray(binary))
                .build();
    }
}
