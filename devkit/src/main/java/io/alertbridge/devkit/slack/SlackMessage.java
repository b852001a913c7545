package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A snapshot of a message in a {@link LocalSlackWorkspace}, for tests. Later edits do not show in it; ask the
 * workspace again.
 *
 * @param channel the channel id
 * @param ts the message's timestamp, its id within the channel
 * @param threadTs the thread's parent ts for a reply or for a parent that has replies, otherwise {@code null}
 * @param user the id of the user who posted it (the bot user for the app's messages)
 * @param botId the bot id for the app's messages, otherwise {@code null}
 * @param text the top-level text ({@code ""} when none)
 * @param blocks the Block Kit blocks, an empty array when none (a copy; changing it changes nothing)
 * @param attachments the legacy attachments, an empty array when none (a copy)
 * @param metadata the message metadata ({@code event_type}, {@code event_payload}), or {@code null}
 * @param editedTs when it was last edited by {@code chat.update}, or {@code null}
 * @param replyCount how many replies its thread holds
 */
public record SlackMessage(
        String channel,
        String ts,
        String threadTs,
        String user,
        String botId,
        String text,
        JsonNode blocks,
        JsonNode attachments,
        JsonNode metadata,
        String editedTs,
        int replyCount) {

    /** Whether this message is a reply in a thread (rather than a channel message). */
    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    /** Whether {@code chat.update} changed it. */
    public boolean isEdited() {
        return editedTs != null;
    }

    /** The metadata's {@code event_type}, or {@code null}. */
    public String eventType() {
        return metadata == null ? null : metadata.path("event_type").asText(null);
    }

    /**
     * Every piece of text a person would read: the top-level text, the text of every block (sections, fields,
     * context, headers, buttons) and of every attachment, joined by new lines. Handy for assertions.
     */
    public String visibleText() {
        StringBuilder out = new StringBuilder(text);
        collectText(blocks, out);
        for (JsonNode attachment : attachments) {
            appendLine(out, attachment.path("text").asText(""));
            collectText(attachment.path("blocks"), out);
        }
        return out.toString();
    }

    private static void collectText(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            JsonNode text = node.get("text");
            if (text != null && text.isTextual()) {
                appendLine(out, text.asText());
            }
            node.elements().forEachRemaining(child -> {
                if (!child.isTextual()) {
                    collectText(child, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectText(child, out));
        }
    }

    private static void appendLine(StringBuilder out, String line) {
        if (!line.isEmpty()) {
            out.append('\n').append(line);
        }
    }
}
