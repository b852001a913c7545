package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One SQS message exactly as the bridge received it: value of {@code alertbridge.aws.raw}, keyed by the SNS
 * MessageId when the body is an SNS envelope, else by the SQS MessageId.
 *
 * <p>The body is kept untouched (raw delivery on or off); interpreting it is the processor's job.
 *
 * @param queueUrl the queue the message was received from
 * @param sqsMessageId SQS's id of this delivery
 * @param snsMessageId the SNS envelope's {@code MessageId}, or null when the body is not an SNS envelope
 * @param body the message body, byte-for-byte as SQS returned it
 * @param messageAttributes SQS message attributes (with raw delivery on, SNS message attributes arrive here)
 * @param systemAttributes SQS system attributes ({@code ApproximateReceiveCount}, {@code SentTimestamp}, ...)
 * @param receiveCount {@code ApproximateReceiveCount} at the time of this receive
 * @param sentAt when SQS accepted the message ({@code SentTimestamp}), if known
 * @param receivedAt when the bridge received it
 */
public record RawAwsMessage(
        String queueUrl,
        String sqsMessageId,
        String snsMessageId,
        String body,
        Map<String, MessageAttribute> messageAttributes,
        Map<String, String> systemAttributes,
        int receiveCount,
        Instant sentAt,
        Instant receivedAt) {

    public RawAwsMessage {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(sqsMessageId, "sqsMessageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        messageAttributes = Collections2.map(messageAttributes);
        systemAttributes = Collections2.map(systemAttributes);
    }

    /** The Kafka key the bridge uses: SNS MessageId when present (stable across SNS retries), else SQS's id. */
    public String recordKey() {
        return snsMessageId != null ? snsMessageId : sqsMessageId;
    }

    /**
     * An SQS message attribute.
     *
     * @param dataType {@code String}, {@code Number}, {@code Binary}, or a custom suffix of those
     * @param stringValue the value for String and Number types
     * @param binaryValue the value for Binary types (base64 in JSON)
     */
    public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
        public MessageAttribute {
            Objects.requireNonNull(dataType, "dataType");
        }

        public static MessageAttribute ofString(String value) {
            return new MessageAttribute("String", value, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageAttribute other
                    && dataType.equals(other.dataType)
                    && Objects.equals(stringValue, other.stringValue)
                    && java.util.Arrays.equals(binaryValue, other.binaryValue);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dataType, stringValue, java.util.Arrays.hashCode(binaryValue));
        }

        @Override
        public String toString() {
            return "MessageAttribute[" + dataType + "="
                    + (binaryValue != null ? binaryValue.length + " bytes" : stringValue) + "]";
        }
    }
}
