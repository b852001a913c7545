package io.alertbridge.connectors.slack.rendering;

import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;

import java.util.List;
import java.util.Objects;

/**
 * A message ready for {@code chat.postMessage} or {@code chat.update}: the notification text (mrkdwn, already
 * escaped), top-level blocks, attachments (the colour bar and the incident's details) and the message metadata
 * that lets the sink find the message again after a crash.
 *
 * @param text the top-level text: what notifications and screen readers show
 * @param blocks top-level Block Kit blocks (may be empty)
 * @param attachments secondary attachments, each with its colour and blocks (may be empty)
 * @param metadata event type and payload naming the incident or command
 */
public record RenderedMessage(
        String text, List<LayoutBlock> blocks, List<Attachment> attachments, Message.Metadata metadata) {
    public RenderedMessage {
        Objects.requireNonNull(text, "text");
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Blocks in the message, top-level and inside attachments: what Slack's 50-block limit counts. */
    public int blockCount() {
        int count = blocks.size();
        for (Attachment attachment : attachments) {
            count += attachment.getBlocks() == null ? 0 : attachment.getBlocks().size();
        }
        return count;
    }
}
