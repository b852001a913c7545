package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends what Slack sends to an app when people act: a {@code block_actions} payload when a button is clicked or
 * an option of a select menu is chosen (with {@code selected_option} and {@code state.values}), a slash-command
 * request for {@code /alerts ...}. Both are form-encoded, signed ({@link SlackSignature}), carry a
 * working {@code response_url} and a {@code trigger_id}, and must be answered within 3 seconds. A command's
 * synchronous answer is shown as Slack shows it (ephemeral unless {@code "response_type": "in_channel"}).
 *
 * <p>Thread-safe. Payloads are built under the state's lock; the app is called without it, so the app may call
 * the Web API back while it handles the request.
 */
final class Interactions {

    /** How long Slack waits for an app to acknowledge. */
    static final Duration APP_TIMEOUT = Duration.ofSeconds(3);

    /** The legacy verification token sent in payloads; apps should check signatures instead. */
    static final String VERIFICATION_TOKEN = "local-workspace-verification-token";

    private static final Logger LOG = LoggerFactory.getLogger(Interactions.class);

    private final WorkspaceState state;
    private final SlackShapes shapes;
    private final ResponseUrls responseUrls;
    private final Supplier<String> signingSecret;
    private final HttpClient http;
    private final AtomicLong triggers = new AtomicLong();

    Interactions(WorkspaceState state, SlackShapes shapes, ResponseUrls responseUrls, Supplier<String> signingSecret) {
        this.state = state;
        this.shapes = shapes;
        this.responseUrls = responseUrls;
        this.signingSecret = signingSecret;
        this.http = HttpClient.newBuilder()
                .connectTimeout(APP_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A request ready to send, or the reason there is none. */
    private record Prepared(String body, String error) {}

    /**
     * Clicks a button, or chooses an option of a select menu: finds the element in the message (or in an ephemeral
     * message the user sees) and POSTs the {@code block_actions} payload to {@code url}.
     *
     * @param blockId the element's block, or {@code null} for the first element with that action id
     * @param option for a select menu, the chosen option's value or label; ignored for a button
     */
    InteractionResult act(
            String url,
            String channelIdOrName,
            String ts,
            String actionId,
            String blockId,
            String user,
            String option) {
        if (url == null || url.isBlank()) {
            return InteractionResult.failed("no_interactivity_url");
        }
        Prepared prepared;
        synchronized (state) {
            prepared = blockActions(channelIdOrName, ts, new Target(actionId, blockId, option), user);
        }
        if (prepared.error() != null) {
            return InteractionResult.failed(prepared.error());
        }
        return send(url, "payload=" + URLEncoder.encode(prepared.body(), StandardCharsets.UTF_8));
    }

    /** What a person acts on: an element by action id (in a block, if given) and, for a menu, the option. */
    private record Target(String actionId, String blockId, String option) {}

    private Prepared blockActions(String channelIdOrName, String ts, Target target, String user) {
        Optional<StoredChannel> channel = state.channelByIdOrName(channelIdOrName);
        Optional<SlackUser> actor = state.findUser(user);
        if (channel.isEmpty()) {
            return new Prepared(null, "channel_not_found");
        }
        if (actor.isEmpty()) {
            return new Prepared(null, "user_not_found");
        }
        StoredMessage message = channel.get().byTs.get(ts);
        boolean ephemeral = false;
        if (message == null) {
            message = state.ephemerals(channel.get().id, actor.get().id()).stream()
                    .filter(m -> m.ts.equals(ts))
                    .findFirst()
                    .orElse(null);
            ephemeral = message != null;
        }
        if (message == null) {
            return new Prepared(null, "message_not_found");
        }
        ObjectNode action = findAction(message, target.actionId(), target.blockId());
        if (action == null) {
            return new Prepared(null, "action_not_found");
        }
        ObjectNode values = SlackJson.object();
        if (action.has("options") || action.has("option_groups")) {
            ObjectNode selected = selectedOption(action, target.option());
            if (selected == null) {
                return new Prepared(null, target.option() == null ? "option_required" : "option_not_found");
            }
            action = chosen(action, selected);
            values.putObject(action.path("block_id").asText())
                    .putObject(target.actionId())
                    .put("type", action.path("type").asText())
                    .set("selected_option", selected);
        }
        action.put("action_ts", state.nextTs());
        ObjectNode payload = SlackJson.object();
        payload.put("type", "block_actions");
        payload.set("user", userObject(actor.get()));
        payload.put("api_app_id", state.appId);
        payload.put("token", VERIFICATION_TOKEN);
        ObjectNode container = payload.putObject("container");
        container.put("type", "message");
        container.put("message_ts", message.ts);
        container.put("channel_id", channel.get().id);
        container.put("is_ephemeral", ephemeral);
        payload.put("trigger_id", triggerId());
        payload.set("team", team());
        payload.putNull("enterprise");
        payload.put("is_enterprise_install", false);
        payload.putObject("channel").put("id", channel.get().id).put("name", channel.get().name);
        if (!ephemeral) {
            payload.set("message", shapes.message(message, true));
        }
        payload.putObject("state").set("values", values);
        payload.put(
                "response_url",
                responseUrls.create(
                        channel.get().id,
                        ephemeral ? null : message.ts,
                        actor.get().id()));
        payload.putArray("actions").add(action);
        return new Prepared(SlackJson.text(payload), null);
    }

    /** The menu's option whose value, or else whose label, is {@code choice}; null when there is none. */
    private static ObjectNode selectedOption(ObjectNode menu, String choice) {
        if (choice == null) {
            return null;
        }
        ArrayNode options = SlackJson.array();
        menu.path("options").forEach(options::add);
        menu.path("option_groups").forEach(group -> group.path("options").forEach(options::add));
        ObjectNode byLabel = null;
        for (JsonNode option : options) {
            if (choice.equals(option.path("value").asText(null))) {
                return option.deepCopy();
            }
            if (byLabel == null
                    && choice.equals(option.path("text").path("text").asText(null))) {
                byLabel = option.deepCopy();
            }
        }
        return byLabel;
    }

    /**
     * A menu's action as Slack sends it once an option is chosen: type, ids, the {@code selected_option} and the
     * placeholder; the list of options stays in the message.
     */
    private static ObjectNode chosen(ObjectNode menu, ObjectNode selected) {
        ObjectNode action = SlackJson.object();
        action.put("type", menu.path("type").asText());
        action.put("action_id", menu.path("action_id").asText());
        action.put("block_id", menu.path("block_id").asText());
        action.set("selected_option", selected);
        if (menu.has("placeholder")) {
            action.set("placeholder", menu.get("placeholder"));
        }
        return action;
    }

    /** The clicked element as Slack describes it in {@code actions}: the element plus its {@code block_id}. */
    private static ObjectNode findAction(StoredMessage message, String actionId, String blockId) {
        ObjectNode found = findAction(message.blocks, actionId, blockId);
        if (found == null && message.attachments != null) {
            for (JsonNode attachment : message.attachments) {
                found = findAction(attachment.get("blocks"), actionId, blockId);
                if (found != null) {
                    break;
                }
            }
        }
        return found;
    }

    private static ObjectNode findAction(JsonNode blocks, String actionId, String blockId) {
        if (blocks == null) {
            return null;
        }
        for (JsonNode block : blocks) {
            String id = block.path("block_id").asText();
            if (blockId != null && !blockId.equals(id)) {
                continue;
            }
            ArrayNode candidates = SlackJson.array();
            block.path("elements").forEach(candidates::add);
            if (block.has("accessory")) {
                candidates.add(block.get("accessory"));
            }
            for (JsonNode element : candidates) {
                if (actionId.equals(element.path("action_id").asText())) {
                    ObjectNode action = SlackJson.object();
                    action.put("action_id", actionId);
                    action.put("block_id", id);
                    ObjectNode copy = element.deepCopy();
                    copy.remove("action_id");
                    action.setAll(copy);
                    return action;
                }
            }
        }
        return null;
    }

    /**
     * Runs a slash command ({@code /alerts list}) as {@code user} in a channel: POSTs Slack's form to {@code url}
     * and shows the app's synchronous answer, if any.
     */
    InteractionResult slashCommand(String url, String channelIdOrName, String user, String commandLine) {
        if (url == null || url.isBlank()) {
            return InteractionResult.failed("no_interactivity_url");
        }
        String trimmed = commandLine.strip();
        int space = trimmed.indexOf(' ');
        String command = space < 0 ? trimmed : trimmed.substring(0, space);
        String text = space < 0 ? "" : trimmed.substring(space + 1).strip();
        Map<String, String> form = new LinkedHashMap<>();
        String channelId;
        String userId;
        synchronized (state) {
            Optional<StoredChannel> channel = state.channelByIdOrName(channelIdOrName);
            Optional<SlackUser> actor = state.findUser(user);
            if (channel.isEmpty()) {
                return InteractionResult.failed("channel_not_found");
            }
            if (actor.isEmpty()) {
                return InteractionResult.failed("user_not_found");
            }
            channelId = channel.get().id;
            userId = actor.get().id();
            form.put("token", VERIFICATION_TOKEN);
            form.put("team_id", state.teamId);
            form.put("team_domain", state.teamDomain);
            form.put("channel_id", channelId);
            form.put("channel_name", channel.get().name);
            form.put("user_id", userId);
            form.put("user_name", actor.get().name());
            form.put("command", command);
            form.put("text", text);
            form.put("api_app_id", state.appId);
            form.put("is_enterprise_install", "false");
            form.put("response_url", responseUrls.create(channelId, null, userId));
            form.put("trigger_id", triggerId());
        }
        InteractionResult result = send(url, encode(form));
        if (result.delivered() && !result.body().isBlank()) {
            showAnswer(channelId, userId, trimmed, result.body());
        }
        return result;
    }

    /** Shows a command's synchronous answer: JSON as a message, plain text as an ephemeral text. */
    private void showAnswer(String channelId, String userId, String commandLine, String body) {
        ObjectNode answer;
        try {
            JsonNode parsed = body.strip().startsWith("{") ? SlackJson.parse(body) : null;
            answer = parsed instanceof ObjectNode object
                    ? object
                    : SlackJson.object().put("text", body);
        } catch (IOException e) {
            answer = SlackJson.object().put("text", body);
        }
        try {
            synchronized (state) {
                if ("in_channel".equals(answer.path("response_type").asText())) {
                    // Slack shows the command itself above an in-channel answer.
                    StoredChannel channel = state.channelById(channelId).orElseThrow();
                    StoredMessage typed = new StoredMessage(channelId, state.nextTs(), userId, null, null);
                    typed.text = commandLine;
                    state.store(channel, null, typed, false);
                }
                responseUrls.apply(channelId, null, userId, answer);
            }
        } catch (SlackApiError e) {
            LOG.info("The app's answer to {} in {} could not be shown: {}", commandLine, channelId, e.error());
        }
    }

    private InteractionResult send(String url, String body) {
        long timestamp = state.nowSeconds();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(APP_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                    .header(SlackSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(SlackSignature.SIGNATURE_HEADER, SlackSignature.sign(signingSecret.get(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return InteractionResult.failed("connection_failed");
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.debug("App at {} answered {}", url, response.statusCode());
            String error = response.statusCode() == 200 ? null : "http_error";
            return new InteractionResult(response.statusCode(), response.body(), error);
        } catch (HttpTimeoutException e) {
            return InteractionResult.failed("operation_timeout");
        } catch (IOException e) {
            LOG.info("The app at {} could not be reached: {}", url, e.toString());
            return InteractionResult.failed("connection_failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InteractionResult.failed("connection_failed");
        }
    }

    private ObjectNode userObject(SlackUser user) {
        ObjectNode json = SlackJson.object();
        json.put("id", user.id());
        json.put("username", user.name());
        json.put("name", user.name());
        json.put("team_id", state.teamId);
        return json;
    }

    private ObjectNode team() {
        return SlackJson.object().put("id", state.teamId).put("domain", state.teamDomain);
    }

    private String triggerId() {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return triggers.incrementAndGet() + "." + state.nowSeconds() + "."
                + HexFormat.of().formatHex(random);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
