package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SNS envelope that an SNS-to-SQS subscription delivers with raw delivery off (and that SNS-to-Lambda events
 * carry under {@code Records[].Sns}, with {@code Url} instead of {@code URL} in field names).
 *
 * @param type {@code Notification}, {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}
 * @param messageId SNS's id of this publish
 * @param topicArn the topic
 * @param subject the subject, or null
 * @param message the published message (for confirmations: SNS's explanation)
 * @param timestamp when SNS accepted the publish
 * @param subscribeUrl for confirmations: where a person confirms (never visited automatically)
 * @param unsubscribeUrl for notifications: where a person unsubscribes
 * @param attributes message attributes, name to value
 */
record SnsEnvelope(
        String type,
        String messageId,
        String topicArn,
        String subject,
        String message,
        Instant timestamp,
        String subscribeUrl,
        String unsubscribeUrl,
        Map<String, String> attributes) {

    static final String SHAPE = "SNS envelope";

    /** True when the JSON looks like an SNS envelope. */
    static boolean matches(JsonNode node) {
        return node.has("Type") && node.has("MessageId") && node.has("TopicArn");
    }

    static SnsEnvelope parse(JsonNode node) {
        String type = Fields.requiredText(node, "Type", SHAPE);
        return new SnsEnvelope(
                type,
                Fields.requiredText(node, "MessageId", SHAPE),
                Fields.requiredText(node, "TopicArn", SHAPE),
                Fields.text(node, "Subject", SHAPE),
                "Notification".equals(type) ? requiredMessage(node) : Fields.text(node, "Message", SHAPE),
                Fields.time(node, "Timestamp", SHAPE),
                either(node, "SubscribeURL", "SubscribeUrl"),
                either(node, "UnsubscribeURL", "UnsubscribeUrl"),
                attributes(node));
    }

    /** An empty message is still a message (SNS refuses empty publishes, but the field may be ""). */
    private static String requiredMessage(JsonNode node) {
        String message = Fields.text(node, "Message", SHAPE);
        if (message == null) {
            throw new MalformedMessageException(SHAPE + ": 'Message' is missing");
        }
        return message;
    }

    private static String either(JsonNode node, String name, String lambdaName) {
        String value = Fields.text(node, name, SHAPE);
        return value != null ? value : Fields.text(node, lambdaName, SHAPE);
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode all = Fields.object(node, "MessageAttributes", SHAPE);
        if (all == null) {
            return attributes;
        }
        all.properties().forEach(entry -> {
            JsonNode value = entry.getValue().get("Value");
            if (value != null && value.isValueNode()) {
                attributes.put(entry.getKey(), value.asText());
            }
        });
        return attributes;
    }
}
