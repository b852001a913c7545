package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The content arguments of {@code chat.postMessage} and {@code chat.update} (text, blocks, attachments,
 * metadata), read and checked as Slack checks them. A field left {@code null} was not sent (which
 * {@code chat.update} reads as "keep what the message has").
 *
 * @param text the text, or {@code null}
 * @param blocks the blocks, or {@code null}
 * @param attachments the attachments, or {@code null}
 * @param metadata the metadata, or {@code null}
 */
record MessageContent(String text, ArrayNode blocks, ArrayNode attachments, ObjectNode metadata) {

    /** Slack cuts longer text; above this it refuses it with {@code msg_too_long}. */
    static final int MAX_TEXT = 40_000;

    static final int MAX_ATTACHMENTS = 100;

    /** Reads and checks the content of a request; {@code validator} checks its blocks (and the files they show). */
    static MessageContent read(ApiRequest request, BlockKitValidator validator) throws SlackApiError {
        String text = request.string("text");
        if (text == null) {
            text = request.string("markdown_text");
        }
        JsonNode blocks = request.json("blocks", "invalid_blocks_format");
        if (blocks != null && !blocks.isArray()) {
            throw SlackApiError.of("invalid_blocks_format");
        }
        JsonNode attachments = request.json("attachments", "invalid_attachments");
        if (attachments != null && !attachments.isArray()) {
            throw SlackApiError.of("invalid_attachments");
        }
        if (attachments != null && attachments.size() > MAX_ATTACHMENTS) {
            throw SlackApiError.of("too_many_attachments");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw SlackApiError.of("msg_too_long");
        }
        checkBlocks(validator, (ArrayNode) blocks, (ArrayNode) attachments);
        ObjectNode metadata = metadata(request);
        return new MessageContent(text, (ArrayNode) blocks, (ArrayNode) attachments, metadata);
    }

    /** Whether there is anything to show: text, a block or an attachment. */
    boolean hasContent() {
        return (text != null && !text.isBlank())
                || (blocks != null && !blocks.isEmpty())
                || (attachments != null && !attachments.isEmpty());
    }

    private static void checkBlocks(BlockKitValidator validator, ArrayNode blocks, ArrayNode attachments)
            throws SlackApiError {
        List<String> problems = new ArrayList<>();
        if (blocks != null) {
            problems.addAll(validator.validate(blocks, "/blocks"));
        }
        if (attachments != null) {
            for (int i = 0; i < attachments.size(); i++) {
                JsonNode attachmentBlocks = attachments.get(i).get("blocks");
                if (attachmentBlocks != null) {
                    problems.addAll(validator.validate(attachmentBlocks, "/attachments/" + i + "/blocks"));
                }
            }
        }
        if (!problems.isEmpty()) {
            ObjectNode extra = SlackJson.object();
            extra.set("errors", SlackJson.array(problems));
            extra.putObject("response_metadata")
                    .set(
                            "messages",
                            SlackJson.array(
                                    problems.stream().map(p -> "[ERROR] " + p).toList()));
            throw SlackApiError.of("invalid_blocks", extra);
        }
    }

    /** Message metadata: {@code {"event_type": "...", "event_payload": {...}}}, as JSON text or JSON. */
    private static ObjectNode metadata(ApiRequest request) throws SlackApiError {
        JsonNode metadata = request.json("metadata", "invalid_metadata_format");
        if (metadata == null) {
            return null;
        }
        if (!metadata.isObject()) {
            throw SlackApiError.of("invalid_metadata_format");
        }
        JsonNode eventType = metadata.get("event_type");
        JsonNode payload = metadata.get("event_payload");
        if (eventType == null || !eventType.isTextual() || eventType.asText().isBlank()) {
            throw SlackApiError.of("invalid_metadata_schema");
        }
        if (payload == null || !payload.isObject()) {
            throw SlackApiError.of("invalid_metadata_schema");
        }
        return (ObjectNode) metadata;
    }
}
