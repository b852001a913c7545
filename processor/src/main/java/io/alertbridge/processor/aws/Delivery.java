package io.alertbridge.processor.aws;

import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.RawAwsMessage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the layers around a message tell about it: the SQS delivery, and the SNS envelope when there is one (raw
 * delivery off). Parsers take ids and times from the message itself first and fall back to these.
 *
 * @param raw the SQS message as the bridge recorded it
 * @param snsMessageId the envelope's MessageId, or null (raw delivery)
 * @param topicArn the envelope's TopicArn, or null
 * @param subject the envelope's Subject, or null
 * @param publishedAt the envelope's Timestamp, or null
 * @param attributes SNS message attributes (envelope), else SQS string attributes (raw delivery)
 */
record Delivery(
        RawAwsMessage raw,
        String snsMessageId,
        String topicArn,
        String subject,
        Instant publishedAt,
        Map<String, String> attributes) {

    /** A body delivered as is (raw delivery on, or not from SNS at all). */
    static Delivery raw(RawAwsMessage raw) {
        Map<String, String> attributes = new LinkedHashMap<>();
        raw.messageAttributes().forEach((name, attribute) -> {
            if (attribute.stringValue() != null) {
                attributes.put(name, attribute.stringValue());
            }
        });
        return new Delivery(raw, null, null, null, null, attributes);
    }

    /** The id of the event: the message's own id if it has one, else the SNS MessageId, else a content hash. */
    String eventId(String ownId, String messageText) {
        if (ownId != null && !ownId.isBlank()) {
            return ownId;
        }
        if (snsMessageId != null) {
            return snsMessageId;
        }
        return EventIds.contentHash(messageText);
    }

    /** The region of the SNS topic, if known: an alarm's actions publish to a topic of the alarm's own region. */
    String topicRegion() {
        return topicArn == null ? null : Arn.regionOf(topicArn).orElse(null);
    }

    /** When the message was sent, as best known without the message's own clock. */
    Instant fallbackTime() {
        if (publishedAt != null) {
            return publishedAt;
        }
        return raw.sentAt() != null ? raw.sentAt() : raw.receivedAt();
    }
}
