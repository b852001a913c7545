package io.alertbridge.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void shouldReadInstantsAndAges() {
        assertThat(ReplayCommand.time("2026-11-14T00:00:00Z", NOW, "--from"))
                .isEqualTo(Instant.parse("2026-11-14T00:00:00Z"));
        assertThat(ReplayCommand.time("7d", NOW, "--from")).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(ReplayCommand.time("90m", NOW, "--to")).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    }

    @Test
    void shouldNameTheOptionWhenTheTimeIsNeither() {
        assertThatThrownBy(() -> ReplayCommand.time("last tuesday", NOW, "--from"))
                .hasMessageContaining("--from")
                .hasMessageContaining("'last tuesday'");
    }

    @Test
    void shouldOfferPostToInItsHelp() {
        CliRun run = run("replay", "--help");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("--post-to=CHANNEL").contains("replay-<run>-<id>");
    }

    @Test
    void shouldRefuseAPostToThatIsNeitherAChannelNameNorAnId() {
        CliRun run = run("replay", "--from", "1h", "--post-to", "two words");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("--post-to").contains("'two words'").contains("#replay-review");
    }

    @Test
    void shouldRefusePostToWithoutAValue() {
        CliRun run = run("replay", "--from", "1h", "--post-to");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--post-to");
    }

    @Test
    void shouldSayThatPostToNeedsSlackBeforeTouchingKafka(@TempDir Path dir) throws Exception {
        // No slack: section and no Kafka either: the Slack problem is the one named (SLACK_BOT_TOKEN is not set
        // where tests run).
        Path config = Files.writeString(dir.resolve("alertbridge.yaml"), "topics: {prefix: \"t.\"}\n");

        CliRun run = run("replay", "--config", config.toString(), "--from", "1h", "--post-to", "#replay-review");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("--post-to needs Slack configured").contains("SLACK_BOT_TOKEN");
    }

    @Test
    void shouldNameTheBadSlackSettingWhenPostToIsGiven(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"), "slack: {token: \"xoxb-1\", callTimeout: \"soon\"}\n");

        CliRun run = run("replay", "--config", config.toString(), "--from", "1h", "--post-to", "replay-review");

        // A value of the wrong type fails the load itself, whichever part would have used it.
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("alertbridge.yaml: slack.callTimeout: ").contains("soon");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
