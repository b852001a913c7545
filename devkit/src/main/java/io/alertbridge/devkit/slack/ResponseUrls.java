package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code response_url}s handed to the app with each click and slash command, and the endpoint behind them
 * ({@code /actions/...}). A JSON POST to one, as to Slack's, can replace the original message
 * ({@code replace_original}), delete it ({@code delete_original}), post in the channel
 * ({@code "response_type": "in_channel"}) or, by default, show an ephemeral message to the person who acted. Each
 * URL works {@value #MAX_USES} times within 30 minutes, as Slack's do.
 *
 * <p>Thread-safe: the registry is concurrent; changes happen under the state's lock.
 */
final class ResponseUrls implements HttpHandler {

    static final int MAX_USES = 5;
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final String PATH = "/actions/";

    private static final Logger LOG = LoggerFactory.getLogger(ResponseUrls.class);

    private final WorkspaceState state;
    private final Supplier<String> baseUrl;
    private final LongSupplier nanoClock;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** What a response URL answers for: a message (for clicks) or only a channel (for commands). */
    private static final class Target {
        final String channelId;
        final String messageTs;
        final String userId;
        final long createdNanos;
        int uses;

        Target(String channelId, String messageTs, String userId, long createdNanos) {
            this.channelId = channelId;
            this.messageTs = messageTs;
            this.userId = userId;
            this.createdNanos = createdNanos;
        }
    }

    ResponseUrls(WorkspaceState state, Supplier<String> baseUrl, LongSupplier nanoClock) {
        this.state = state;
        this.baseUrl = baseUrl;
        this.nanoClock = nanoClock;
    }

    /**
     * A new response URL.
     *
     * @param channelId the channel acted in
     * @param messageTs the message whose button was clicked, or {@code null} for a slash command
     * @param userId who acted (sees the ephemeral answers)
     */
    String create(String channelId, String messageTs, String userId) {
        String key = state.teamId + "/" + sequence.incrementAndGet() + "/"
                + HexFormat.of().formatHex(randomBytes());
        targets.put(key, new Target(channelId, messageTs, userId, nanoClock.getAsLong()));
        return baseUrl.get() + PATH.substring(1) + key;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestURI().getPath().substring(PATH.length());
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, "method_not_allowed");
                return;
            }
            Target target = targets.get(key);
            if (target == null || nanoClock.getAsLong() - target.createdNanos > LIFETIME.toNanos()) {
                answer(exchange, 404, "expired_url");
                return;
            }
            JsonNode body;
            try {
                body = SlackJson.parse(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                answer(exchange, 400, "invalid_payload");
                return;
            }
            if (!(body instanceof ObjectNode json)) {
                answer(exchange, 400, "invalid_payload");
                return;
            }
            String error = null;
            try {
                synchronized (state) {
                    if (++target.uses > MAX_USES) {
                        error = "used_url";
                    } else {
                        apply(target.channelId, target.messageTs, target.userId, json);
                    }
                }
            } catch (SlackApiError e) {
                error = e.error();
            }
            if (error != null) {
                answer(exchange, error.equals("used_url") ? 404 : 400, error);
                return;
            }
            answer(exchange, 200, null);
        }
    }

    /**
     * Does what a response (to a response URL or the app's synchronous answer to a command) asks for. Called with
     * the state's lock held.
     */
    void apply(String channelId, String messageTs, String userId, ObjectNode response) throws SlackApiError {
        StoredChannel channel = state.channelById(channelId).orElseThrow(() -> SlackApiError.of("channel_not_found"));
        StoredMessage original = messageTs == null ? null : channel.byTs.get(messageTs);
        if (response.path("delete_original").asBoolean(false)) {
            if (original == null) {
                throw SlackApiError.of("message_not_found");
            }
            state.delete(channel, original);
            return;
        }
        MessageContent content = MessageContent.read(ApiRequest.of(response), state.validator());
        if (!content.hasContent()) {
            throw SlackApiError.of("no_text");
        }
        GeneratedIds.fill(content.blocks(), content.attachments());
        if (response.path("replace_original").asBoolean(false)) {
            if (original == null) {
                throw SlackApiError.of("message_not_found");
            }
            // replace_original replaces the whole message: what is not sent is gone.
            original.text = content.text() == null ? "" : content.text();
            original.blocks = content.blocks();
            original.attachments = ChatMethods.withIds(content.attachments());
            original.editedTs = state.nextTs();
            original.editedBy = state.bot.id();
            state.changed();
            return;
        }
        StoredMessage message = botMessage(channel, content, response, original);
        if ("in_channel".equals(response.path("response_type").asText())) {
            StoredMessage parent = message.parentTs == null ? null : channel.byTs.get(message.parentTs);
            state.store(channel, parent, message, false);
        } else {
            state.addEphemeral(new WorkspaceState.Ephemeral(userId, message));
        }
        LOG.debug(
                "Response in {} for {}: {}",
                channelId,
                userId,
                response.path("response_type").asText("ephemeral"));
    }

    private StoredMessage botMessage(
            StoredChannel channel, MessageContent content, ObjectNode response, StoredMessage original) {
        String threadTs = response.path("thread_ts").asText(null);
        StoredMessage parent = threadTs == null ? null : channel.byTs.get(threadTs);
        if (parent == null && original != null && original.isReply()) {
            parent = channel.byTs.get(original.parentTs);
        }
        StoredMessage message = new StoredMessage(channel.id, state.nextTs(), state.bot.id(), state.botId, parent);
        message.text = content.text() == null ? "" : content.text();
        message.blocks = content.blocks();
        message.attachments = ChatMethods.withIds(content.attachments());
        return message;
    }

    private static void answer(HttpExchange exchange, int status, String error) throws IOException {
        ObjectNode body = SlackJson.object().put("ok", error == null);
        if (error != null) {
            body.put("error", error);
        }
        byte[] bytes = SlackJson.bytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
