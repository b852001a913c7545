package io.alertbridge.connectors.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an SQS {@link Message} into the record of {@code alertbridge.aws.raw}, and a message that cannot be produced
 * into its dead-letter record.
 *
 * <p>The key is the SNS {@code MessageId} when the body is an SNS notification envelope
 * ({@code {"Type":"Notification","MessageId":...}}; SNS reuses the id when it retries, so it deduplicates across
 * deliveries), else the SQS message id. Only those two top-level fields are read, with a streaming parser that stops
 * as soon as it has both; the rest of the body is never interpreted, so a body that is not JSON at all (raw delivery
 * of a plain-text message, a truncated document) is forwarded untouched under its SQS id.
 *
 * <p>The value is {@link RawAwsMessage} with the body exactly as SQS returned it, every message attribute, every
 * system attribute, the receive count and the receive time; the header {@value #QUEUE_HEADER} names the source queue.
 *
 * <p>Stateless apart from its clock and topic names; thread-safe.
 */
final class RawMessageConverter {

    /** Header naming the queue URL a record came from. */
    static final String QUEUE_HEADER = "alertbridge.sqs.queue";

    /** The stage name written into dead letters. */
    static final String STAGE = "sqs-bridge";

    private static final JsonFactory JSON = new JsonFactory();

    private final TopicSpec<String, RawAwsMessage> rawTopic;
    private final String deadLetterTopic;
    private final Clock clock;

    RawMessageConverter(Topics topics, Clock clock) {
        this.rawTopic = topics.awsRaw();
        this.deadLetterTopic = topics.deadLetters().name();
        this.clock = clock;
    }

    /** The record for one received message: its key, its value and the queue header. */
    ProducerRecord<byte[], byte[]> toRecord(String queueUrl, Message message) {
        RawAwsMessage value = toRawMessage(queueUrl, message);
        byte[] key = rawTopic.keySerde().serializer().serialize(rawTopic.name(), value.recordKey());
        byte[] bytes = rawTopic.valueSerde().serializer().serialize(rawTopic.name(), value);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(rawTopic.name(), key, bytes);
        record.headers().add(QUEUE_HEADER, queueUrl.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * The dead-letter record for a message that cannot be produced: its key, the original body bytes, and headers
     * saying where it came from and why it was given up.
     */
    ProducerRecord<byte[], byte[]> toDeadLetter(String queueUrl, Message message, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(QUEUE_HEADER, queueUrl.getBytes(StandardCharsets.UTF_8));
        DeadLetter.of(queueUrl, STAGE, reason).writeTo(headers);
        byte[] key = recordKey(message).getBytes(StandardCharsets.UTF_8);
        byte[] body = message.body() == null ? new byte[0] : message.body().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(deadLetterTopic, null, key, body, headers);
    }

    /** The value of the raw topic's record. */
    RawAwsMessage toRawMessage(String queueUrl, Message message) {
        Map<String, String> system = message.attributesAsStrings();
        return new RawAwsMessage(
                queueUrl,
                message.messageId(),
                snsMessageId(message.body()),
                message.body(),
                messageAttributes(message.messageAttributes()),
                system,
                receiveCount(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString())),
                sentAt(system.get(MessageSystemAttributeName.SENT_TIMESTAMP.toString())),
                clock.instant());
    }

    /** The Kafka key of a message: SNS MessageId of a notification envelope, else the SQS message id. */
    static String recordKey(Message message) {
        String sns = snsMessageId(message.body());
        return sns != null ? sns : message.messageId();
    }

    /**
     * The {@code MessageId} of an SNS notification envelope, or null when the body is not one. Reads top-level
     * fields only and stops once {@code Type} and {@code MessageId} are known.
     */
    static String snsMessageId(String body) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        String type = null;
        String messageId = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if (field.equals("Type") && valueToken == JsonToken.VALUE_STRING) {
                    type = parser.getText();
                } else if (field.equals("MessageId") && valueToken == JsonToken.VALUE_STRING) {
                    messageId = parser.getText();
                } else {
                    parser.skipChildren();
                }
                if (type != null && messageId != null) {
                    break;
                }
            }
        } catch (IOException e) {
            // Not JSON, or broken before both fields were seen: not an envelope. The body still goes through.
            return null;
        }
        return "Notification".equals(type) && messageId != null && !messageId.isBlank() ? messageId : null;
    }

    private static Map<String, RawAwsMessage.MessageAttribute> messageAttributes(
            Map<String, MessageAttributeValue> attributes) {
        Map<String, RawAwsMessage.MessageAttribute> out = new LinkedHashMap<>();
        attributes.forEach((name, value) -> out.put(
                name,
                new RawAwsMessage.MessageAttribute(
                        value.dataType() == null ? "String" : value.dataType(),
                        value.stringValue(),
                        value.binaryValue() == null ? null : value.binaryValue().asByteArray())));
        return out;
    }

    private static int receiveCount(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant sentAt(String epochMillis) {
        if (epochMillis == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(epochMillis.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
