package io.alertbridge.processor.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.replay.ReplayPoster;
import io.alertbridge.processor.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayReviewTest {

    private static final Instant FROM = Instant.parse("2026-11-14T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-21T09:30:00Z");

    @Test
    void shouldLabelTheRangeAndTheRulesFile() {
        assertThat(ReplayReview.label(FROM, TO, Path.of("/home/ops/rules/strict.yaml")))
                .isEqualTo("2026-11-14 00:00 UTC .. 2026-11-21 09:30 UTC under strict.yaml");
        assertThat(ReplayReview.label(FROM, TO, null)).endsWith("under the configured rules");
    }

    @Test
    void shouldTakeTheSinksSlackSettingsWithTheEnvironmentOnTop() {
        SlackSinkConfig config = ReplayReview.slackConfig(ConfigLoader.parse(
                        "slack: {token: xoxb-file, apiUrl: \"https://slack.example/api/\"}",
                        "ab.yaml",
                        Map.of("SLACK_API_URL", "http://localhost:3000/api/"))
                .sink());

        assertThat(config.token()).isEqualTo("xoxb-file");
        assertThat(config.apiUrl()).isEqualTo("http://localhost:3000/api/");
    }

    @Test
    void shouldSayThatPostToNeedsSlackWhenNoTokenIsConfigured() {
        assertThatThrownBy(() -> ReplayReview.slackConfig(
                        ConfigLoader.parse("", "ab.yaml", Map.of()).sink()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--post-to needs Slack configured")
                .hasMessageContaining("slack.token")
                .hasMessageContaining("SLACK_BOT_TOKEN");
    }

    @Test
    void shouldTellWhatWasPostedWhere() {
        ReplayPoster.Summary posted = new ReplayPoster.Summary(
                "#replay-review", "C0REVIEW1", "k3x9q1", 14, 3, 3, 6, 5, 1, 0, 0, Map.of("msg_too_long", 1L));

        assertThat(String.join("\n", ReplayReview.summaryLines(posted)))
                .contains("Posted to #replay-review (C0REVIEW1) as run k3x9q1")
                .contains("replay-k3x9q1-<id>")
                .contains("3 message(s): 3 posted, 6 edited in place; 5 thread replies")
                .contains("14 command(s)")
                .contains("1 refused by Slack {msg_too_long=1}");
        ObjectNode json = ReplayReview.toJson(posted);
        assertThat(json.path("run").asText()).isEqualTo("k3x9q1");
        assertThat(json.path("edited").asLong()).isEqualTo(6);
        assertThat(json.path("failed").path("msg_too_long").asLong()).isEqualTo(1);
    }
}
