package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.devkit.slack.InteractionResult;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Slack secrets kept in AWS (moto's server, a real AWS API): {@code alertbridge run} reads the bot token from
 * Secrets Manager (a plain string, a JSON key) and from an SSM SecureString, posts with it to the local Slack
 * workspace, and after a rotation (the secret updated, the old token revoked) reads the secret again and posts with
 * the new token, without a restart and without losing an incident. A secret that is missing, not JSON or without
 * its key refuses the start, naming the reference and never a value.
 */
@ExtendWith(DevkitExtension.class)
class SecretsFromAwsIT {

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
    void shouldPostWithATokenFromSecretsManagerAndAnSsmSecureString(
            EmbeddedKafka kafka, EmbeddedSqs sqs, MotoServer moto, @TempDir Path dir) throws Exception {
        String name = DevkitExtension.unique("plain");
        String parameter = "/" + DevkitExtension.unique("alertbridge") + "/slack/bot-token";
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start();
                SecretsManagerClient secrets = secretsManager(moto);
                SsmClient ssm = ssm(moto)) {
            secrets.createSecret(r -> r.name(name).secretString(slack.botToken()));
            ssm.putParameter(
                    r -> r.name(parameter).type(ParameterType.SECURE_STRING).value(slack.botToken()));
            RunSetup setup = setup(
                    kafka,
                    sqs,
                    moto,
                    dir,
                    "plain",
                    slack,
                    new References("secretsmanager:" + name, "ssm:" + parameter, slack.signingSecret()));

            try (RunningParts parts = setup.command().start()) {
                awaitHealth(parts, h -> ready(h, "slack-sink") && ready(h, "interactivity"));
                String incident = setup.alarmBecomesIncident(sqs, "cpu-high-plain");

                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> incidentMessages(slack, incident).size() == 1);
                assertThat(healthBody(parts)).doesNotContain(slack.botToken());
            }
        }
    }

    @Test
    void shouldReadTheRotatedSecretWhenSlackRevokesTheOldTokenAndPostWithoutARestart(
            EmbeddedKafka kafka, EmbeddedSqs sqs, MotoServer moto, @TempDir Path dir) throws Exception {
        String name = DevkitExtension.unique("rotated");
        String parameter = "/" + DevkitExtension.unique("alertbridge") + "/slack/bot-token";
        String newToken = "xoxb-rotated-" + DevkitExtension.unique("t");
        String newSigningSecret = "rotated-signing-" + DevkitExtension.unique("s");
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start();
                SecretsManagerClient secrets = secretsManager(moto);
                SsmClient ssm = ssm(moto)) {
            secrets.createSecret(r -> r.name(name).secretString(json(slack.botToken(), slack.signingSecret())));
            ssm.putParameter(
                    r -> r.name(parameter).type(ParameterType.SECURE_STRING).value(slack.botToken()));
            RunSetup setup = setup(
                    kafka,
                    sqs,
                    moto,
                    dir,
                    "rotated",
                    slack,
                    new References(
                            "secretsmanager:" + name + "#botToken",
                            "ssm:" + parameter,
                            "secretsmanager:" + name + "#signingSecret"));

            try (RunningParts parts = setup.command().start()) {
                awaitHealth(parts, h -> ready(h, "slack-sink") && ready(h, "interactivity"));
                String before = setup.alarmBecomesIncident(sqs, "cpu-high-before-rotation");
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> incidentMessages(slack, before).size() == 1);

                secrets.putSecretValue(r -> r.secretId(name).secretString(json(newToken, newSigningSecret)));
                ssm.putParameter(r -> r.name(parameter)
                        .type(ParameterType.SECURE_STRING)
                        .value(newToken)
                        .overwrite(true));
                slack.rotateBotToken(newToken);
                slack.rotateSigningSecret(newSigningSecret);
                String after = setup.alarmBecomesIncident(sqs, "cpu-high-after-rotation");

                Awaitility.await()
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> incidentMessages(slack, after).size() == 1);
                awaitHealth(parts, h -> ready(h, "slack-sink") && ready(h, "interactivity"));
                assertThat(slack.calls().stream().anyMatch(c -> "token_revoked".equals(c.error())))
                        .as("the old token was refused before the new one was read")
                        .isTrue();
                assertThat(incidentMessages(slack, before)).hasSize(1);
                assertThat(incidentMessages(slack, after)).hasSize(1);
                long posts = slack.calls("chat.postMessage").stream()
                        .filter(c -> c.ok())
                        .count();
                assertThat(posts).isEqualTo(slack.messages("#alerts").size());
                assertThat(healthBody(parts)).doesNotContain(newToken).doesNotContain(newSigningSecret);

                slack.setInteractivityUrl("http://localhost:" + parts.ops().port() + "/slack/events");
                String ts = incidentMessages(slack, after).get(0).ts();
                InteractionResult click = slack.clickButton("#alerts", ts, "alertbridge_acknowledge", "alice");
                assertThat(click.httpStatus())
                        .as("a click signed with the rotated signing secret: %s", click)
                        .isEqualTo(200);
                Awaitility.await().atMost(PATIENCE).until(() -> slack.message("#alerts", ts)
                        .map(m -> m.toString().contains("alertbridge_unacknowledge"))
                        .orElse(false));
            }
        }
    }

    @Test
    void shouldRefuseToStartNamingTheSecretWhenItIsMissingNotJsonOrWithoutTheKey(
            EmbeddedKafka kafka, EmbeddedSqs sqs, MotoServer moto, @TempDir Path dir) throws Exception {
        String plain = DevkitExtension.unique("not-json");
        String keyless = DevkitExtension.unique("keyless");
        String missing = DevkitExtension.unique("missing");
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start();
                SecretsManagerClient secrets = secretsManager(moto)) {
            secrets.createSecret(r -> r.name(plain).secretString("xoxb-PLAIN-VALUE"));
            secrets.createSecret(r -> r.name(keyless).secretString("{\"other\":\"xoxb-OTHER-VALUE\"}"));
            Map<String, String> problems = Map.of(
                    "secretsmanager:" + missing, "not found in Secrets Manager",
                    "ssm:/" + missing, "not found in SSM Parameter Store",
                    "secretsmanager:" + plain + "#botToken", "is not JSON, so it has no key botToken",
                    "secretsmanager:" + keyless + "#botToken", "has no key botToken");

            for (Map.Entry<String, String> problem : problems.entrySet()) {
                RunSetup setup = setup(
                        kafka,
                        sqs,
                        moto,
                        dir,
                        "refused",
                        slack,
                        new References(problem.getKey(), slack.botToken(), slack.signingSecret()));
                CliRun run = assertTimeoutPreemptively(
                        PATIENCE,
                        () -> CliRun.of("run", "--config", setup.config().toString(), "--http-port", "0"));

                assertThat(run.code).as(run.err).isEqualTo(1);
                assertThat(run.err)
                        .contains("slack.token")
                        .contains("secret " + problem.getKey())
                        .contains(problem.getValue())
                        .doesNotContain("PLAIN-VALUE")
                        .doesNotContain("OTHER-VALUE")
                        .doesNotContain(slack.botToken());
            }
        }
    }

    private static String json(String botToken, String signingSecret) {
        return "{\"botToken\":\"" + botToken + "\",\"signingSecret\":\"" + signingSecret + "\"}";
    }

    private static SecretsManagerClient secretsManager(MotoServer moto) {
        return SecretsManagerClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(moto.region()))
                .build();
    }

    private static SsmClient ssm(MotoServer moto) {
        return SsmClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(moto.region()))
                .build();
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

    private static boolean ready(JsonNode health, String part) {
        return health.at("/parts/" + part + "/ready").asBoolean();
    }

    private static void awaitHealth(RunningParts parts, Predicate<JsonNode> condition) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode body = Json.mapper().readTree(healthBody(parts));
            assertThat(condition.test(body)).as(body.toString()).isTrue();
        });
    }

    private static String healthBody(RunningParts parts) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + parts.ops().port() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** What the configuration gives for the sink's token, interactivity's bot token and its signing secret. */
    private record References(String sinkToken, String botToken, String signingSecret) {}

    /** One run's topics, queue and configuration file. */
    private static RunSetup setup(
            EmbeddedKafka kafka,
            EmbeddedSqs sqs,
            MotoServer moto,
            Path dir,
            String name,
            LocalSlackWorkspace slack,
            References references)
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
                    aws: {region: "%s", endpoint: "%s"}
                    sqs: {queueUrls: ["%s"], endpoint: "%s", region: us-east-1, waitTime: PT1S}
                    slack:
                      apiUrl: "%s"
                      token: "%s"
                      groupId: "%ssink"
                      initialBackoff: PT0.1S
                      maxBackoff: PT1S
                      callTimeout: PT2S
                    interactivity:
                      signingSecret: "%s"
                      botToken: "%s"
                      apiUrl: "%s"
                    """
                                .formatted(
                                        dir.resolve(prefix + "state"),
                                        kafka.bootstrapServers(),
                                        prefix,
                                        prefix,
                                        rules,
                                        moto.region(),
                                        moto.endpoint(),
                                        queueUrl,
                                        sqs.endpoint(),
                                        slack.apiUrl(),
                                        references.sinkToken(),
                                        prefix,
                                        references.signingSecret(),
                                        references.botToken(),
                                        slack.apiUrl()));
    }
}
