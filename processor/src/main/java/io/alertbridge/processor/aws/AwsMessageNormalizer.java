package io.alertbridge.processor.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one SQS message body into alert events, or says why not. The layers, outside in:
 *
 * <ol>
 *   <li>the body: at most {@code normalize.maxBodyBytes}, not empty; JSON or plain text (binary is unreadable);
 *   <li>an SNS envelope (raw delivery off) or SNS-to-Lambda {@code Records}: a {@code Notification} is unwrapped,
 *       a {@code SubscriptionConfirmation} / {@code UnsubscribeConfirmation} is ignored and reported with its URL
 *       (never visited);
 *   <li>an anomaly score or decision ({@link AnomalyMessages}: by the {@code alertbridge-type} attribute or by
 *       shape): a score becomes {@link Normalized.Score}, for the detect stage; a decision an alert event;
 *   <li>the message: an EventBridge event of either shape (dispatched on source and detail-type), a CloudWatch
 *       alarm message, a CloudTrail record, a Chatbot custom notification, or plain text (an INFO event). Plain
 *       text is text that is not JSON at all: a JSON document that is not an object (a scalar such as {@code null},
 *       {@code 42}, {@code "a string"}, or an array) is no AWS message and is unreadable, at any layer.
 * </ol>
 *
 * <p>Ids, fingerprints and times come from the innermost layer that has them (see {@link Delivery}). Pure and
 * thread-safe; it never throws: a parser failure of any kind is an {@link Normalized.Unreadable} with its reason.
 */
public final class AwsMessageNormalizer {

    private static final ObjectReader JSON =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)]");

    private final NormalizeSlice config;

    public AwsMessageNormalizer(NormalizeSlice config) {
        this.config = config;
    }

    /** What the raw message becomes. */
    public Normalized normalize(RawAwsMessage raw) {
        try {
            return body(raw);
        } catch (MalformedMessageException e) {
            return new Normalized.Unreadable(MalformedMessageException.class.getName(), e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must not stop the stream: the message goes to the DLQ with the cause, to be replayed.
            return new Normalized.Unreadable(e.getClass().getName(), "unexpected failure while normalizing: " + e);
        }
    }

    private Normalized body(RawAwsMessage raw) {
        String body = raw.body();
        // No char takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for two): most bodies need no count.
        long bytes = 3L * body.length() <= config.maxBodyBytes() ? 0 : utf8Length(body);
        if (bytes > config.maxBodyBytes()) {
            return unreadable("body of " + bytes + " bytes exceeds normalize.maxBodyBytes (" + config.maxBodyBytes()
                    + "); no AWS notification is that large");
        }
        if (body.isBlank()) {
            return unreadable("empty body");
        }
        return message(body, Delivery.raw(raw), "body");
    }

    /** A message at any layer: JSON of a known shape, or plain text. */
    private Normalized message(String text, Delivery delivery, String where) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            // SNS refuses empty publishes: an empty Message would become an alert without a title.
            return unreadable(where + " is empty");
        }
        AnomalyMessage anomaly = AnomalyMessages.classify(trimmed, delivery.attributes(), where);
        if (anomaly instanceof AnomalyMessage.Score score) {
            return new Normalized.Score(score.score(), score.reason());
        }
        if (anomaly instanceof AnomalyMessage.Decision decision) {
            return AnomalyDecisionAlert.normalize(decision.decision(), delivery, trimmed, decision.reason());
        }
        if (anomaly instanceof AnomalyMessage.Unreadable unreadable) {
            return new Normalized.Unreadable(unreadable.errorClass(), unreadable.reason());
        }
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            JsonNode scalar = jsonScalar(trimmed);
            if (scalar != null) {
                return notAnObject(scalar, where);
            }
            return plainText(text, delivery, where);
        }
        JsonNode node;
        try {
            node = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return new Normalized.Unreadable(
                    e.getClass().getName(),
                    where + " is not valid JSON: " + tidy(e.getOriginalMessage()) + at(e.getLocation()));
        }
        if (!node.isObject()) {
            return notAnObject(node, where);
        }
        return json(node, trimmed, delivery);
    }

    private static Normalized notAnObject(JsonNode node, String where) {
        return unreadable(where + " is a JSON " + Fields.kind(node) + ", not an AWS message");
    }

    /**
     * The text as a JSON scalar ({@code null}, {@code 42}, {@code true}, {@code "a string"}) when it is exactly one,
     * else null. Such a document is no notification, and read as plain text it became an alert titled {@code null};
     * text that merely starts like one ({@code 42 hosts down}) is not JSON and stays plain text.
     */
    private static JsonNode jsonScalar(String trimmed) {
        if (trimmed.isEmpty() || "\"-0123456789tfn".indexOf(trimmed.charAt(0)) < 0) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private Normalized json(JsonNode node, String text, Delivery delivery) {
        if (SnsEnvelope.matches(node)) {
            return envelope(SnsEnvelope.parse(node), delivery);
        }
        if (node.has("Records")) {
            return records(node, delivery);
        }
        if (EventEnvelope.matches(node)) {
            return eventBridge(EventEnvelope.parse(node, text), delivery);
        }
        if (CloudWatchAlarmMessage.matches(node)) {
            return CloudWatchAlarmMessage.parse(node, text, delivery, config);
        }
        if (CloudTrailRecord.matches(node)) {
            return CloudTrailRecord.parse(node, null, text, delivery);
        }
        if (CustomNotification.matches(node)) {
            return CustomNotification.parse(node, text, delivery);
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return unreadable("JSON of no known AWS shape (SNS envelope: Type/MessageId/TopicArn; EventBridge: "
                + "source/detail-type/detail; CloudWatch alarm: AlarmName/NewStateValue; CloudTrail: "
                + "eventID/eventSource/eventName); its keys: " + Fields.abbreviate(keys));
    }

    private Normalized envelope(SnsEnvelope envelope, Delivery outer) {
        switch (envelope.type()) {
            case "Notification":
                Delivery delivery = new Delivery(
                        outer.raw(),
                        envelope.messageId(),
                        envelope.topicArn(),
                        envelope.subject(),
                        envelope.timestamp(),
                        envelope.attributes());
                return message(envelope.message(), delivery, "SNS Message " + envelope.messageId());
            case "SubscriptionConfirmation", "UnsubscribeConfirmation":
                return new Normalized.Ignored(
                        "SNS " + envelope.type() + " " + envelope.messageId() + " for topic " + envelope.topicArn()
                                + ": a person confirms by visiting SubscribeURL " + envelope.subscribeUrl()
                                + " (never visited automatically)",
                        true);
            default:
                return unreadable(SnsEnvelope.SHAPE + ": Type '" + Fields.abbreviate(envelope.type())
                        + "' is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
        }
    }

    /** SNS-to-Lambda events and CloudTrail log files hold a batch; one unreadable item rejects the batch. */
    private Normalized records(JsonNode node, Delivery delivery) {
        List<JsonNode> records = Fields.array(node, "Records", "Records batch");
        List<AlertEvent> events = new ArrayList<>();
        Normalized.Ignored ignored = null;
        for (JsonNode record : records) {
            Normalized outcome;
            if (record.has("Sns")) {
                outcome = envelope(SnsEnvelope.parse(Fields.requiredObject(record, "Sns", "SNS record")), delivery);
            } else if (CloudTrailRecord.matches(record)) {
                outcome = CloudTrailRecord.parse(record, null, record.toString(), delivery);
            } else {
                return unreadable("Records batch holds an item that is neither an SNS record nor a CloudTrail record");
            }
            if (outcome instanceof Normalized.Unreadable) {
                return outcome;
            }
            if (outcome instanceof Normalized.Score) {
                return unreadable("Records batch holds an anomaly score; publish scores one per SNS message or SQS "
                        + "message, so that each is keyed by its series");
            }
            if (outcome instanceof Normalized.Events some) {
                events.addAll(some.events());
            } else if (ignored == null) {
                ignored = (Normalized.Ignored) outcome;
            }
        }
        if (events.isEmpty()) {
            return ignored != null ? ignored : unreadable("Records batch is empty");
        }
        return new Normalized.Events(events, "Records batch of " + records.size());
    }

    private Normalized eventBridge(EventEnvelope event, Delivery delivery) {
        String detailType = event.detailType();
        if (AlarmStateChangeEvent.DETAIL_TYPE.equals(detailType) && "aws.cloudwatch".equals(event.source())) {
            return AlarmStateChangeEvent.parse(event, delivery, config);
        }
        if (CodePipelineEvent.handles(detailType)) {
            return CodePipelineEvent.parse(event, delivery, config);
        }
        if (CodeBuildEvent.handles(detailType)) {
            return CodeBuildEvent.parse(event, delivery, config);
        }
        if (CloudTrailRecord.DETAIL_TYPE.equals(detailType)) {
            return CloudTrailRecord.parse(event.detail(), event.id(), event.text(), delivery);
        }
        if (HealthEvent.DETAIL_TYPE.equals(detailType) && "aws.health".equals(event.source())) {
            return HealthEvent.parse(event, delivery);
        }
        return GenericEvent.parse(event, delivery);
    }

    private Normalized plainText(String text, Delivery delivery, String where) {
        if (isBinary(text)) {
            return unreadable(where + " is binary, neither text nor JSON");
        }
        if (!config.plainTextMessages()) {
            return unreadable(where + " is plain text, not JSON, and normalize.plainTextMessages is off");
        }
        String topic = delivery.topicArn();
        Arn topicArn = Arn.parse(topic).toOptional().orElse(null);
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(null, text))
                .fingerprint(
                        topic != null ? "sns:" + topic : "sqs:" + delivery.raw().queueUrl())
                .source("sns")
                .status(AlertStatus.INFO, Severity.INFO)
                .title(delivery.subject() != null ? delivery.subject() : firstLine(text))
                .summary(text)
                .occurredAt(delivery.fallbackTime())
                .label("account", topicArn == null ? null : topicArn.account())
                .label("region", topicArn == null ? null : topicArn.region())
                .label("service", "sns")
                .label("topic", topicArn == null ? null : topicArn.resourceName());
        delivery.attributes().forEach((name, value) -> alert.annotation("attribute." + name, value));
        return new Normalized.Events(List.of(alert.build()), "plain-text message (" + where + ")");
    }

    /** Control characters (other than tab and line breaks) and replacement characters mean bytes, not text. */
    private static boolean isBinary(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        String line = newline < 0 ? stripped : stripped.substring(0, newline);
        return line.length() <= 150 ? line : line.substring(0, 147) + "...";
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Jackson names the source as "[Source: REDACTED (...); line: 1, column: 1]": keep the position only. */
    private static String tidy(String message) {
        return JACKSON_SOURCE.matcher(message).replaceAll("$1");
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static Normalized.Unreadable unreadable(String reason) {
        return new Normalized.Unreadable(MalformedMessageException.class.getName(), reason);
    }
}
