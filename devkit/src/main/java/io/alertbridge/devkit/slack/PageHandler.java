package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's web page and the small JSON API behind it. {@code /} (and permalinks under {@code /archives/})
 * serve the page; {@code /static/} its script and style from the jar; {@code /page/workspace} the channels and
 * people; {@code /page/messages} a channel's messages with their threads and the viewer's ephemeral messages;
 * {@code /page/events} a server-sent event stream that says "something changed" so the page refetches;
 * {@code /page/click} (a button, or a menu's option with {@code selected_value}) and {@code /page/send} turn clicks,
 * choices and typed text into signed requests to the app (the server signs, so the browser never holds the
 * secret).
 *
 * <p>Thread-safe. Each open page holds one server thread for its event stream.
 */
final class PageHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PageHandler.class);
    private static final String RESOURCES = "/io/alertbridge/devkit/slack/";
    private static final Map<String, String> STATIC_FILES = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "index.html", "text/html; charset=utf-8");
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final LocalSlackWorkspace workspace;
    private final WorkspaceState state;
    private final SlackShapes shapes;

    PageHandler(LocalSlackWorkspace workspace, WorkspaceState state, SlackShapes shapes) {
        this.workspace = workspace;
        this.state = state;
        this.shapes = shapes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String route = exchange.getRequestMethod() + " " + path;
            switch (route) {
                case "GET /" -> serveResource(exchange, "index.html");
                case "GET /page/workspace" -> sendJson(exchange, 200, workspaceJson());
                case "GET /page/messages" -> {
                    Map<String, String> query = query(exchange);
                    sendJson(exchange, 200, messagesJson(query.get("channel"), query.get("user")));
                }
                case "GET /page/events" -> streamEvents(exchange);
                case "GET /page/file" -> file(exchange);
                case "POST /page/click" -> click(exchange);
                case "POST /page/send" -> send(exchange);
                default -> serveByPrefix(exchange, route, path);
            }
        }
    }

    private void serveByPrefix(HttpExchange exchange, String route, String path) throws IOException {
        if (route.startsWith("GET /archives/")) {
            serveResource(exchange, "index.html");
        } else if (route.startsWith("GET /static/")) {
            serveResource(exchange, path.substring("/static/".length()));
        } else {
            sendText(exchange, 404, "not found");
        }
    }

    private void serveResource(HttpExchange exchange, String name) throws IOException {
        String type = STATIC_FILES.get(name);
        if (type == null) {
            sendText(exchange, 404, "not found");
            return;
        }
        try (InputStream in = PageHandler.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                sendText(exchange, 500, "missing resource " + name);
                return;
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ObjectNode workspaceJson() {
        ObjectNode json = SlackJson.object();
        synchronized (state) {
            json.put("team", state.teamName);
            json.put("team_id", state.teamId);
            json.put("bot_user_id", state.bot.id());
            json.put("interactivity_url", workspace.interactivityUrl());
            json.put("slash_command_url", workspace.slashCommandUrl());
            ArrayNode channels = json.putArray("channels");
            for (StoredChannel channel : state.channels()) {
                channels.add(SlackJson.object()
                        .put("id", channel.id)
                        .put("name", channel.name)
                        .put("is_private", channel.isPrivate)
                        .put("is_archived", channel.archived)
                        .put("bot_is_member", channel.members.contains(state.bot.id()))
                        .put("message_count", channel.messages.size()));
            }
            ArrayNode users = json.putArray("users");
            for (SlackUser user : state.users()) {
                users.add(SlackJson.object()
                        .put("id", user.id())
                        .put("name", user.name())
                        .put("real_name", user.realName())
                        .put("is_bot", user.isBot()));
            }
        }
        return json;
    }

    private ObjectNode messagesJson(String channelId, String userId) {
        ObjectNode json = SlackJson.object();
        synchronized (state) {
            json.put("version", state.version());
            Optional<StoredChannel> channel = state.channelById(channelId == null ? "" : channelId);
            ArrayNode messages = json.putArray("messages");
            ArrayNode ephemerals = json.putArray("ephemerals");
            if (channel.isEmpty()) {
                return json;
            }
            for (StoredMessage message : channel.get().messages.values()) {
                ObjectNode shown = shapes.message(message, true);
                ArrayNode replies = shown.putArray("replies");
                message.replies.forEach(reply -> replies.add(shapes.message(reply, true)));
                messages.add(shown);
            }
            if (userId != null) {
                state.ephemerals(channel.get().id, userId).forEach(e -> ephemerals.add(shapes.message(e, false)));
            }
        }
        return json;
    }

    /**
     * A file's bytes for the page's images, by {@code id} or by one of its {@code url}s: the person at the page is
     * signed in, so no token is asked for. 404 for an unknown or deleted file.
     */
    private void file(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        String id = query.get("id");
        if (id == null && query.get("url") != null) {
            String url = query.get("url");
            synchronized (state) {
                id = state.files().stream()
                        .filter(f -> f.isAt(url))
                        .map(f -> f.id)
                        .findFirst()
                        .orElse(null);
            }
        }
        Optional<byte[]> bytes = id == null ? Optional.empty() : FileTransfers.bytesOf(state, id);
        if (bytes.isEmpty()) {
            sendText(exchange, 404, "file not found");
            return;
        }
        String type = state.fileById(id).map(StoredFile::mimetype).orElse("application/octet-stream");
        FileTransfers.send(exchange, 200, type, bytes.get());
    }

    private void streamEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long seen = state.version();
        try {
            write(out, "retry: 1000\n\nevent: change\ndata: " + seen + "\n\n");
            while (!Thread.currentThread().isInterrupted()) {
                long now = state.awaitChange(seen, HEARTBEAT_MILLIS);
                if (now == seen) {
                    write(out, ": heartbeat\n\n");
                } else {
                    seen = now;
                    write(out, "event: change\ndata: " + now + "\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("A page closed its event stream: {}", e.getMessage());
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void click(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        InteractionResult result = workspace.act(
                body.path("channel").asText(),
                body.path("ts").asText(),
                body.path("action_id").asText(),
                body.path("block_id").asText(null),
                body.path("user").asText(),
                body.path("selected_value").asText(null));
        sendJson(exchange, 200, resultJson(result, workspace.interactivityUrl()));
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode body = readJson(exchange);
        String channel = body.path("channel").asText();
        String user = body.path("user").asText();
        String text = body.path("text").asText().strip();
        if (text.isEmpty()) {
            sendJson(exchange, 200, SlackJson.object().put("ok", false).put("error", "no_text"));
        } else if (text.startsWith("/")) {
            InteractionResult result = workspace.runSlashCommand(channel, user, text);
            sendJson(exchange, 200, resultJson(result, workspace.slashCommandUrl()));
        } else {
            try {
                workspace.postAsUser(channel, user, text);
                sendJson(exchange, 200, SlackJson.object().put("ok", true));
            } catch (IllegalArgumentException e) {
                sendJson(exchange, 200, SlackJson.object().put("ok", false).put("error", e.getMessage()));
            }
        }
    }

    private static ObjectNode resultJson(InteractionResult result, String url) {
        ObjectNode json = SlackJson.object();
        json.put("ok", result.delivered());
        json.put("status", result.httpStatus());
        json.put("error", result.error());
        json.put("url", url);
        return json;
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try {
            return SlackJson.parse(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            return SlackJson.object();
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        ObjectNode args = SlackJson.object();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            ApiRequest.parseForm(raw, args);
        }
        Map<String, String> query = new HashMap<>();
        args.properties().forEach(e -> query.put(e.getKey(), e.getValue().asText()));
        return query;
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = SlackJson.bytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
