package io.alertbridge.connectors.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSinkConfigTest {

    private static final String TOKEN = "xoxb-test-secretsecret";

    @Test
    void shouldDefaultToRealSlackAndTheDesignsNames() {
        SlackSinkConfig config = SlackSinkConfig.defaults(TOKEN);

        assertThat(config.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.defaultChannel()).isEqualTo("#alerts");
        assertThat(config.refsTopic()).isEqualTo("alertbridge.slack.refs");
        assertThat(config.topics().notifications().name()).isEqualTo("alertbridge.notifications");
        assertThat(config.groupId()).isEqualTo("alertbridge-slack-sink");
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFile() {
        Map<String, Object> yaml = Map.of(
                "apiUrl",
                "https://file.example/api/",
                "token",
                "xoxb-file",
                "defaultChannel",
                "#file",
                "archiveAfter",
                "2h",
                "inviteOptOuts",
                List.of("Bob@Example.com"));
        Map<String, String> env = Map.of(
                "SLACK_API_URL",
                "http://localhost:9999/api/",
                "SLACK_BOT_TOKEN",
                TOKEN,
                "ALERTBRIDGE_TOPIC_PREFIX",
                "staging.alertbridge.");

        SlackSinkConfig config = SlackSinkConfig.from(yaml, env);

        assertThat(config.apiUrl()).isEqualTo("http://localhost:9999/api/");
        assertThat(config.token()).isEqualTo(TOKEN);
        assertThat(config.defaultChannel()).isEqualTo("#file");
        assertThat(config.archiveAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(config.refsTopic()).isEqualTo("staging.alertbridge.slack.refs");
        assertThat(config.optedOut("bob@example.com")).isTrue();
        assertThat(config.optedOut("alice@example.com")).isFalse();
    }

    @Test
    void shouldNameTheBadKey() {
        assertThatThrownBy(() -> SlackSinkConfig.from(Map.of(), Map.of())).hasMessageStartingWith("slack.token");
        assertThatThrownBy(() -> SlackSinkConfig.defaults(TOKEN).withApiUrl("https://slack.com/api"))
                .hasMessageStartingWith("slack.apiUrl");
        assertThatThrownBy(
                        () -> SlackSinkConfig.defaults(TOKEN).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageStartingWith("slack.maxBackoff");
        assertThatThrownBy(() -> SlackSinkConfig.from(Map.of("token", TOKEN, "reconcilePages", 0), Map.of()))
                .hasMessageStartingWith("slack.reconcilePages");
        assertThatThrownBy(() -> SlackSinkConfig.from(
                        Map.of("token", TOKEN, "templates", Map.of("payments", Map.of("headline", "{nope}"))),
                        Map.of()))
                .hasMessageContaining("{nope}");
    }

    @Test
    void shouldNeverShowTheToken() {
        SlackSinkConfig config = SlackSinkConfig.defaults(TOKEN).withIncidentChannels(Set.of("x@example.com"), null);

        assertThat(config.toString())
                .doesNotContain("secretsecret")
                .doesNotContain("123-456")
                .contains("xoxb-****");
    }

    @Test
    void shouldPickTheRoutesTemplateElseTheConfiguredDefaultElseTheBuiltIn() {
        MessageTemplate payments = new MessageTemplate("{title}", null, null, null, null);
        MessageTemplate fallback = new MessageTemplate("{emoji} {title}", null, null, null, null);
        SlackSinkConfig config = SlackSinkConfig.defaults(TOKEN).withTemplates(Map.of("payments", payments));

        assertThat(config.templateFor("payments")).isSameAs(payments);
        assertThat(config.templateFor("other")).isEqualTo(MessageTemplate.DEFAULT);
        assertThat(config.withTemplates(Map.of("default", fallback)).templateFor("other"))
                .isSameAs(fallback);
    }
}
