package io.alertbridge.launcher.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertbridgeMainTest {

    @Test
    void shouldPrintVersionsOfAlertbridgeKafkaAndJava() {
        CliRun run = run("version");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("alertbridge ").contains("kafka 4.3.1").contains("java 17");
    }

    @Test
    void shouldExplainEverySubcommandInHelp() {
        CliRun run = run("--help");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("dev").contains("version").contains("alertbridge dev --demo");
    }

    @Test
    void shouldGiveEverySubcommandItsOwnHelp() {
        for (String[] command : new String[][] {
            {"dev"},
            {"run"},
            {"process"},
            {"bridge"},
            {"sink"},
            {"interact"},
            {"topics", "create"},
            {"rules", "apply"},
            {"rules", "list"},
            {"rules", "delete"},
            {"replay"},
            {"version"}
        }) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliRun run = run(args);

            assertThat(run.code).as(String.join(" ", command)).isZero();
            assertThat(run.out)
                    .as(String.join(" ", command))
                    .contains("Usage: alertbridge " + String.join(" ", command));
        }
    }

    @Test
    void shouldRejectAnUnknownSubcommandWithUsageAndExitCode2() {
        CliRun run = run("frobnicate");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("frobnicate");
    }

    @Test
    void shouldRejectReplayOptionsThatDoNotFitTogetherBeforeConnecting() {
        assertThat(run("replay").err).contains("Missing required option: '--from=TIME'");
        assertThat(run("replay", "--from", "1d", "--resume").err).contains("belong to --rebuild");
        assertThat(run("replay", "--rebuild", "--to", "1h").err).contains("no --to, no --speed");
        CliRun resumeWithoutId = run("replay", "--rebuild", "--resume");

        assertThat(resumeWithoutId.code).isEqualTo(2);
        assertThat(resumeWithoutId.err).contains("--resume needs the --application-id");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
