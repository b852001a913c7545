package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.alertbridge.connectors.slack.interactivity.SignedRequests.Person;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static io.alertbridge.connectors.slack.interactivity.SignedRequests.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handlers driven the way Slack's own SDK tests drive them ({@code BlockActionTest}): signed requests through
 * Bolt's {@code app.run(request)}, with the real middleware (signature, timestamp, {@code auth.test} against the
 * local workspace), the real view over a real incidents topic and real writes to the actions and rules topics.
 *
 * <p>The actions topic has one partition here, so "nothing was written" is proven by writing a marker action
 * afterwards and reading it next.
 */
@ExtendWith(DevkitExtension.class)
class BoltHandlersIT {

    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static Harness harness;
    private static App app;
    private static TopicReader<UserAction> actions;
    private static TopicReader<Rule> rules;
    private static final Incident OPEN = Fixtures.open("INC-A1", "api", Severity.CRITICAL, 0);
    private static final Incident ACKED =
            Fixtures.acknowledged(Fixtures.open("INC-B2", "db", Severity.WARNING, 5), BOB.id());
    private static final Incident RESOLVED =
            Fixtures.resolved(Fixtures.open("INC-C3", "web", Severity.ERROR, 9), BOB.id());

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        harness = new Harness(kafka, 1);
        harness.publish(OPEN, ACKED, RESOLVED);
        harness.start(
                c -> c.toBuilder()
                        .allowedUsers(Set.of(ALICE.id()))
                        .allowedUserGroup(null)
                        .zone(ZoneId.of("UTC"))
                        .morning(LocalTime.of(9, 0))
                        .build(),
                CLOCK);
        app = harness.interactivity.app();
        actions = harness.actions();
        rules = harness.rules();
    }

    @AfterAll
    static void stop() {
        actions.close();
        rules.close();
        harness.close();
    }

    private static String button(Incident incident, String actionId) {
        return RenderedButtons.button(incident, CLOCK, actionId).getValue();
    }

    private static Response click(Person who, String actionId, String value, String responseUrl) throws Exception {
        return app.run(
                harness.requests.click(SignedRequests.blockActionPayload(who, actionId, value, null, responseUrl)));
    }

    private static Response command(Person who, String text, String responseUrl) throws Exception {
        return app.run(harness.requests.command(SignedRequests.slashCommandBody(who, "/alerts", text, responseUrl)));
    }

    /** Writes a marker action (a valid acknowledge of INC-A1 by carol) and asserts it is the next record. */
    private static void assertNothingElseWritten() throws Exception {
        Person carol = new Person("U0CAROL", "carol");
        assertThat(click(
                                carol,
                                IncidentMessageRenderer.ACTION_ACKNOWLEDGE,
                                button(OPEN, IncidentMessageRenderer.ACTION_ACKNOWLEDGE),
                                harness.responses.url())
                        .getStatusCode())
                .isEqualTo(200);
        assertThat(actions.next(WAIT).value().userId()).isEqualTo(carol.id());
    }

    @Test
    void shouldTurnAValidSignedClickIntoAUserActionKeyedByGroupKey() throws Exception {
        Response response = click(
                ALICE,
                IncidentMessageRenderer.ACTION_ACKNOWLEDGE,
                button(OPEN, IncidentMessageRenderer.ACTION_ACKNOWLEDGE),
                harness.responses.url());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isNullOrEmpty();
        TopicReader.Keyed<UserAction> written = actions.next(WAIT);
        assertThat(written.key()).isEqualTo(OPEN.groupKey());
        UserAction action = written.value();
        assertThat(action.type()).isEqualTo(ActionType.ACKNOWLEDGE);
        assertThat(action.incidentId()).isEqualTo("INC-A1");
        assertThat(action.groupKey()).isEqualTo(OPEN.groupKey());
        assertThat(action.userId()).isEqualTo(ALICE.id());
        assertThat(action.userName()).isEqualTo("alice");
        assertThat(action.at()).isEqualTo(NOW);
        assertThat(action.origin()).isEqualTo("slack-button");
        assertThat(action.actionId()).startsWith("slack-1700000000.");
    }

    @Test
    void shouldRejectAWrongSignatureWith401AndWriteNothing() throws Exception {
        String payload = SignedRequests.blockActionPayload(
                ALICE,
                IncidentMessageRenderer.ACTION_RESOLVE,
                button(OPEN, IncidentMessageRenderer.ACTION_RESOLVE),
                null,
                harness.responses.url());
        SignedRequests.Signed forged =
                new SignedRequests("not-the-signing-secret").sign(SignedRequests.payloadBody(payload));

        Response response = app.run(new BlockActionRequest(forged.body(), payload, forged.requestHeaders()));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertNothingElseWritten();
    }

    @Test
    void shouldRejectATimestampOlderThanFiveMinutes() throws Exception {
        String payload = SignedRequests.blockActionPayload(
                ALICE,
                IncidentMessageRenderer.ACTION_RESOLVE,
                button(OPEN, IncidentMessageRenderer.ACTION_RESOLVE),
                null,
                harness.responses.url());
        SignedRequests.Signed stale = harness.requests.sign(
                SignedRequests.payloadBody(payload),
                Instant.now().minus(Duration.ofMinutes(5).plusSeconds(30)));

        Response response = app.run(new BlockActionRequest(stale.body(), payload, stale.requestHeaders()));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertNothingElseWritten();
    }

    @Test
    void shouldAcknowledgeAnUnknownActionAndExplainItEphemerally() throws Exception {
        String url = harness.responses.url();

        Response response = click(
                ALICE, "alertbridge_delete_everything", button(OPEN, IncidentMessageRenderer.ACTION_ACKNOWLEDGE), url);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode answer = harness.responses.await(url, 1);
        assertThat(answer.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.get("text").asText()).contains("don't know the button `alertbridge_delete_everything`");
        assertNothingElseWritten();
    }

    @Test
    void shouldExplainAMalformedButtonValueAndAPayloadWithoutActions() throws Exception {
        String broken = harness.responses.url();
        String empty = harness.responses.url();
        String noActions = SignedRequests.blockActionPayload(ALICE, "x", "y", null, empty)
                .replaceAll("\"actions\":\\[.*]", "\"actions\":[]");

        assertThat(click(ALICE, IncidentMessageRenderer.ACTION_ACKNOWLEDGE, "{not json", broken)
                        .getStatusCode())
                .isEqualTo(200);
        assertThat(app.run(harness.requests.click(noActions)).getStatusCode()).isEqualTo(200);

        assertThat(harness.responses.await(broken, 1).get("text").asText()).contains("button is broken");
        assertThat(harness.responses.await(empty, 1).get("text").asText()).contains("carried no action");
        assertNothingElseWritten();
    }

    @Test
    void shouldExplainAClickFromAnUnknownUser() throws Exception {
        String url = harness.responses.url();

        Response response = click(
                null,
                IncidentMessageRenderer.ACTION_ACKNOWLEDGE,
                button(OPEN, IncidentMessageRenderer.ACTION_ACKNOWLEDGE),
                url);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.responses.await(url, 1).get("text").asText()).contains("could not tell who you are");
        assertNothingElseWritten();
    }

    @ParameterizedTest
    @CsvSource({"1 h, 2026-11-20T16:00:00Z", "4 h, 2026-11-20T19:00:00Z", "Tomorrow 09:00, 2026-11-21T09:00:00Z"})
    void shouldSnoozeUntilTheMenusChosenOption(String label, Instant until) throws Exception {
        String chosen = RenderedButtons.snoozeOptions(OPEN, CLOCK).get(label);

        Response response = app.run(harness.requests.click(SignedRequests.blockActionPayload(
                ALICE, IncidentMessageRenderer.ACTION_SNOOZE, null, chosen, harness.responses.url())));

        assertThat(response.getStatusCode()).isEqualTo(200);
        TopicReader.Keyed<UserAction> written = actions.next(WAIT);
        assertThat(written.key()).isEqualTo(OPEN.groupKey());
        assertThat(written.value().type()).isEqualTo(ActionType.SNOOZE);
        assertThat(written.value().snoozeUntil()).isEqualTo(until);
    }

    @Test
    void shouldStillSnoozeAnHourFromTheButtonOfAnOlderMessage() throws Exception {
        String olderButton = "{\"incidentId\":\"INC-A1\",\"groupKey\":\"" + OPEN.groupKey() + "\",\"snooze\":\"PT1H\"}";

        click(ALICE, IncidentMessageRenderer.ACTION_SNOOZE, olderButton, harness.responses.url());

        assertThat(actions.next(WAIT).value().snoozeUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldLetOnlyTheAllowListResolve() throws Exception {
        String refused = harness.responses.url();
        click(
                BOB,
                IncidentMessageRenderer.ACTION_RESOLVE,
                button(OPEN, IncidentMessageRenderer.ACTION_RESOLVE),
                refused);
        assertThat(harness.responses.await(refused, 1).get("text").asText()).startsWith("Sorry, only");
        assertNothingElseWritten();

        click(
                ALICE,
                IncidentMessageRenderer.ACTION_RESOLVE,
                button(OPEN, IncidentMessageRenderer.ACTION_RESOLVE),
                harness.responses.url());
        UserAction resolve = actions.next(WAIT).value();
        assertThat(resolve.type()).isEqualTo(ActionType.RESOLVE);
        assertThat(resolve.userId()).isEqualTo(ALICE.id());
    }

    @Test
    void shouldListOpenIncidentsNewestFirstEphemerallyFromTheView() throws Exception {
        Response response = command(ALICE, "list", harness.responses.url());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.getBody());
        assertThat(body.get("response_type").asText()).isEqualTo("ephemeral");
        String text = body.get("text").asText();
        assertThat(text).contains("2 open incidents").doesNotContain("INC-C3");
        assertThat(text.indexOf("INC-B2")).isLessThan(text.indexOf("INC-A1"));
        assertThat(text).contains("acknowledged by <@U0BOB>").contains("open, unowned");
    }

    @Test
    void shouldShareAFilteredListWhenAskedPublicly() throws Exception {
        JsonNode body = Json.mapper()
                .readTree(command(ALICE, "list --public severity=critical", harness.responses.url())
                        .getBody());

        assertThat(body.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(body.get("text").asText()).contains("INC-A1").doesNotContain("INC-B2");
    }

    @Test
    void shouldShowOneIncidentOrSayItDoesNotExist() throws Exception {
        String shown = Json.mapper()
                .readTree(command(ALICE, "show inc-b2", harness.responses.url()).getBody())
                .get("text")
                .asText();
        JsonNode missing = Json.mapper()
                .readTree(
                        command(ALICE, "show INC-NOPE", harness.responses.url()).getBody());

        assertThat(shown)
                .contains("INC-B2")
                .contains("acknowledged by <@U0BOB>")
                .contains("db 5xx rate");
        assertThat(missing.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(missing.get("text").asText()).contains("can't find an incident *INC-NOPE*");
    }

    @Test
    void shouldAcknowledgeFromTheCommandAndConfirmThroughTheResponseUrl() throws Exception {
        String url = harness.responses.url();

        Response response = command(BOB, "ack INC-A1", url);

        assertThat(Json.mapper().readTree(response.getBody()).get("text").asText())
                .contains("Acknowledging *INC-A1*");
        UserAction action = actions.next(WAIT).value();
        assertThat(action.type()).isEqualTo(ActionType.ACKNOWLEDGE);
        assertThat(action.origin()).isEqualTo("slack-command");
        assertThat(action.userId()).isEqualTo(BOB.id());
        JsonNode confirmation = harness.responses.await(url, 1);
        assertThat(confirmation.get("text").asText()).contains("You acknowledged *INC-A1*");
        assertThat(confirmation.get("replace_original").asBoolean()).isTrue();
    }

    @Test
    void shouldSnoozeFromTheCommandForTheTypedDuration() throws Exception {
        command(ALICE, "snooze INC-A1 2h waiting for the vendor", harness.responses.url());

        UserAction action = actions.next(WAIT).value();
        assertThat(action.type()).isEqualTo(ActionType.SNOOZE);
        assertThat(action.snoozeUntil()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(action.reason()).isEqualTo("waiting for the vendor");
    }

    @Test
    void shouldRefuseActionsThatTheIncidentsStateMakesPointless() throws Exception {
        JsonNode resolved = Json.mapper()
                .readTree(command(ALICE, "resolve INC-C3", harness.responses.url())
                        .getBody());
        JsonNode unknown = Json.mapper()
                .readTree(
                        command(ALICE, "ack INC-ZZZZ", harness.responses.url()).getBody());

        assertThat(resolved.get("text").asText()).contains("already resolved");
        assertThat(unknown.get("text").asText()).contains("can't find an incident *INC-ZZZZ*");
        assertNothingElseWritten();
    }

    @Test
    void shouldWriteAValidatedSilenceForAnAllowedUserOnly() throws Exception {
        String url = harness.responses.url();
        JsonNode refused = Json.mapper()
                .readTree(command(BOB, "silence service=api 2h deploy", harness.responses.url())
                        .getBody());
        JsonNode accepted = Json.mapper()
                .readTree(command(ALICE, "silence service=api,env!=dev 2h deploy v2", url)
                        .getBody());

        assertThat(refused.get("text").asText()).startsWith("Sorry, only");
        assertThat(accepted.get("text").asText()).contains("Silencing");
        TopicReader.Keyed<Rule> written = rules.next(WAIT);
        SilenceRule silence = (SilenceRule) written.value();
        assertThat(written.key()).isEqualTo(silence.id());
        assertThat(silence.matchers()).hasToString("[service=api, env!=dev]");
        assertThat(silence.startsAt()).isEqualTo(NOW);
        assertThat(silence.endsAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(silence.reason()).isEqualTo("deploy v2");
        assertThat(silence.createdBy()).isEqualTo(ALICE.id());
        assertThat(harness.responses.await(url, 1).get("text").asText()).contains(silence.id());
    }

    @Test
    void shouldAnswerMalformedCommandsAndUnknownUsersClearly() throws Exception {
        JsonNode nonsense = Json.mapper()
                .readTree(command(ALICE, "frobnicate INC-A1", harness.responses.url())
                        .getBody());
        JsonNode badSilence = Json.mapper()
                .readTree(command(ALICE, "silence service=api forever", harness.responses.url())
                        .getBody());
        JsonNode nobody = Json.mapper()
                .readTree(command(null, "ack INC-A1", harness.responses.url()).getBody());

        assertThat(nonsense.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(nonsense.get("text").asText())
                .contains("don't know `frobnicate`")
                .contains("/alerts help");
        assertThat(badSilence.get("text").asText()).contains("`forever` is not a duration");
        assertThat(nobody.get("text").asText()).contains("could not tell who you are");
        assertNothingElseWritten();
    }

    @Test
    void shouldAnswerAnotherSlashCommandPolitelyInsteadOfAnError() throws Exception {
        Response response = app.run(harness.requests.command(
                SignedRequests.slashCommandBody(ALICE, "/deploy", "prod", harness.responses.url())));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("does not handle that").contains("/alerts help");
    }

    @Test
    void shouldCountRequestsByOutcome() throws Exception {
        double before = harness.count("alertbridge.interactivity.requests", "kind", "command", "outcome", "answered");
        command(ALICE, "help", harness.responses.url());
        assertThat(harness.count("alertbridge.interactivity.requests", "kind", "command", "outcome", "answered"))
                .isEqualTo(before + 1);
    }
}
