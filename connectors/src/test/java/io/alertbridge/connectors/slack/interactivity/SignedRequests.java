package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import io.alertbridge.schemas.serde.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests as Slack sends them: {@code block_actions} and slash-command bodies, signed as Slack signs them
 * ({@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{body}}), computed here independently of Bolt's own
 * code so the tests do not trust what they test.
 */
final class SignedRequests {

    private static final AtomicLong TRIGGERS = new AtomicLong();

    private final String secret;

    SignedRequests(String secret) {
        this.secret = secret;
    }

    /** A person, as payloads name them. */
    record Person(String id, String name) {}

    static final Person ALICE = new Person("U0ALICE", "alice");
    static final Person BOB = new Person("U0BOB", "bob");

    /** A signed HTTP request: the raw body and its headers. */
    record Signed(String body, Map<String, List<String>> headers) {
        RequestHeaders requestHeaders() {
            return new RequestHeaders(headers);
        }

        String header(String name) {
            return headers.get(name).get(0);
        }
    }

    /** The JSON payload of a click on one element. */
    static String blockActionPayload(
            Person who, String actionId, String value, String selectedValue, String responseUrl) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("type", "block_actions");
        ObjectNode user = payload.putObject("user");
        if (who != null) {
            user.put("id", who.id());
            user.put("username", who.name());
            user.put("name", who.name());
            user.put("team_id", "T0LOCAL");
        }
        payload.put("api_app_id", "A0LOCAL");
        payload.put("token", "legacy-verification-token");
        payload.putObject("team").put("id", "T0LOCAL").put("domain", "local");
        payload.putObject("channel").put("id", "C0ALERTS").put("name", "alerts");
        payload.putObject("container")
                .put("type", "message")
                .put("message_ts", "1700000000.000100")
                .put("channel_id", "C0ALERTS");
        payload.put("trigger_id", nextTrigger());
        payload.put("response_url", responseUrl);
        ArrayNode actions = payload.putArray("actions");
        ObjectNode action = actions.addObject();
        action.put("action_id", actionId);
        action.put("block_id", "actions");
        action.put("action_ts", "1700000001.000200");
        if (selectedValue != null) {
            action.put("type", "static_select");
            action.putObject("selected_option")
                    .put("value", selectedValue)
                    .putObject("text")
                    .put("type", "plain_text")
                    .put("text", "choice");
        } else {
            action.put("type", "button");
            action.putObject("text").put("type", "plain_text").put("text", "Button");
            action.put("value", value);
        }
        return payload.toString();
    }

    /** The form body of a slash command. */
    static String slashCommandBody(Person who, String command, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0LOCAL");
        form.put("team_domain", "local");
        form.put("channel_id", "C0ALERTS");
        form.put("channel_name", "alerts");
        form.put("user_id", who == null ? "" : who.id());
        form.put("user_name", who == null ? "" : who.name());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0LOCAL");
        form.put("response_url", responseUrl);
        form.put("trigger_id", nextTrigger());
        return form(form);
    }

    static String payloadBody(String payloadJson) {
        return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
    }

    /** Signed now. */
    Signed sign(String body) {
        return sign(body, Instant.now());
    }

    /** Signed as if sent at {@code at}. */
    Signed sign(String body, Instant at) {
        String timestamp = String.valueOf(at.getEpochSecond());
        return new Signed(
                body,
                Map.of(
                        "X-Slack-Request-Timestamp", List.of(timestamp),
                        "X-Slack-Signature", List.of(signature(secret, timestamp, body)),
                        "Content-Type", List.of("application/x-www-form-urlencoded")));
    }

    /** A Bolt request for a click, as Bolt's own BlockActionTest builds them. */
    BlockActionRequest click(String payloadJson) {
        Signed signed = sign(payloadBody(payloadJson));
        return new BlockActionRequest(signed.body(), payloadJson, signed.requestHeaders());
    }

    /** A Bolt request for a slash command. */
    SlashCommandRequest command(String body) {
        Signed signed = sign(body);
        return new SlashCommandRequest(signed.body(), signed.requestHeaders());
    }

    static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nextTrigger() {
        return "1700000000." + TRIGGERS.incrementAndGet() + ".trigger";
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }
}
