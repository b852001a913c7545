package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code alertbridge run} started while Slack is down: the launcher's real parts (processor, SQS bridge, Slack sink,
 * interactivity) against the in-process broker, ElasticMQ and the local Slack workspace. The process comes up, the
 * bridge and the processor ingest, {@code /health} answers 200 with the Slack parts degraded, and once Slack answers
 * the incident's message is posted exactly once. A token Slack definitely rejects refuses the start instead, naming
 * the key that holds it.
 */
@ExtendWith(DevkitExtension.class)
class SlackDownAtStartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> AWS = Map.of(
            "aws.accessKeyId", "test",
            "aws.secretAccessKey", "test");

    @BeforeAll
    static void dummyAwsCredentials() {
        AWS.forEach(System::setProperty);
    }

    @AfterAll
    static void clearAwsCredentials() {
        AWS.keySet().forEach(System::clearProperty);
    }

    @Test
    void shouldIngestWhileSlackAnswers503FromBeforeStartAndPostOnceWhenItRecovers(
            EmbeddedKafka kafka, EmbeddedSqs sqs, @TempDir Path dir) throws Exception {
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start()) {
            slack.failNext("auth.test", Integer.MAX_VALUE, 503);
            slack.failNext(Integer.MAX_VALUE, 503);
            RunSetup setup = setup(kafka, sqs, dir, "slack503", slack.apiUrl(), slack.botToken());

            try (RunningParts parts = setup.command().start()) {
                JsonNode health =
                        awaitHealth(parts, h -> isDegraded(h, "slack-sink") && isDegraded(h, "interactivity"));
                assertThat(health.at("/parts/slack-sink/detail").asText())
                        .contains("slack unreachable: HTTP 503 at auth.test, retrying");
                assertThat(health.at("/parts/interactivity/detail").asText())
                        .contains("slack unreachable: HTTP 503 at auth.test, retrying");

                String incidentId = setup.alarmBecomesIncident(sqs, "cpu-high-503");
                assertThat(healthResponse(parts).statusCode()).isEqualTo(200);
                assertThat(slack.messages("#alerts")).isEmpty();

                slack.resetFaults();

                assertPostedExactlyOnce(parts, slack, incidentId);
            }
        }
    }

    @Test
    void shouldIngestWhileSlackRefusesConnectionsFromBeforeStartAndPostOnceWhenItComesUp(
            EmbeddedKafka kafka, EmbeddedSqs sqs, @TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        LocalSlackWorkspace.Config later = LocalSlackWorkspace.Config.defaults().withPort(port);
        RunSetup setup = setup(kafka, sqs, dir, "slackrefused", "http://localhost:" + port + "/api/", later.botToken());

        try (RunningParts parts = setup.command().start()) {
            JsonNode health = awaitHealth(parts, h -> isDegraded(h, "slack-sink") && isDegraded(h, "interactivity"));
            assertThat(health.at("/parts/slack-sink/detail").asText())
                    .contains("slack unreachable")
                    .contains("at auth.test, retrying");

            String incidentId = setup.alarmBecomesIncident(sqs, "cpu-high-refused");
            assertThat(healthResponse(parts).statusCode()).isEqualTo(200);

            try (LocalSlackWorkspace slack = LocalSlackWorkspace.start(later)) {
                assertPostedExactlyOnce(parts, slack, incidentId);
            }
        }
    }

    @Test
    void shouldRefuseToStartNamingTheKeyWhenSlackRejectsATokenThatNeverWorked(
            EmbeddedKafka kafka, EmbeddedSqs sqs, @TempDir Path dir) throws Exception {
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start()) {
            RunSetup setup = setup(kafka, sqs, dir, "slackinvalid", slack.apiUrl(), "xoxb-not-the-workspace-token");

            CliRun run = assertTimeoutPreemptively(
                    PATIENCE, () -> CliRun.of("run", "--config", setup.config().toString(), "--http-port", "0"));

            assertThat(run.code).isEqualTo(1);
            assertThat(run.err)
                    .contains("slack.token")
                    .contains("invalid_auth")
                    .doesNotContain("xoxb-not-the-workspace-token");
        }
    }

    @Test
    void shouldPauseOnlyTheSlackPartsWhenTheTokenIsRevokedMidRunAndResumeWhenItWorksAgain(
            EmbeddedKafka kafka, EmbeddedSqs sqs, @TempDir Path dir) throws Exception {
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start()) {
            RunSetup setup = setup(kafka, sqs, dir, "slackrevoked", slack.apiUrl(), slack.botToken());

            try (RunningParts parts = setup.command().start()) {
                awaitHealth(parts, h -> h.at("/parts/slack-sink/ready").asBoolean());
                String first = setup.alarmBecomesIncident(sqs, "cpu-high-before");
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> incidentMessages(slack, first).size() == 1);

                slack.revokeToken(true);
                String second = setup.alarmBecomesIncident(sqs, "cpu-high-revoked");
                JsonNode health = awaitHealth(parts, h -> isDegraded(h, "slack-sink"));
                assertThat(health.at("/parts/slack-sink/detail").asText())
                        .contains("TOKEN_REJECTED")
                        .contains("token_revoked");
                assertThat(incidentMessages(slack, second)).isEmpty();

                slack.revokeToken(false);

                assertPostedExactlyOnce(parts, slack, second);
                assertThat(incidentMessages(slack, first)).hasSize(1);
            }
        }
    }

    /** Waits for the message, then for the sink to be ready, then checks there is one message for the incident. */
    private static void assertPostedExactlyOnce(RunningParts parts, LocalSlackWorkspace slack, String incidentId)
            throws Exception {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> !incidentMessages(
                        slack, incidentId)
                .isEmpty());
        awaitHealth(parts, h -> h.at("/parts/slack-sink/ready").asBoolean());
        assertThat(incidentMessages(slack, incidentId)).hasSize(1);
        long posts =
                slack.calls("chat.postMessage").stream().filter(c -> c.ok()).count();
        assertThat(posts)
                .as("chat.postMessage answered ok")
                .isEqualTo(slack.messages("#alerts").size());
    }

    private static List<SlackMessage> incidentMessages(LocalSlackWorkspace slack, String incidentId) {
        return slack.messages("#alerts").stream()
                .filter(m -> m.metadata() != null
                        && incidentId.equals(m.metadata()
                                .path("event_payload")
                                .path("incident_id")
                                .asText()))
                .toList();
    }

    /** Waits until {@code /health} shows the bridge and processor ready and {@code condition} holds; 200 then. */
    private static JsonNode awaitHealth(RunningParts parts, java.util.function.Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = healthResponse(parts);
            JsonNode body = Json.mapper().readTree(response.body());
            last.set(body);
            assertThat(body.at("/parts/processor/ready").asBoolean())
                    .as(body.toString())
                    .isTrue();
            assertThat(body.at("/parts/bridge/ready").asBoolean())
                    .as(body.toString())
                    .isTrue();
            assertThat(condition.test(body)).as(body.toString()).isTrue();
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(200);
        });
        return last.get();
    }

    private static boolean isDegraded(JsonNode health, String part) {
        return health.at("/parts/" + part + "/degraded").asBoolean()
                && !health.at("/parts/" + part + "/ready").asBoolean()
                && health.at("/degraded").asBoolean()
                && health.at("/ready").asBoolean();
    }

    private static HttpResponse<String> healthResponse(RunningParts parts) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + parts.ops().port() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One run's topics, queue and configuration file. */
    private static RunSetup setup(
            EmbeddedKafka kafka, EmbeddedSqs sqs, Path dir, String name, String slackApiUrl, String token)
            throws Exception {
        return RunSetup.create(
                kafka,
                sqs,
                dir,
                name,
                (prefix, rules, queueUrl) ->
                        """
                    stateDir: "%s"
                    kafka: {bootstrapServers: "%s"}
                    topics: {prefix: "%s"}
                    streams: {applicationId: "%sapp"}
                    rules: {file: "%s"}
                    sqs: {queueUrls: ["%s"], endpoint: "%s", region: us-east-1, waitTime: PT1S}
                    slack:
                      apiUrl: "%s"
                      token: "%s"
                      topicPrefix: "%s"
                      groupId: "%ssink"
                      initialBackoff: PT0.1S
                      maxBackoff: PT1S
                      callTimeout: PT2S
                    interactivity:
                      signingSecret: "%s"
                      botToken: "%s"
                      apiUrl: "%s"
                      topicPrefix: "%s"
                    """
                                .formatted(
                                        dir.resolve("state"),
                                        kafka.bootstrapServers(),
                                        prefix,
                                        prefix,
                                        rules,
                                        queueUrl,
                                        sqs.endpoint(),
                                        slackApiUrl,
                                        token,
                                        prefix,
                                        prefix,
                                        LocalSlackWorkspace.Config.DEFAULT_SIGNING_SECRET,
                                        token,
                                        slackApiUrl,
                                        prefix));
    }
}
