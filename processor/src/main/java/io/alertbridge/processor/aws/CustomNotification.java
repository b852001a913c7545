package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

import java.util.List;

/**
 * An AWS Chatbot (Amazon Q Developer in chat applications) custom notification published to the topic:
 * {@code {"version": "1.0", "source": "custom", "content": {"title", "description", "nextSteps"}, "metadata":
 * {"threadId", ...}}}. An INFO event; its thread id (else its id) is the fingerprint, so notifications of one thread
 * stay together.
 */
final class CustomNotification {

    static final String SHAPE = "Chatbot custom notification";

    private CustomNotification() {}

    static boolean matches(JsonNode node) {
        return "custom".equals(node.path("source").asText(null)) && node.has("content") && node.has("version");
    }

    static Normalized parse(JsonNode node, String text, Delivery delivery) {
        JsonNode content = Fields.requiredObject(node, "content", SHAPE);
        String description = Fields.requiredText(content, "description", SHAPE + " content");
        String title = Fields.text(content, "title", SHAPE + " content");
        JsonNode metadata = Fields.object(node, "metadata", SHAPE);
        String threadId = metadata == null ? null : Fields.text(metadata, "threadId", SHAPE + " metadata");
        String eventId = delivery.eventId(Fields.text(node, "id", SHAPE), text);
        AlertBuilder alert = new AlertBuilder()
                .eventId(eventId)
                .fingerprint("custom:" + (threadId != null ? threadId : eventId))
                .source("custom")
                .status(AlertStatus.INFO, Severity.INFO)
                .title(title != null ? title : firstLine(description))
                .summary(description)
                .occurredAt(delivery.fallbackTime())
                .label("region", delivery.topicRegion())
                .annotation("nextSteps", String.join("\n", Fields.texts(content, "nextSteps", SHAPE)))
                .annotation("keywords", String.join(", ", Fields.texts(content, "keywords", SHAPE)))
                .annotation("eventType", metadata == null ? null : Fields.text(metadata, "eventType", SHAPE));
        return new Normalized.Events(List.of(alert.build()), SHAPE);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() <= 150 ? line : line.substring(0, 147) + "...";
    }
}
