package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * {@code chat.postMessage}, {@code chat.update}, {@code chat.delete} and {@code chat.getPermalink}.
 * {@code chat.postMessage} takes a channel id or name; the others insist on the id, as Slack does. The app may
 * post where its bot is a member, and edit or delete only its own messages.
 *
 * <p>Called with the state's lock held.
 */
final class ChatMethods {

    private final WorkspaceState state;
    private final SlackShapes shapes;
    private final RateLimiter limiter;
    private final Supplier<String> pageUrl;

    ChatMethods(WorkspaceState state, SlackShapes shapes, RateLimiter limiter, Supplier<String> pageUrl) {
        this.state = state;
        this.shapes = shapes;
        this.limiter = limiter;
        this.pageUrl = pageUrl;
    }

    void register(Map<String, ApiMethod.Spec> methods) {
        methods.put("chat.postMessage", new ApiMethod.Spec(RateLimiter.Tier.POST_MESSAGE, this::postMessage));
        methods.put("chat.update", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::update));
        methods.put("chat.delete", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::delete));
        methods.put("chat.getPermalink", new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::getPermalink));
    }

    ObjectNode postMessage(ApiRequest request) throws SlackApiError {
        String channelArg = request.required("channel", "channel_not_found");
        StoredChannel channel = state.channelByIdOrName(channelArg)
                .filter(this::visible)
                .orElseThrow(() -> SlackApiError.of("channel_not_found"));
        if (channel.archived) {
            throw SlackApiError.of("is_archived");
        }
        if (!channel.members.contains(state.bot.id())) {
            throw SlackApiError.of("not_in_channel");
        }
        OptionalInt wait = limiter.acquirePost(channel.id);
        if (wait.isPresent()) {
            throw SlackApiError.rateLimited(wait.getAsInt());
        }
        MessageContent content = MessageContent.read(request, state.validator());
        if (!content.hasContent()) {
            throw SlackApiError.of("no_text");
        }
        StoredMessage parent = parent(channel, request.string("thread_ts"));
        StoredMessage message = new StoredMessage(channel.id, state.nextTs(), state.bot.id(), state.botId, parent);
        message.text = content.text() == null ? "" : content.text();
        GeneratedIds.fill(content.blocks(), content.attachments());
        message.blocks = content.blocks();
        message.attachments = withIds(content.attachments());
        message.metadata = content.metadata();
        state.store(channel, parent, message, request.bool("reply_broadcast"));
        ObjectNode answer = SlackJson.object();
        answer.put("channel", channel.id);
        answer.put("ts", message.ts);
        answer.set("message", shapes.message(message, true));
        return answer;
    }

    private StoredMessage parent(StoredChannel channel, String threadTs) throws SlackApiError {
        if (threadTs == null || threadTs.isBlank()) {
            return null;
        }
        StoredMessage target = channel.byTs.get(threadTs.trim());
        if (target == null) {
            // Slack would post an orphan reply nobody sees; a wrong thread_ts is a bug worth surfacing.
            throw SlackApiError.of("thread_not_found");
        }
        // A reply to a reply joins the parent's thread, as in Slack.
        return target.isReply() ? channel.byTs.get(target.parentTs) : target;
    }

    static ArrayNode withIds(ArrayNode attachments) {
        if (attachments == null) {
            return null;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i) instanceof ObjectNode attachment) {
                attachment.put("id", i + 1);
                if (!attachment.has("fallback")) {
                    attachment.put("fallback", "[no preview available]");
                }
            }
        }
        return attachments;
    }

    ObjectNode update(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channelById(request);
        StoredMessage message = ownMessage(channel, request.required("ts", "message_not_found"), "cant_update_message");
        if (channel.archived) {
            throw SlackApiError.of("is_archived");
        }
        MessageContent content = MessageContent.read(request, state.validator());
        if (!content.hasContent()) {
            throw SlackApiError.of("no_text");
        }
        GeneratedIds.fill(content.blocks(), content.attachments());
        // As in Slack: what is not sent is kept; an empty blocks or attachments array clears them.
        if (content.text() != null) {
            message.text = content.text();
        }
        if (content.blocks() != null) {
            message.blocks = content.blocks().isEmpty() ? null : content.blocks();
        }
        if (content.attachments() != null) {
            message.attachments = content.attachments().isEmpty() ? null : withIds(content.attachments());
        }
        if (content.metadata() != null) {
            message.metadata = content.metadata();
        }
        message.editedTs = state.nextTs();
        message.editedBy = state.bot.id();
        state.changed();
        ObjectNode answer = SlackJson.object();
        answer.put("channel", channel.id);
        answer.put("ts", message.ts);
        answer.put("text", message.text);
        ObjectNode shown = shapes.message(message, false);
        shown.remove("ts");
        answer.set("message", shown);
        return answer;
    }

    ObjectNode delete(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channelById(request);
        StoredMessage message = ownMessage(channel, request.required("ts", "message_not_found"), "cant_delete_message");
        state.delete(channel, message);
        ObjectNode answer = SlackJson.object();
        answer.put("channel", channel.id);
        answer.put("ts", message.ts);
        return answer;
    }

    ObjectNode getPermalink(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channelById(request);
        StoredMessage message = channel.byTs.get(request.required("message_ts", "message_not_found"));
        if (message == null) {
            throw SlackApiError.of("message_not_found");
        }
        String link = pageUrl.get() + "archives/" + channel.id + "/p" + message.ts.replace(".", "");
        if (message.isReply()) {
            link += "?thread_ts=" + message.parentTs + "&cid=" + channel.id;
        }
        ObjectNode answer = SlackJson.object();
        answer.put("channel", channel.id);
        answer.put("permalink", link);
        return answer;
    }

    private StoredChannel channelById(ApiRequest request) throws SlackApiError {
        String id = request.required("channel", "channel_not_found");
        return state.channelById(id).filter(this::visible).orElseThrow(() -> SlackApiError.of("channel_not_found"));
    }

    private StoredMessage ownMessage(StoredChannel channel, String ts, String notOwnError) throws SlackApiError {
        StoredMessage message = channel.byTs.get(ts);
        if (message == null || message.tombstone) {
            throw SlackApiError.of("message_not_found");
        }
        if (!state.bot.id().equals(message.user)) {
            throw SlackApiError.of(notOwnError);
        }
        return message;
    }

    /** A private channel the bot is not in does not exist for it. */
    private boolean visible(StoredChannel channel) {
        return !channel.isPrivate || channel.members.contains(state.bot.id());
    }
}
