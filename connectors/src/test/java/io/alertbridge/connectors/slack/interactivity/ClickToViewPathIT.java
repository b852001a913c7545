package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The path as far as this module reaches: a person clicks the sink's real Acknowledge button (a signed POST
 * to {@code /slack/events} over real HTTP) → the {@code UserAction} is on {@code alertbridge.actions} → the
 * processor's answer (played here: the acknowledged incident written to {@code alertbridge.incidents}) reaches the
 * view → {@code /alerts show} over HTTP says who acknowledged it.
 *
 * <p>The processor and the sink's {@code chat.update} are not in this module; the full loop is the launcher's
 * {@code SlackRoundTripIT}. Each leg's time is logged, not asserted (a wall-clock bound flakes on a shared machine);
 * the latency figures come from {@code bench/run EndToEndLatency}.
 */
@ExtendWith(DevkitExtension.class)
class ClickToViewPathIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClickToViewPathIT.class);

    @Test
    void shouldCarryAClickToTheActionsTopicAndTheProcessorsAnswerToSlashAlerts(EmbeddedKafka kafka) throws Exception {
        Incident open = Fixtures.open("INC-P1", "payments", Severity.CRITICAL, 0);
        try (Harness harness = new Harness(kafka, 3)) {
            harness.publish(open);
            Interactivity interactivity = harness.start(UnaryOperator.identity(), Clock.systemUTC());
            try (HttpEndpoint endpoint = new HttpEndpoint(
                            interactivity.path(), interactivity.httpHandler().orElseThrow());
                    TopicReader<UserAction> actions = harness.actions()) {
                String value = RenderedButtons.button(
                                open, Clock.systemUTC(), IncidentMessageRenderer.ACTION_ACKNOWLEDGE)
                        .getValue();
                SignedRequests.Signed click =
                        harness.requests.sign(SignedRequests.payloadBody(SignedRequests.blockActionPayload(
                                ALICE,
                                IncidentMessageRenderer.ACTION_ACKNOWLEDGE,
                                value,
                                null,
                                harness.responses.url())));

                // The first request of a process pays for Bolt's auth.test and class loading; time a warm one.
                SignedRequests.Signed warmUp = harness.requests.sign(
                        SignedRequests.slashCommandBody(ALICE, "/alerts", "help", harness.responses.url()));
                assertThat(endpoint.post(warmUp.body(), warmUp.headers()).statusCode())
                        .isEqualTo(200);

                long clicked = System.nanoTime();
                HttpResponse<String> ack = endpoint.post(click.body(), click.headers());
                long acknowledged = System.nanoTime();
                TopicReader.Keyed<UserAction> action = actions.next(Duration.ofSeconds(5));
                long onTopic = System.nanoTime();

                harness.publish(Fixtures.acknowledged(open, action.value().userId()));
                SignedRequests.Signed show = harness.requests.sign(
                        SignedRequests.slashCommandBody(ALICE, "/alerts", "show INC-P1", harness.responses.url()));
                await().atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> Json.mapper()
                                .readTree(endpoint.post(show.body(), show.headers())
                                        .body())
                                .get("text")
                                .asText()
                                .contains("acknowledged by <@U0ALICE>"));
                long inView = System.nanoTime();

                long ackMillis = (acknowledged - clicked) / 1_000_000;
                long actionMillis = (onTopic - clicked) / 1_000_000;
                long viewMillis = (inView - onTopic) / 1_000_000;
                LOG.info(
                        "Click acknowledged in {} ms, action on alertbridge.actions after {} ms, processor's answer "
                                + "in /alerts after {} ms more",
                        ackMillis,
                        actionMillis,
                        viewMillis);
                assertThat(ack.statusCode()).isEqualTo(200);
                assertThat(action.key()).isEqualTo(open.groupKey());
                assertThat(ackMillis).isLessThan(3_000);
            }
        }
    }
}
