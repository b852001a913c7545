package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractivityConfigTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BOT = "xoxb-test-secretbotpart";
    private static final String APP = "xapp-1-A111-222-secretapppart";

    @Test
    void shouldNameTheMissingSecretPerMode() {
        assertThatThrownBy(() -> InteractivityConfig.builder().botToken(BOT).build())
                .hasMessageContaining("interactivity.signingSecret")
                .hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> InteractivityConfig.builder()
                        .mode(InteractivityConfig.Mode.SOCKET)
                        .botToken(BOT)
                        .build())
                .hasMessageContaining("interactivity.appToken");
        assertThatThrownBy(() ->
                        InteractivityConfig.builder().signingSecret(SECRET).build())
                .hasMessageContaining("interactivity.botToken");
        assertThatThrownBy(() -> InteractivityConfig.socketMode("xoxb-not-an-app-token", BOT))
                .hasMessageContaining("xapp-");
    }

    @Test
    void shouldNeverShowSecretsInToString() {
        InteractivityConfig http = InteractivityConfig.http(SECRET, BOT).toBuilder()
                .allowedUsers(Set.of("U1AB"))
                .allowedUserGroup(null)
                .build();
        InteractivityConfig socket = InteractivityConfig.socketMode(APP, BOT);
        assertThat(http.toString())
                .doesNotContain(SECRET)
                .doesNotContain("secretbotpart")
                .contains("xoxb-****");
        assertThat(socket.toString()).doesNotContain("secretapppart").contains("xapp-****");
    }

    @Test
    void shouldTakeSecretReferencesForEverySecretAndNameTheKeyOfAMalformedOne() {
        InteractivityConfig socket =
                InteractivityConfig.socketMode("ssm:/alertbridge/app-token", "secretsmanager:s#bot");
        assertThat(socket.appToken()).isEqualTo("ssm:/alertbridge/app-token");
        assertThat(InteractivityConfig.http("secretsmanager:s#signing", BOT).signingSecret())
                .isEqualTo("secretsmanager:s#signing");

        assertThatThrownBy(() -> InteractivityConfig.http("secretsmanager:s#" + SECRET + " x", BOT))
                .hasMessageStartingWith("interactivity.signingSecret: secretsmanager: the JSON key")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> InteractivityConfig.http(SECRET, "ssm:" + BOT))
                .hasMessageStartingWith("interactivity.botToken: ssm:")
                .hasMessageNotContaining(BOT);
        assertThatThrownBy(() -> InteractivityConfig.socketMode("ssm:/a#" + APP, BOT))
                .hasMessageStartingWith("interactivity.appToken: ssm: takes no #key")
                .hasMessageNotContaining(APP);
    }
}
