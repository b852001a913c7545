package io.alertbridge.launcher.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-02T14:30:00Z");

    @Test
    void shouldReadNowLengthsBackDatesAndInstants() {
        assertThat(ReportCommand.instant("now", NOW, ZoneOffset.UTC, true)).isEqualTo(NOW);
        assertThat(ReportCommand.instant("7d", NOW, ZoneOffset.UTC, false))
                .isEqualTo(Instant.parse("2026-11-25T14:30:00Z"));
        assertThat(ReportCommand.instant("2w", NOW, ZoneOffset.UTC, false))
                .isEqualTo(Instant.parse("2026-11-18T14:30:00Z"));
        assertThat(ReportCommand.instant("2026-11-01", NOW, ZoneId.of("Europe/Berlin"), false))
                .isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(ReportCommand.instant("2026-11-30", NOW, ZoneOffset.UTC, true))
                .as("an end date is included")
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(ReportCommand.instant("2026-11-05T10:15:00Z", NOW, ZoneOffset.UTC, false))
                .isEqualTo(Instant.parse("2026-11-05T10:15:00Z"));
        assertThatThrownBy(() -> ReportCommand.instant("last tuesday", NOW, ZoneOffset.UTC, false))
                .hasMessageContaining("cannot read `last tuesday`");
    }

    @Test
    void shouldRefuseBadInputWithExitCodeTwoBeforeReadingKafka() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand()).setErr(new PrintWriter(err));

        assertThat(cli.execute("--from", "2026-11-30", "--to", "2026-11-01")).isEqualTo(2);
        assertThat(err.toString()).contains("must end after it starts");
        assertThat(cli.execute("--route", "a", "--service", "b")).isEqualTo(2);
        assertThat(err.toString()).contains("at most one of --route, --service, --channel");
        assertThat(cli.execute("--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("--format must be text, json or csv");
    }
}
