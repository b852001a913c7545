package io.alertbridge.connectors.slack.interactivity;

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

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP adapter over real HTTP: a JDK {@code HttpServer} with {@code /slack/events} mounted as the launcher's
 * ops server mounts it, and requests posted as Slack posts them.
 */
@ExtendWith(DevkitExtension.class)
class SlackEventsHttpHandlerIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Incident OPEN = Fixtures.open("INC-H1", "api", Severity.CRITICAL, 0);

    private static Harness harness;
    private static HttpEndpoint endpoint;
    private static TopicReader<UserAction> actions;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        harness = new Harness(kafka, 3);
        harness.publish(OPEN);
        Interactivity interactivity = harness.start(UnaryOperator.identity(), Clock.systemUTC());
        endpoint = new HttpEndpoint(
                interactivity.path(), interactivity.httpHandler().orElseThrow());
        actions = harness.actions();
    }

    @AfterAll
    static void stop() {
        actions.close();
        endpoint.close();
        harness.close();
    }

    private static String clickBody(String actionId) {
        String value = RenderedButtons.button(OPEN, Clock.systemUTC(), IncidentMessageRenderer.ACTION_ACKNOWLEDGE)
                .getValue();
        return SignedRequests.payloadBody(
                SignedRequests.blockActionPayload(ALICE, actionId, value, null, harness.responses.url()));
    }

    @Test
    void shouldTakeASignedClickOverHttpAndWriteTheAction() throws Exception {
        SignedRequests.Signed signed = harness.requests.sign(clickBody(IncidentMessageRenderer.ACTION_ACKNOWLEDGE));

        HttpResponse<String> response = endpoint.post(signed.body(), signed.headers());

        assertThat(response.statusCode()).isEqualTo(200);
        TopicReader.Keyed<UserAction> action = actions.next(WAIT);
        assertThat(action.key()).isEqualTo(OPEN.groupKey());
        assertThat(action.value().type()).isEqualTo(ActionType.ACKNOWLEDGE);
    }

    @Test
    void shouldAnswerTheSlashCommandOverHttp() throws Exception {
        SignedRequests.Signed signed = harness.requests.sign(
                SignedRequests.slashCommandBody(ALICE, "/alerts", "list", harness.responses.url()));

        HttpResponse<String> response = endpoint.post(signed.body(), signed.headers());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(Json.mapper().readTree(response.body()).get("text").asText()).contains("INC-H1");
    }

    @Test
    void shouldRejectWrongSignaturesAndStaleTimestampsWith401() throws Exception {
        String body = clickBody(IncidentMessageRenderer.ACTION_RESOLVE);
        SignedRequests.Signed forged = new SignedRequests("wrong-secret").sign(body);
        SignedRequests.Signed stale = harness.requests.sign(body, Instant.now().minus(Duration.ofMinutes(6)));
        SignedRequests.Signed unsigned = new SignedRequests.Signed(body, Map.of());

        assertThat(endpoint.post(forged.body(), forged.headers()).statusCode()).isEqualTo(401);
        assertThat(endpoint.post(stale.body(), stale.headers()).statusCode()).isEqualTo(401);
        assertThat(endpoint.post(unsigned.body(), unsigned.headers()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldAnswerAMalformedButSignedPayloadWith400AndAReason() throws Exception {
        SignedRequests.Signed brokenJson = harness.requests.sign("payload=%7Bnot%20json");
        SignedRequests.Signed noPayload = harness.requests.sign("hello=world");
        SignedRequests.Signed forgedBroken = new SignedRequests("wrong-secret").sign("payload=%7Bnot%20json");

        HttpResponse<String> broken = endpoint.post(brokenJson.body(), brokenJson.headers());
        HttpResponse<String> nothing = endpoint.post(noPayload.body(), noPayload.headers());

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(broken.body()).get("error").asText()).startsWith("malformed Slack payload");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("not a Slack payload");
        assertThat(endpoint.post(forgedBroken.body(), forgedBroken.headers()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseOtherMethodsAndHugeBodies() throws Exception {
        HttpResponse<String> get = endpoint.get();
        SignedRequests.Signed huge = harness.requests.sign("payload=" + "x".repeat(1_100_000));

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(endpoint.post(huge.body(), huge.headers()).statusCode()).isEqualTo(413);
    }

    @Test
    void shouldReportHttpModeAndAFollowingViewInItsDetail() {
        assertThat(harness.interactivity.mode()).isEqualTo(InteractivityConfig.Mode.HTTP);
        assertThat(harness.interactivity.detail())
                .contains("http /slack/events")
                .contains("following");
        assertThat(List.of(harness.interactivity.httpHandler().isPresent())).containsExactly(true);
    }
}
