package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.SilenceRule;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker who captured one signed request, or Slack retrying one, can do over real HTTP: timestamps more
 * than five minutes away either way are refused, and a request that was already taken is answered 200 and changes
 * nothing, here and (through ids derived from the request) on another instance.
 */
@ExtendWith(DevkitExtension.class)
class SlackRequestSafetyIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Incident OPEN = Fixtures.open("INC-R1", "api", Severity.CRITICAL, 0);

    private static Harness harness;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        harness = new Harness(kafka, 1);
        harness.publish(OPEN);
        Interactivity interactivity = harness.start(UnaryOperator.identity(), Clock.systemUTC());
        endpoint = new HttpEndpoint(
                interactivity.path(), interactivity.httpHandler().orElseThrow());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        harness.close();
    }

    private static String silenceBody(String text) {
        return SignedRequests.slashCommandBody(ALICE, "/alerts", text, harness.responses.url());
    }

    private static String clickBody(String actionId, boolean withTrigger) {
        String value = RenderedButtons.button(OPEN, Clock.systemUTC(), IncidentMessageRenderer.ACTION_ACKNOWLEDGE)
                .getValue();
        String payload = SignedRequests.blockActionPayload(ALICE, actionId, value, null, harness.responses.url());
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(payload);
            if (!withTrigger) {
                node.remove("trigger_id");
            }
            return SignedRequests.payloadBody(node.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRejectTimestampsMoreThanFiveMinutesInTheFutureWith401() throws Exception {
        String body = silenceBody("list");
        SignedRequests.Signed nextYear =
                harness.requests.sign(body, Instant.now().plus(Duration.ofDays(365)));
        SignedRequests.Signed sixMinutes =
                harness.requests.sign(body, Instant.now().plus(Duration.ofMinutes(6)));
        SignedRequests.Signed fourMinutes =
                harness.requests.sign(body, Instant.now().plus(Duration.ofMinutes(4)));

        assertThat(endpoint.post(nextYear.body(), nextYear.headers()).statusCode())
                .isEqualTo(401);
        assertThat(endpoint.post(sixMinutes.body(), sixMinutes.headers()).statusCode())
                .isEqualTo(401);
        assertThat(endpoint.post(fourMinutes.body(), fourMinutes.headers()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldApplyASignedSilenceSentThreeTimesOnceAndAnswerTheRepeats200() throws Exception {
        try (TopicReader<Rule> rules = harness.rules()) {
            silencesUntil(rules, "marker-4");
            SignedRequests.Signed signed = harness.requests.sign(silenceBody("silence service=replayed 1h test"));

            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(endpoint.post(signed.body(), signed.headers()).statusCode());
            }

            assertThat(statuses).containsExactly(200, 200, 200);
            assertThat(silencesUntil(rules, "marker-5")).containsExactly("[service=replayed]", "[service=marker-5]");
        }
    }

    @Test
    void shouldApplyAReplayedClickWithoutTriggerIdOnce() throws Exception {
        try (TopicReader<UserAction> actions = harness.actions()) {
            SignedRequests.Signed click =
                    harness.requests.sign(clickBody(IncidentMessageRenderer.ACTION_ACKNOWLEDGE, false));
            SignedRequests.Signed marker =
                    harness.requests.sign(clickBody(IncidentMessageRenderer.ACTION_SNOOZE, true));

            assertThat(endpoint.post(click.body(), click.headers()).statusCode())
                    .isEqualTo(200);
            assertThat(endpoint.post(click.body(), click.headers()).statusCode())
                    .isEqualTo(200);
            endpoint.post(marker.body(), marker.headers());

            assertThat(actions.next(WAIT).value().type()).isEqualTo(ActionType.ACKNOWLEDGE);
            assertThat(actions.next(WAIT).value().type()).isEqualTo(ActionType.SNOOZE);
            // A second marker, once the first was read: a repeat that raced the first on the after-ack pool would
            // have landed before it.
            SignedRequests.Signed settled =
                    harness.requests.sign(clickBody(IncidentMessageRenderer.ACTION_RESOLVE, true));
            endpoint.post(settled.body(), settled.headers());
            assertThat(actions.next(WAIT).value().type()).isEqualTo(ActionType.RESOLVE);
        }
    }

    @Test
    void shouldNotApplyASlackRetryOfARequestItAlreadyTook() throws Exception {
        try (TopicReader<Rule> rules = harness.rules()) {
            silencesUntil(rules, "marker-0");
            String body = silenceBody("silence service=retried 1h test");
            SignedRequests.Signed first =
                    harness.requests.sign(body, Instant.now().minusSeconds(2));
            SignedRequests.Signed retry = harness.requests.sign(body);
            Map<String, List<String>> retryHeaders = new HashMap<>(retry.headers());
            retryHeaders.put("X-Slack-Retry-Num", List.of("1"));
            retryHeaders.put("X-Slack-Retry-Reason", List.of("http_timeout"));

            endpoint.post(first.body(), first.headers());
            HttpResponse<String> retried = endpoint.post(retry.body(), retryHeaders);

            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(silencesUntil(rules, "marker-2")).containsExactly("[service=retried]", "[service=marker-2]");
        }
    }

    @Test
    void shouldGiveTheSameSilenceIdWhenAReplayReachesAnotherInstance() throws Exception {
        // A second handler over the same app has its own memory of requests, as another instance would.
        try (TopicReader<Rule> rules = harness.rules();
                HttpEndpoint other = new HttpEndpoint(
                        harness.interactivity.path(),
                        new SlackEventsHttpHandler(harness.interactivity.app(), harness.workspace.signingSecret()))) {
            silencesUntil(rules, "marker-3");
            SignedRequests.Signed signed = harness.requests.sign(silenceBody("silence service=twice 1h test"));

            endpoint.post(signed.body(), signed.headers());
            other.post(signed.body(), signed.headers());

            SilenceRule first = (SilenceRule) rules.next(WAIT).value();
            SilenceRule second = (SilenceRule) rules.next(WAIT).value();
            assertThat(first.matchers()).hasToString("[service=twice]");
            assertThat(second.id()).isEqualTo(first.id());
        }
    }

    /**
     * Sends a silence of {@code service=<marker>}, reads the rules topic until it comes, then does the same with a
     * second marker (so a write that raced the first marker on the after-ack pool has landed too), and returns the
     * matchers of every silence read before the second marker, in order, the first marker included.
     */
    private static List<String> silencesUntil(TopicReader<Rule> rules, String marker) throws Exception {
        List<String> read = new java.util.ArrayList<>();
        for (String name : List.of(marker, marker + "-settled")) {
            SignedRequests.Signed signed = harness.requests.sign(silenceBody("silence service=" + name + " 1h"));
            endpoint.post(signed.body(), signed.headers());
            String matchers;
            do {
                matchers = ((SilenceRule) rules.next(WAIT).value()).matchers().toString();
                read.add(matchers);
            } while (!matchers.equals("[service=" + name + "]"));
        }
        read.remove(read.size() - 1);
        int firstMarker = read.indexOf("[service=" + marker + "]");
        // What came before the first marker: earlier tests' writes, or what the test did before it called this.
        List<String> before = read.subList(0, firstMarker);
        List<String> out = new java.util.ArrayList<>(
                before.stream().filter(m -> !m.contains("marker")).toList());
        out.addAll(read.subList(firstMarker, read.size()));
        return out;
    }
}
