package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Clicks and slash commands sent to a real HTTP app, signed as Slack signs them; response URLs. */
class InteractivityIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalSlackWorkspace workspace;
    private SlackSdk sdk;
    private MethodsClient slack;
    private TestSlackApp app;

    @BeforeEach
    void start() throws Exception {
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        slack = sdk.methods();
        app = new TestSlackApp(workspace.signingSecret());
        workspace.setInteractivityUrl(app.url());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        sdk.close();
        workspace.close();
    }

    @Test
    void shouldPostASignedBlockActionsPayloadWhenAButtonIsClicked() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        String alice = workspace.user("alice").orElseThrow().id();

        InteractionResult result = workspace.clickButton("alerts", posted.getTs(), "acknowledge", "alice");

        assertThat(result.delivered()).as(String.valueOf(result)).isTrue();
        TestSlackApp.Received request = app.next();
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).containsOnlyKeys("payload");
        JsonNode payload = request.payload();
        assertThat(payload.path("type").asText()).isEqualTo("block_actions");
        assertThat(payload.path("user").path("id").asText()).isEqualTo(alice);
        assertThat(payload.path("user").path("username").asText()).isEqualTo("alice");
        assertThat(payload.path("team").path("id").asText()).isEqualTo(workspace.teamId());
        assertThat(payload.path("api_app_id").asText()).isEqualTo(workspace.appId());
        assertThat(payload.path("channel").path("id").asText()).isEqualTo(posted.getChannel());
        assertThat(payload.path("channel").path("name").asText()).isEqualTo("alerts");
        assertThat(payload.path("container").path("message_ts").asText()).isEqualTo(posted.getTs());
        assertThat(payload.path("message").path("ts").asText()).isEqualTo(posted.getTs());
        assertThat(payload.path("message").path("blocks")).hasSize(2);
        assertThat(payload.path("trigger_id").asText()).matches("\\d+\\.\\d+\\.[0-9a-f]+");
        assertThat(payload.path("response_url").asText()).startsWith(workspace.baseUrl() + "actions/");
        JsonNode action = payload.path("actions").get(0);
        assertThat(action.path("action_id").asText()).isEqualTo("acknowledge");
        assertThat(action.path("block_id").asText()).isEqualTo("incident-actions");
        assertThat(action.path("value").asText()).isEqualTo("INC-1");
        assertThat(action.path("type").asText()).isEqualTo("button");
        assertThat(action.path("text").path("text").asText()).isEqualTo("Acknowledge");
        assertThat(action.path("action_ts").asText()).isNotEmpty();
    }

    @Test
    void shouldSendTheChosenOptionOfASelectMenuAsSlackDoes() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        String fourHours = SlackSdk.SNOOZE_OPTIONS.get("4 h");

        InteractionResult result = workspace.selectOption("alerts", posted.getTs(), "snooze", "4 h", "alice");

        assertThat(result.delivered()).as(String.valueOf(result)).isTrue();
        TestSlackApp.Received request = app.next();
        assertThat(request.signatureValid()).isTrue();
        JsonNode payload = request.payload();
        assertThat(payload.path("type").asText()).isEqualTo("block_actions");
        JsonNode action = payload.path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("static_select");
        assertThat(action.path("action_id").asText()).isEqualTo("snooze");
        assertThat(action.path("block_id").asText()).isEqualTo("incident-actions");
        assertThat(action.path("selected_option").path("value").asText()).isEqualTo(fourHours);
        assertThat(action.path("selected_option").path("text").path("text").asText())
                .isEqualTo("4 h");
        assertThat(action.path("placeholder").path("text").asText()).isEqualTo("Snooze");
        assertThat(action.path("action_ts").asText()).isNotEmpty();
        assertThat(action.has("options"))
                .as("Slack sends the choice, not the menu")
                .isFalse();
        assertThat(payload.at("/state/values/incident-actions/snooze/selected_option/value")
                        .asText())
                .isEqualTo(fourHours);

        assertThat(workspace
                        .selectOption("alerts", posted.getTs(), "snooze", fourHours, "bob")
                        .delivered())
                .as("an option is found by its value too")
                .isTrue();
        assertThat(app.next()
                        .payload()
                        .at("/actions/0/selected_option/text/text")
                        .asText())
                .isEqualTo("4 h");
        assertThat(workspace
                        .selectOption("alerts", posted.getTs(), "snooze", "2 weeks", "alice")
                        .error())
                .isEqualTo("option_not_found");
        assertThat(app.pending()).as("nothing sent for a missing option").isZero();
    }

    @Test
    void shouldReplaceShowEphemeralAndDeleteThroughTheResponseUrl() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        workspace.clickButton("alerts", posted.getTs(), "acknowledge", "alice");
        String responseUrl = app.next().payload().path("response_url").asText();

        assertThat(respond(responseUrl, "{\"replace_original\":true,\"text\":\"Acknowledged by alice\"}"))
                .isEqualTo(200);
        SlackMessage replaced = workspace.message("alerts", posted.getTs()).orElseThrow();
        assertThat(replaced.text()).isEqualTo("Acknowledged by alice");
        assertThat(replaced.blocks()).as("replace_original replaces everything").isEmpty();
        assertThat(replaced.isEdited()).isTrue();

        assertThat(respond(responseUrl, "{\"text\":\"Only you can see this\"}")).isEqualTo(200);
        assertThat(workspace.ephemeralMessages("alerts", "alice"))
                .extracting(SlackMessage::text)
                .containsExactly("Only you can see this");
        assertThat(workspace.ephemeralMessages("alerts", "bob")).isEmpty();
        assertThat(workspace.messages("alerts")).hasSize(1);

        assertThat(respond(responseUrl, "{\"delete_original\":true}")).isEqualTo(200);
        assertThat(workspace.messages("alerts")).isEmpty();
    }

    @Test
    void shouldAcceptAResponseUrlFiveTimesOnly() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        workspace.clickButton("alerts", posted.getTs(), "resolve", "bob");
        String responseUrl = app.next().payload().path("response_url").asText();

        for (int i = 0; i < ResponseUrls.MAX_USES; i++) {
            assertThat(respond(responseUrl, "{\"text\":\"ok\"}")).isEqualTo(200);
        }
        assertThat(respond(responseUrl, "{\"text\":\"once more\"}")).isEqualTo(404);
        assertThat(respond(workspace.baseUrl() + "actions/T0/1/nope", "{\"text\":\"x\"}"))
                .isEqualTo(404);
    }

    @Test
    void shouldSendASignedSlashCommandAndShowTheEphemeralAnswer() throws Exception {
        app.answerWith(r -> TestSlackApp.Answer.json("{\"text\":\"2 open incidents\"}"));

        InteractionResult result = workspace.runSlashCommand("#alerts", "carol", "/alerts list  open");

        assertThat(result.delivered()).as(String.valueOf(result)).isTrue();
        TestSlackApp.Received request = app.next();
        assertThat(request.signatureValid()).isTrue();
        Map<String, String> form = request.form();
        assertThat(form)
                .containsEntry("command", "/alerts")
                .containsEntry("text", "list  open")
                .containsEntry(
                        "channel_id", workspace.channel("alerts").orElseThrow().id())
                .containsEntry("channel_name", "alerts")
                .containsEntry("user_id", workspace.user("carol").orElseThrow().id())
                .containsEntry("user_name", "carol")
                .containsEntry("team_id", workspace.teamId())
                .containsEntry("api_app_id", workspace.appId())
                .containsKeys("response_url", "trigger_id", "token", "team_domain");
        assertThat(workspace.ephemeralMessages("alerts", "carol"))
                .extracting(SlackMessage::text)
                .containsExactly("2 open incidents");
        assertThat(workspace.messages("alerts")).isEmpty();
    }

    @Test
    void shouldShowAnInChannelAnswerWithTheCommandAbove() throws Exception {
        app.answerWith(r -> TestSlackApp.Answer.json("{\"response_type\":\"in_channel\",\"text\":\"INC-1 silenced\"}"));

        workspace.runSlashCommand("alerts", "alice", "/alerts silence INC-1 1h");

        assertThat(workspace.messages("alerts"))
                .extracting(SlackMessage::text)
                .containsExactly("/alerts silence INC-1 1h", "INC-1 silenced");
    }

    @Test
    void shouldReportWhatSlackWouldShowWhenTheAppFails() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        app.answerWith(r -> new TestSlackApp.Answer(500, "text/plain", "boom"));
        assertThat(workspace.clickButton("alerts", posted.getTs(), "acknowledge", "alice"))
                .extracting(InteractionResult::error, InteractionResult::httpStatus)
                .containsExactly("http_error", 500);
        assertThat(workspace
                        .clickButton("alerts", posted.getTs(), "nope", "alice")
                        .error())
                .isEqualTo("action_not_found");

        workspace.setInteractivityUrl(null);
        assertThat(workspace
                        .clickButton("alerts", posted.getTs(), "acknowledge", "alice")
                        .error())
                .isEqualTo("no_interactivity_url");

        workspace.setInteractivityUrl("http://localhost:1/slack/events");
        assertThat(workspace.runSlashCommand("alerts", "alice", "/alerts").error())
                .isEqualTo("connection_failed");
    }

    @Test
    void shouldGiveUpAfterThreeSecondsLikeSlack() throws Exception {
        ChatPostMessageResponse posted = postIncident();
        CountDownLatch release = new CountDownLatch(1);
        app.answerWith(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TestSlackApp.Answer.ok();
        });
        try {
            assertThat(workspace
                            .clickButton("alerts", posted.getTs(), "acknowledge", "alice")
                            .error())
                    .isEqualTo("operation_timeout");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldGiveEveryBlockAndButtonAnIdAsSlackDoes() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#alerts")
                .text("x")
                .blocksAsString("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}},"
                        + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"text\":"
                        + "{\"type\":\"plain_text\",\"text\":\"Go\"}}]}]"));

        JsonNode blocks = workspace.messages("alerts").get(0).blocks();
        assertThat(blocks.get(0).path("block_id").asText()).isNotEmpty();
        String actionId =
                blocks.get(1).path("elements").get(0).path("action_id").asText();
        assertThat(actionId).isNotEmpty();
        assertThat(workspace
                        .clickButton("alerts", posted.getTs(), actionId, "alice")
                        .delivered())
                .isTrue();
    }

    private ChatPostMessageResponse postIncident() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(
                r -> r.channel("#alerts").text("INC-1").blocks(SlackSdk.incidentBlocks("CPU high")));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();
        return posted;
    }

    private int respond(String url, String json) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
