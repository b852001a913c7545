package io.alertbridge.connectors.slack.interactivity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Invalid;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Parsed;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Silence;
import io.alertbridge.schemas.serde.Json;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of what Slack (or anyone) can send to the interactivity endpoint, seeded with real
 * request bodies ({@code SlackRequestsFuzzTestInputs/<method>/}). Without {@code JAZZER_FUZZ} (every build) each
 * target runs only its seeds and the crashes found so far; {@code build/fuzz} fuzzes them.
 *
 * <ul>
 *   <li>{@link #signedRequest}: any body through {@link SlackEventsHttpHandler} and Bolt, signed with the right
 *       secret, with a wrong one, stale, or not at all. Never an exception, never a 5xx; anything not properly
 *       signed is 401 whatever the body; a properly signed body is 200, or 400 with a JSON {@code error} (ours
 *       for a body Bolt cannot parse, Bolt's own for a payload that lacks a part, e.g. a click without
 *       {@code actions}).
 *   <li>{@link #buttonValue}: a button's value reads as an incident id or fails with the documented
 *       {@link IllegalArgumentException} and its sentence, nothing else.
 *   <li>{@link #slashCommandText}: {@code /alerts} text always parses to a request; what it cannot understand is
 *       {@link Invalid} with a sentence for the person.
 * </ul>
 */
class SlackRequestsFuzzTest {

    private static final Charset UTF8 = StandardCharsets.UTF_8;
    private static final String SECRET = "fuzz-signing-secret";
    private static final URI EVENTS = URI.create("/slack/events");
    private static final SlackEventsHttpHandler HANDLER = new SlackEventsHttpHandler(app(), SECRET);

    /** The first byte chooses how the rest (the body) is sent. */
    private enum Sending {
        SIGNED,
        UNSIGNED,
        WRONG_SECRET,
        STALE;

        static Sending of(byte first) {
            return values()[Math.floorMod(first, values().length)];
        }
    }

    /** A Bolt app with the production shape: every action id and the command handled, the rest answered 200. */
    private static App app() {
        App app = new App(AppConfig.builder()
                .signingSecret(SECRET)
                .unmatchedRequestHandler(request -> Response.json(200, "{\"text\":\"unmatched\"}"))
                .build());
        app.blockAction(Pattern.compile(".*"), (request, ctx) -> {
            var actions = request.getPayload().getActions();
            if (actions != null && !actions.isEmpty()) {
                ButtonHandler.type(actions.get(0).getActionId());
                try {
                    ButtonValue.parse(actions.get(0).getValue());
                } catch (IllegalArgumentException broken) {
                    // Explained to the person by the real handler; the request is still acknowledged.
                }
            }
            return ctx.ack();
        });
        app.command("/alerts", (request, ctx) -> {
            AlertsCommandParser.parse(request.getPayload().getText());
            return ctx.ack();
        });
        return app;
    }

    @FuzzTest(maxDuration = "30s")
    void signedRequest(byte[] input) throws Exception {
        Sending sending = input.length == 0 ? Sending.SIGNED : Sending.of(input[0]);
        String body = new String(input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length), UTF8);
        Instant at = sending == Sending.STALE ? Instant.now().minusSeconds(600) : Instant.now();
        String secret = sending == Sending.WRONG_SECRET ? "not-" + SECRET : SECRET;
        Map<String, List<String>> headers = sending == Sending.UNSIGNED
                ? Map.of("Content-Type", List.of(contentType(body)))
                : Map.of(
                        "Content-Type", List.of(contentType(body)),
                        "X-Slack-Request-Timestamp", List.of(String.valueOf(at.getEpochSecond())),
                        "X-Slack-Signature",
                                List.of(SignedRequests.signature(secret, String.valueOf(at.getEpochSecond()), body)));
        InMemoryExchange exchange = new InMemoryExchange("POST", EVENTS, headers, body.getBytes(UTF8));

        HANDLER.handle(exchange);

        assertThat(exchange.closed()).isTrue();
        if (sending != Sending.SIGNED) {
            if (body.contains("ssl_check=1") && exchange.status() == 200) {
                // Bolt answers Slack's SSL check, which Slack does not sign, before verifying: empty, no work.
                assertThat(exchange.body()).isEmpty();
                return;
            }
            assertThat(exchange.status()).as("%s: %s", sending, exchange.body()).isEqualTo(401);
            return;
        }
        assertThat(exchange.status()).as(exchange.body()).isIn(200, 400);
        if (exchange.status() == 400) {
            JsonNode answer = Json.mapper().readTree(exchange.body());
            assertThat(answer.path("error").asText())
                    .as("ours for an unreadable body, Bolt's for a payload without its parts")
                    .isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void buttonValue(byte[] input) {
        String value = new String(input, UTF8);
        ButtonValue parsed;
        try {
            parsed = ButtonValue.parse(value);
        } catch (IllegalArgumentException broken) {
            assertThat(broken.getMessage()).startsWith("the button");
            return;
        }
        assertThat(parsed.incidentId())
                .isNotBlank()
                .isEqualTo(parsed.incidentId().strip());
        assertThat(parsed.groupKey())
                .satisfiesAnyOf(g -> assertThat(g).isNull(), g -> assertThat(g).isNotBlank());
        assertThat(parsed.snooze())
                .satisfiesAnyOf(s -> assertThat(s).isNull(), s -> assertThat(s).isNotBlank());
    }

    @FuzzTest(maxDuration = "30s")
    void slashCommandText(byte[] input) {
        String text = new String(input, UTF8);

        Parsed parsed = AlertsCommandParser.parse(text);

        assertThat(parsed).isNotNull();
        assertThat(parsed.request()).isNotNull();
        if (parsed.request() instanceof Invalid invalid) {
            assertThat(invalid.problem()).isNotBlank();
        } else if (parsed.request() instanceof Silence silence) {
            assertThat(silence.matchers()).isNotEmpty();
            assertThat(silence.duration()).isNotNull();
        }
    }

    private static String contentType(String body) {
        return body.stripLeading().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
    }
}
