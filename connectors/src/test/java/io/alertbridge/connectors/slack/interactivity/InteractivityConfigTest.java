package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractivityConfigTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BOT = "xoxb-test-secretbotpart";
    private static final String APP = "xapp-1-A111-222-secretapppart";

    @Test
    void shouldChooseHttpModeWithDefaultsFromTheEnvironment() {
        InteractivityConfig config = InteractivityConfig.from(
                null, Map.of("SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", BOT, "ALERTBRIDGE_TOPIC_PREFIX", "t."));
        assertThat(config.mode()).isEqualTo(InteractivityConfig.Mode.HTTP);
        assertThat(config.path()).isEqualTo("/slack/events");
        assertThat(config.command()).isEqualTo("/alerts");
        assertThat(config.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.topics().actions().name()).isEqualTo("t.actions");
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.morning()).isEqualTo(LocalTime.of(9, 0));
        assertThat(config.restricted()).isFalse();
    }

    @Test
    void shouldChooseSocketModeWhenAnAppTokenIsSet() {
        InteractivityConfig config =
                InteractivityConfig.from(null, Map.of("SLACK_APP_TOKEN", APP, "SLACK_BOT_TOKEN", BOT));
        assertThat(config.mode()).isEqualTo(InteractivityConfig.Mode.SOCKET);
        assertThat(config.signingSecret()).isNull();
    }

    @Test
    void shouldBindTheYamlSection() {
        Map<String, Object> section = Map.of(
                "mode", "HTTP",
                "signingSecret", SECRET,
                "botToken", BOT,
                "allowedUsers", List.of("u0123abcd", "W999ZZZ"),
                "allowedUserGroup", "S0ONCALL",
                "zone", "Europe/Paris",
                "morning", "08:30",
                "maxSnooze", "3d",
                "listLimit", 10);
        InteractivityConfig config = InteractivityConfig.from(section, Map.of());
        assertThat(config.allowedUsers()).containsExactlyInAnyOrder("U0123ABCD", "W999ZZZ");
        assertThat(config.allowedUserGroup()).isEqualTo("S0ONCALL");
        assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.morning()).isEqualTo(LocalTime.of(8, 30));
        assertThat(config.maxSnooze()).isEqualTo(Duration.ofDays(3));
        assertThat(config.listLimit()).isEqualTo(10);
        assertThat(config.restricted()).isTrue();
    }

    @Test
    void shouldNameTheMissingSecretPerMode() {
        assertThatThrownBy(() -> InteractivityConfig.from(null, Map.of("SLACK_BOT_TOKEN", BOT)))
                .hasMessageContaining("slack.interactivity.signingSecret")
                .hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("mode", "SOCKET"), Map.of("SLACK_BOT_TOKEN", BOT)))
                .hasMessageContaining("slack.interactivity.appToken");
        assertThatThrownBy(() -> InteractivityConfig.from(null, Map.of("SLACK_SIGNING_SECRET", SECRET)))
                .hasMessageContaining("slack.interactivity.botToken");
        assertThatThrownBy(() -> InteractivityConfig.socketMode("xoxb-not-an-app-token", BOT))
                .hasMessageContaining("xapp-");
    }

    @Test
    void shouldNameBadAndUnknownKeys() {
        Map<String, String> env = Map.of("SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", BOT);
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("listLimit", 500), env))
                .hasMessageContaining("slack.interactivity.listLimit");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("allowedUsers", List.of("alice")), env))
                .hasMessageContaining("slack.interactivity.allowedUsers");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("allowedUserGroup", "oncall"), env))
                .hasMessageContaining("slack.interactivity.allowedUserGroup");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("apiUrl", "ftp://x/"), env))
                .hasMessageContaining("slack.interactivity.apiUrl");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("command", "alerts"), env))
                .hasMessageContaining("slack.interactivity.command");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("maxSnoze", "1d"), env))
                .hasMessageContaining("slack.interactivity.maxSnoze")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("maxSnooze", "soon"), env))
                .hasMessageContaining("maxSnooze");
        assertThatThrownBy(() -> InteractivityConfig.from(Map.of("zone", "Mars/Olympus"), env))
                .hasMessageContaining("slack.interactivity");
    }

    @Test
    void shouldNeverShowSecretsInToString() {
        InteractivityConfig http = InteractivityConfig.http(SECRET, BOT).withAllowList(Set.of("U1AB"), null);
        InteractivityConfig socket = InteractivityConfig.socketMode(APP, BOT);
        assertThat(http.toString())
                .doesNotContain(SECRET)
                .doesNotContain("secretbotpart")
                .contains("xoxb-****");
        assertThat(socket.toString()).doesNotContain("secretapppart").contains("xapp-****");
    }
}
