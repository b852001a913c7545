package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, in Slack itself, a message the sink may have created before it crashed: the main message of an incident
 * (or a digest) in the channel's recent history, or a thread reply under a message, recognised by its metadata
 * ({@code event_type} and the incident, digest or command id in {@code event_payload}). This is what makes an
 * intent without a known ts safe to act on: found means "it happened, adopt it", not found means "post it".
 *
 * <p>Used by the sink's loop thread only.
 */
public final class MessageReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageReconciler.class);
    private static final int PAGE = 200;

    private final SlackCalls slack;
    private final ChannelDirectory channels;
    private final int maxPages;
    private final SinkMetrics metrics;

    public MessageReconciler(SlackCalls slack, ChannelDirectory channels, int maxPages, SinkMetrics metrics) {
        this.slack = slack;
        this.channels = channels;
        this.maxPages = maxPages;
        this.metrics = metrics;
    }

    /**
     * The ts of the newest message in {@code channel} since {@code notBefore} whose metadata has {@code eventType}
     * and {@code payload[idField] == id}.
     */
    Optional<String> findMessage(String channel, String eventType, String idField, String id, Instant notBefore) {
        String channelId = channels.idOf(channel);
        if (!ChannelDirectory.isId(channelId)) {
            LOG.warn(
                    "Cannot search channel {} for {} {}: no such channel is visible",
                    LogText.safe(channel),
                    idField,
                    LogText.safe(id));
            metrics.reconciled(false);
            return Optional.empty();
        }
        String oldest = notBefore.getEpochSecond() + ".000000";
        String cursor = null;
        boolean triedJoin = false;
        for (int page = 0; page < maxPages; page++) {
            String pageCursor = cursor;
            SlackCalls.Outcome<ConversationsHistoryResponse> outcome = slack.call(
                    SlackErrorClassifier.HISTORY,
                    m -> m.conversationsHistory(r -> r.channel(channelId)
                            .oldest(oldest)
                            .limit(PAGE)
                            .includeAllMetadata(true)
                            .cursor(pageCursor)));
            if (!outcome.ok()) {
                if (outcome.action() == SlackErrorClassifier.Action.JOIN_CHANNEL && !triedJoin) {
                    triedJoin = true;
                    if (channels.join(channelId)) {
                        page--;
                        continue;
                    }
                }
                LOG.warn(
                        "Cannot search channel {} for {} {}: {}",
                        LogText.safe(channelId),
                        idField,
                        LogText.safe(id),
                        LogText.safe(outcome.failure().reason()));
                break;
            }
            Optional<String> ts = match(outcome.response().getMessages(), eventType, idField, id);
            if (ts.isPresent()) {
                metrics.reconciled(true);
                return ts;
            }
            cursor = outcome.response().getResponseMetadata() == null
                    ? null
                    : outcome.response().getResponseMetadata().getNextCursor();
            if (!outcome.response().isHasMore() || cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        metrics.reconciled(false);
        return Optional.empty();
    }

    /** True when a reply with {@code command_id == commandId} exists under the message {@code threadTs}. */
    boolean hasReply(String channelId, String threadTs, String commandId) {
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            String pageCursor = cursor;
            SlackCalls.Outcome<ConversationsRepliesResponse> outcome = slack.call(
                    SlackErrorClassifier.REPLIES,
                    m -> m.conversationsReplies(r -> r.channel(channelId)
                            .ts(threadTs)
                            .limit(PAGE)
                            .includeAllMetadata(true)
                            .cursor(pageCursor)));
            if (!outcome.ok()) {
                LOG.warn(
                        "Cannot read the thread {} in {}: {}",
                        LogText.safe(threadTs),
                        LogText.safe(channelId),
                        LogText.safe(outcome.failure().reason()));
                break;
            }
            if (match(
                            outcome.response().getMessages(),
                            IncidentMessageRenderer.TIMELINE_EVENT_TYPE,
                            "command_id",
                            commandId)
                    .isPresent()) {
                metrics.reconciled(true);
                return true;
            }
            cursor = outcome.response().getResponseMetadata() == null
                    ? null
                    : outcome.response().getResponseMetadata().getNextCursor();
            if (!outcome.response().isHasMore() || cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        metrics.reconciled(false);
        return false;
    }

    /** The ts of the first message (Slack lists newest first) whose metadata matches. */
    static Optional<String> match(List<Message> messages, String eventType, String idField, String id) {
        if (messages == null) {
            return Optional.empty();
        }
        for (Message message : messages) {
            Message.Metadata metadata = message.getMetadata();
            if (metadata == null || !eventType.equals(metadata.getEventType())) {
                continue;
            }
            Map<String, Object> payload = metadata.getEventPayload();
            if (payload != null && id.equals(String.valueOf(payload.get(idField)))) {
                return Optional.ofNullable(message.getTs());
            }
        }
        return Optional.empty();
    }
}
