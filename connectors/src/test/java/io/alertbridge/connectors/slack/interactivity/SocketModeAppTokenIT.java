package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.secrets.SecretReference;
import io.alertbridge.connectors.secrets.SecretResolver;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Clock;
import java.time.Duration;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack app token ({@code xapp-}) kept in Secrets Manager (moto), rotated while interactivity runs in Socket
 * Mode: Slack (the local Socket Mode server) stops accepting the old token and drops the connection; interactivity
 * reads the secret again after the refusal and reconnects with the new token, without a restart. Also from a start
 * whose token is already refused. Before, the SDK's session monitor died on the {@code ok:false} answer and the app
 * stayed disconnected.
 */
@ExtendWith(DevkitExtension.class)
class SocketModeAppTokenIT {

    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final Duration MIN_REREAD = Duration.ofSeconds(1);

    private static MotoServer moto;
    private static EmbeddedKafka kafka;
    private static SecretsManagerClient secrets;
    private static SecretResolver resolver;

    @BeforeAll
    static void start(EmbeddedKafka k, MotoServer m) {
        kafka = k;
        moto = m;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        secrets = SecretsManagerClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(moto.region()))
                .credentialsProvider(credentials)
                .build();
        resolver = new SecretResolver(
                SecretsManagerClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(credentials)
                        .build(),
                SsmClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(credentials)
                        .build());
    }

    @AfterAll
    static void stop() {
        resolver.close();
        secrets.close();
    }

    private static RotatingSecret appTokenSecret(String value) {
        String name = DevkitExtension.unique("slack-app");
        secrets.createSecret(b -> b.name(name).secretString(value));
        SecretReference reference =
                SecretReference.parse("secretsmanager:" + name).reference();
        return RotatingSecret.fetchNow(
                reference, () -> resolver.fetch("appToken", reference), Clock.systemUTC(), MIN_REREAD);
    }

    private static void putSecret(RotatingSecret secret, String value) {
        secrets.putSecretValue(b -> b.secretId(secret.reference().name()).secretString(value));
    }

    private static InteractivityConfig config(Harness harness, LocalSocketModeServer slack) {
        return InteractivityConfig.socketMode(LocalSocketModeServer.APP_TOKEN, "xoxb-1-local-bot").toBuilder()
                .apiUrl(slack.apiUrl())
                .topicPrefix(harness.topics.prefix())
                .build();
    }

    private static void assertCommandsAreAnswered(Harness harness, LocalSocketModeServer slack) {
        ObjectNode payload = Json.mapper()
                .createObjectNode()
                .put("team_id", "T0LOCAL")
                .put("channel_id", "C0ALERTS")
                .put("user_id", ALICE.id())
                .put("user_name", ALICE.name())
                .put("command", "/alerts")
                .put("text", "help")
                .put("response_url", harness.responses.url())
                .put("trigger_id", "1.2.rotated");
        String envelope = slack.deliver("slash_commands", payload, true);
        JsonNode ack = slack.awaitAck(envelope, Duration.ofSeconds(3));
        assertThat(ack.at("/payload/text").asText()).contains("alarm NAME");
    }

    @Test
    void shouldReadTheRotatedAppTokenAgainAndReconnectWithoutARestart() {
        RotatingSecret appToken = appTokenSecret(LocalSocketModeServer.APP_TOKEN);
        try (Harness harness = new Harness(kafka, 1);
                LocalSocketModeServer slack = new LocalSocketModeServer()) {
            harness.start(
                    config(harness, slack), Clock.systemUTC(), new Interactivity.Sources(() -> null, appToken, null));
            int opened = slack.connectionsOpened();
            String rotated = "xapp-test-rotated";
            putSecret(appToken, rotated);

            slack.rotateAppToken(rotated);

            await().atMost(RECOVERY).until(() -> slack.connectionsOpened() > opened && slack.appConnected());
            await().atMost(RECOVERY).until(harness.interactivity::isReady);
            assertThat(appToken.get()).isEqualTo(rotated);
            assertCommandsAreAnswered(harness, slack);
        }
    }

    @Test
    void shouldConnectOnceTheSecretHoldsATokenSlackAcceptsWhenItStartedRefused() {
        String accepted = "xapp-test-accepted";
        RotatingSecret appToken = appTokenSecret("xapp-test-revoked");
        try (Harness harness = new Harness(kafka, 1);
                LocalSocketModeServer slack = new LocalSocketModeServer()) {
            slack.rotateAppToken(accepted);
            harness.interactivity = Interactivity.start(
                    config(harness, slack),
                    harness.kafkaProps(),
                    harness.registry,
                    Clock.systemUTC(),
                    new Interactivity.Sources(() -> null, appToken, null));
            await().atMost(RECOVERY).until(() -> slack.refused() >= 2);
            assertThat(harness.interactivity.isReady()).isFalse();
            assertThat(harness.interactivity.detail()).contains("invalid_auth");

            putSecret(appToken, accepted);

            await().atMost(RECOVERY).until(harness.interactivity::isReady);
            assertThat(slack.appConnected()).isTrue();
            assertCommandsAreAnswered(harness, slack);
        }
    }
}
