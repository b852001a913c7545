package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket Mode end to end: the app opens its connection with the app-level token ({@code apps.connections.open}),
 * becomes ready on Slack's {@code hello}, and acknowledges envelopes over the WebSocket; no HTTP endpoint exists.
 * This also proves bolt-socket-mode 1.45.4 runs on slack-api-client 1.49.0's Socket Mode client.
 */
@ExtendWith(DevkitExtension.class)
class SocketModeIT {

    private static final Incident OPEN = Fixtures.open("INC-S1", "api", Severity.CRITICAL, 0);

    private static Harness harness;
    private static LocalSocketModeServer slack;
    private static TopicReader<UserAction> actions;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        harness = new Harness(kafka, 1);
        harness.publish(OPEN);
        slack = new LocalSocketModeServer();
        InteractivityConfig config =
                InteractivityConfig.socketMode(LocalSocketModeServer.APP_TOKEN, "xoxb-1-local-bot").toBuilder()
                        .apiUrl(slack.apiUrl())
                        .topicPrefix(harness.topics.prefix())
                        .build();
        harness.start(config, Clock.systemUTC());
        actions = harness.actions();
    }

    @AfterAll
    static void stop() {
        actions.close();
        harness.close();
        slack.close();
    }

    @Test
    void shouldConnectWithTheAppTokenAndOfferNoHttpEndpoint() {
        assertThat(harness.interactivity.mode()).isEqualTo(InteractivityConfig.Mode.SOCKET);
        assertThat(harness.interactivity.httpHandler()).isEmpty();
        assertThat(harness.interactivity.isReady()).isTrue();
        assertThat(harness.interactivity.detail()).contains("socket mode connected");
        assertThat(slack.connectionsOpened()).isGreaterThanOrEqualTo(1);
        assertThat(slack.appConnected()).isTrue();
    }

    @Test
    void shouldAnswerTheSlashCommandInTheEnvelopeAcknowledgement() throws Exception {
        ObjectNode payload = Json.mapper()
                .createObjectNode()
                .put("token", "legacy")
                .put("team_id", "T0LOCAL")
                .put("channel_id", "C0ALERTS")
                .put("channel_name", "alerts")
                .put("user_id", ALICE.id())
                .put("user_name", ALICE.name())
                .put("command", "/alerts")
                .put("text", "list")
                .put("api_app_id", "A0LOCAL")
                .put("response_url", harness.responses.url())
                .put("trigger_id", "1.2.socket");

        String envelope = slack.deliver("slash_commands", payload, true);

        JsonNode ack = slack.awaitAck(envelope, Duration.ofSeconds(3));
        assertThat(ack.at("/payload/response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.at("/payload/text").asText()).contains("INC-S1");
    }

    @Test
    void shouldAcknowledgeAClickWithinThreeSecondsAndWriteTheAction() throws Exception {
        String value = RenderedButtons.button(OPEN, Clock.systemUTC(), IncidentMessageRenderer.ACTION_ACKNOWLEDGE)
                .getValue();
        JsonNode click = Json.mapper()
                .readTree(SignedRequests.blockActionPayload(
                        ALICE, IncidentMessageRenderer.ACTION_ACKNOWLEDGE, value, null, harness.responses.url()));

        String envelope = slack.deliver("interactive", click, false);

        assertThat(slack.awaitAck(envelope, Duration.ofSeconds(3))
                        .get("envelope_id")
                        .asText())
                .isEqualTo(envelope);
        TopicReader.Keyed<UserAction> action = actions.next(Duration.ofSeconds(15));
        assertThat(action.key()).isEqualTo(OPEN.groupKey());
        assertThat(action.value().type()).isEqualTo(ActionType.ACKNOWLEDGE);
        assertThat(action.value().userId()).isEqualTo(ALICE.id());
    }
}
