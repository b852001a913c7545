package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Renders the workspace's objects in the JSON shapes of Slack's real answers (conversation, user and message
 * objects), so that clients and the Slack SDK's response classes read them as they read Slack's. Called with the
 * state's lock held.
 */
final class SlackShapes {

    private final WorkspaceState state;

    SlackShapes(WorkspaceState state) {
        this.state = state;
    }

    /** A conversation object as {@code conversations.info} answers it for the bot. */
    ObjectNode conversation(StoredChannel channel, boolean withMemberCount) {
        ObjectNode json = SlackJson.object();
        json.put("id", channel.id);
        json.put("name", channel.name);
        json.put("is_channel", true);
        json.put("is_group", false);
        json.put("is_im", false);
        json.put("is_mpim", false);
        json.put("is_private", channel.isPrivate);
        json.put("created", channel.created);
        json.put("is_archived", channel.archived);
        json.put("is_general", channel.isGeneral);
        json.put("unlinked", 0);
        json.put("name_normalized", channel.name);
        json.put("is_shared", false);
        json.put("is_org_shared", false);
        json.put("is_pending_ext_shared", false);
        json.set("pending_shared", SlackJson.array());
        json.put("context_team_id", state.teamId);
        json.put("updated", channel.created * 1000);
        json.putNull("parent_conversation");
        json.put("creator", channel.creator);
        json.put("is_ext_shared", false);
        json.set("shared_team_ids", SlackJson.array(List.of(state.teamId)));
        json.set("pending_connected_team_ids", SlackJson.array());
        json.put("is_member", channel.members.contains(state.bot.id()));
        json.set("topic", topic(channel.topic, channel.creator));
        json.set("purpose", topic(channel.purpose, channel.creator));
        json.set("previous_names", SlackJson.array());
        if (withMemberCount) {
            json.put("num_members", channel.members.size());
        }
        return json;
    }

    private static ObjectNode topic(String value, String creator) {
        ObjectNode json = SlackJson.object();
        json.put("value", value);
        json.put("creator", value.isEmpty() ? "" : creator);
        json.put("last_set", 0);
        return json;
    }

    /** A user object as {@code users.info} answers it. */
    ObjectNode user(SlackUser user) {
        ObjectNode json = SlackJson.object();
        json.put("id", user.id());
        json.put("team_id", state.teamId);
        json.put("name", user.name());
        json.put("deleted", false);
        json.put("color", "9f69e7");
        json.put("real_name", user.realName());
        json.put("tz", "Etc/UTC");
        json.put("tz_label", "Coordinated Universal Time");
        json.put("tz_offset", 0);
        ObjectNode profile = json.putObject("profile");
        profile.put("real_name", user.realName());
        profile.put("display_name", user.name());
        profile.put("real_name_normalized", user.realName());
        profile.put("display_name_normalized", user.name());
        if (!user.isBot()) {
            profile.put("email", user.email());
        } else {
            profile.put("bot_id", state.botId);
            profile.put("api_app_id", state.appId);
        }
        profile.put("status_text", "");
        profile.put("status_emoji", "");
        profile.put("team", state.teamId);
        json.put("is_admin", false);
        json.put("is_owner", false);
        json.put("is_primary_owner", false);
        json.put("is_restricted", false);
        json.put("is_ultra_restricted", false);
        json.put("is_bot", user.isBot());
        json.put("is_app_user", false);
        json.put("updated", 0L);
        json.put("is_email_confirmed", !user.isBot());
        return json;
    }

    /** A message object as {@code conversations.history} answers it; metadata only when asked for. */
    ObjectNode message(StoredMessage message, boolean withMetadata) {
        ObjectNode json = SlackJson.object();
        json.put("type", "message");
        if (message.tombstone) {
            json.put("subtype", "tombstone");
        }
        json.put("user", message.user);
        if (message.botId != null) {
            json.put("bot_id", message.botId);
            json.put("app_id", state.appId);
        }
        json.put("text", message.text == null ? "" : message.text);
        json.put("ts", message.ts);
        json.put("team", state.teamId);
        if (message.botId != null) {
            json.set("bot_profile", botProfile());
        }
        if (message.blocks != null) {
            json.set("blocks", message.blocks.deepCopy());
        }
        if (message.attachments != null) {
            json.set("attachments", message.attachments.deepCopy());
        }
        if (message.editedTs != null) {
            ObjectNode edited = json.putObject("edited");
            edited.put("user", message.editedBy);
            edited.put("ts", message.editedTs);
        }
        if (!message.fileIds.isEmpty()) {
            ArrayNode files = json.putArray("files");
            for (String id : message.fileIds) {
                files.add(state.fileById(id).map(this::file).orElseGet(() -> tombstone(id)));
            }
            json.put("upload", true);
            json.put("display_as_bot", false);
        }
        threadFields(message, json);
        if (withMetadata && message.metadata != null) {
            json.set("metadata", message.metadata.deepCopy());
        }
        return json;
    }

    /** A file object as {@code files.info} answers it; a deleted file is Slack's tombstone. */
    ObjectNode file(StoredFile file) {
        if (file.deleted) {
            return tombstone(file.id);
        }
        ObjectNode json = SlackJson.object();
        json.put("id", file.id);
        json.put("created", file.created);
        json.put("timestamp", file.created);
        json.put("name", file.name);
        json.put("title", file.title);
        json.put("mimetype", file.mimetype());
        json.put("filetype", file.filetype());
        json.put("pretty_type", file.filetype().toUpperCase(java.util.Locale.ROOT));
        json.put("user", file.user);
        json.put("user_team", state.teamId);
        json.put("editable", false);
        json.put("size", file.length);
        json.put("mode", "hosted");
        json.put("is_external", false);
        json.put("external_type", "");
        json.put("is_public", false);
        json.put("public_url_shared", false);
        json.put("display_as_bot", false);
        json.put("username", "");
        json.put("url_private", file.urlPrivate);
        json.put("url_private_download", file.urlPrivateDownload);
        json.put("permalink", file.permalink);
        if (file.altTxt != null) {
            json.put("alt_txt", file.altTxt);
        }
        json.put("media_display_type", file.isImage() ? "image" : "unknown");
        json.put("has_rich_preview", false);
        json.put("file_access", "visible");
        ArrayNode channels = json.putArray("channels");
        ArrayNode groups = json.putArray("groups");
        for (String channelId : file.channels) {
            boolean isPrivate =
                    state.channelById(channelId).map(c -> c.isPrivate).orElse(false);
            (isPrivate ? groups : channels).add(channelId);
        }
        json.putArray("ims");
        json.putObject("shares");
        json.put("comments_count", 0);
        return json;
    }

    private static ObjectNode tombstone(String id) {
        return SlackJson.object().put("id", id).put("mode", "tombstone");
    }

    private static void threadFields(StoredMessage message, ObjectNode json) {
        if (message.isReply()) {
            json.put("thread_ts", message.parentTs);
            json.put("parent_user_id", message.parentUser);
            if (message.broadcast) {
                json.put("subtype", "thread_broadcast");
            }
        } else if (!message.replies.isEmpty()) {
            json.put("thread_ts", message.ts);
            json.put("reply_count", message.replies.size());
            json.put("reply_users_count", message.replyUsers().size());
            json.put("latest_reply", message.replies.get(message.replies.size() - 1).ts);
            json.set("reply_users", SlackJson.array(message.replyUsers()));
            json.put("is_locked", false);
            json.put("subscribed", false);
        }
    }

    private ObjectNode botProfile() {
        ObjectNode json = SlackJson.object();
        json.put("id", state.botId);
        json.put("deleted", false);
        json.put("name", state.bot.name());
        json.put("updated", 0);
        json.put("app_id", state.appId);
        json.put("user_id", state.bot.id());
        json.putObject("icons").put("image_48", "");
        json.put("team_id", state.teamId);
        return json;
    }

    /** {@code response_metadata} with a next cursor ({@code ""} at the end). */
    static ObjectNode responseMetadata(String nextCursor) {
        ObjectNode json = SlackJson.object();
        json.put("next_cursor", nextCursor == null ? "" : nextCursor);
        return json;
    }

    static ArrayNode strings(String... values) {
        return SlackJson.array(List.of(values));
    }
}
