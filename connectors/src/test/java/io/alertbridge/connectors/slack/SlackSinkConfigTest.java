package io.alertbridge.connectors.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
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
    void shouldNameTheBadKey() {
        assertThatThrownBy(() -> SlackSinkConfig.builder().build()).hasMessageStartingWith("slack.token");
        assertThatThrownBy(() -> SlackSinkConfig.defaults(TOKEN).toBuilder()
                        .apiUrl("https://slack.com/api")
                        .build())
                .hasMessageStartingWith("slack.apiUrl");
        assertThatThrownBy(() -> SlackSinkConfig.defaults(TOKEN).toBuilder()
                        .initialBackoff(Duration.ofSeconds(5))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .hasMessageStartingWith("slack.maxBackoff");
        assertThatThrownBy(() -> SlackSinkConfig.defaults(TOKEN).toBuilder()
                        .reconcilePages(0)
                        .build())
                .hasMessageStartingWith("slack.reconcilePages");
        assertThatThrownBy(() -> SlackSinkConfig.defaults(TOKEN).toBuilder()
                        .templates(Map.of("payments", new MessageTemplate("{nope}", null, null, null, null)))
                        .build())
                .hasMessageContaining("{nope}");
    }

    @Test
    void shouldNeverShowTheToken() {
        SlackSinkConfig config = SlackSinkConfig.defaults(TOKEN).toBuilder()
                .inviteOptOuts(Set.of("x@example.com"))
                .archiveAfter(null)
                .build();

        assertThat(config.toString())
                .doesNotContain("secretsecret")
                .doesNotContain("123-456")
                .contains("xoxb-****");
    }

    @Test
    void shouldPickTheRoutesTemplateElseTheConfiguredDefaultElseTheBuiltIn() {
        MessageTemplate payments = new MessageTemplate("{title}", null, null, null, null);
        MessageTemplate fallback = new MessageTemplate("{emoji} {title}", null, null, null, null);
        SlackSinkConfig config = SlackSinkConfig.defaults(TOKEN).toBuilder()
                .templates(Map.of("payments", payments))
                .build();

        assertThat(config.templateFor("payments")).isSameAs(payments);
        assertThat(config.templateFor("other")).isEqualTo(MessageTemplate.DEFAULT);
        assertThat(config.toBuilder()
                        .templates(Map.of("default", fallback))
                        .build()
                        .templateFor("other"))
                .isSameAs(fallback);
    }

    @Test
    void shouldTakeASecretReferenceAsTheTokenAndRefuseAMalformedOneWithoutQuotingIt() {
        assertThat(SlackSinkConfig.defaults("secretsmanager:prod/slack#botToken")
                        .token())
                .isEqualTo("secretsmanager:prod/slack#botToken");
        assertThat(SlackSinkConfig.defaults("ssm:/alertbridge/slack-token").token())
                .isEqualTo("ssm:/alertbridge/slack-token");

        assertThatThrownBy(() -> SlackSinkConfig.defaults("ssm:xoxb-PASTED-BY-MISTAKE"))
                .hasMessageStartingWith("slack.token: ssm: parameter name must start with /")
                .hasMessageNotContaining("PASTED");
    }
}
