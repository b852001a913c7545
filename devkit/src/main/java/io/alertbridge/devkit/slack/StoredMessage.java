package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A message as the workspace holds it. Mutable; guarded by the {@link WorkspaceState}'s lock, never handed out:
 * callers get {@link SlackMessage} snapshots or JSON copies.
 */
final class StoredMessage {

    final String channelId;
    final String ts;
    final String user;
    final String botId;
    /** The parent's ts for a reply; {@code null} for a channel message. */
    final String parentTs;
    /** The parent's author for a reply; {@code null} for a channel message. */
    final String parentUser;

    String text;
    ArrayNode blocks;
    ArrayNode attachments;
    ObjectNode metadata;
    String editedTs;
    String editedBy;
    /** A deleted parent whose replies remain shows as Slack's tombstone. */
    boolean tombstone;
    /** A reply also shown in the channel ({@code reply_broadcast}). */
    boolean broadcast;

    final List<StoredMessage> replies = new ArrayList<>();
    /** The files this message shares ({@code files.completeUploadExternal} with a channel), by id. */
    final List<String> fileIds = new ArrayList<>();

    StoredMessage(String channelId, String ts, String user, String botId, StoredMessage parent) {
        this.channelId = channelId;
        this.ts = ts;
        this.user = user;
        this.botId = botId;
        this.parentTs = parent == null ? null : parent.ts;
        this.parentUser = parent == null ? null : parent.user;
    }

    boolean isReply() {
        return parentTs != null;
    }

    /** The thread's ts: the parent's for a reply, its own for a parent with replies, else {@code null}. */
    String threadTs() {
        if (parentTs != null) {
            return parentTs;
        }
        return replies.isEmpty() ? null : ts;
    }

    Set<String> replyUsers() {
        Set<String> users = new LinkedHashSet<>();
        replies.forEach(reply -> users.add(reply.user));
        return users;
    }

    SlackMessage snapshot() {
        return new SlackMessage(
                channelId,
                ts,
                threadTs(),
                user,
                botId,
                text == null ? "" : text,
                copyOrEmpty(blocks),
                copyOrEmpty(attachments),
                metadata == null ? null : metadata.deepCopy(),
                editedTs,
                replies.size());
    }

    private static JsonNode copyOrEmpty(ArrayNode array) {
        return array == null ? SlackJson.array() : array.deepCopy();
    }
}
