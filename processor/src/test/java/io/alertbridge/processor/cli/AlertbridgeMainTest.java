package io.alertbridge.processor.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AlertbridgeMainTest {

    @Test
    void shouldPrintVersionsOfAlertbridgeKafkaAndJava() {
        Run run = run("version");

        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("alertbridge ").contains("kafka 4.3.1").contains("java 17");
    }

    @Test
    void shouldExplainEverySubcommandInHelp() {
        Run run = run("--help");

        assertThat(run.exitCode).isZero();
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
            Run run = run(args);

            assertThat(run.exitCode).as(String.join(" ", command)).isZero();
            assertThat(run.out)
                    .as(String.join(" ", command))
                    .contains("Usage: alertbridge " + String.join(" ", command));
        }
    }

    @Test
    void shouldRejectAnUnknownSubcommandWithUsageAndExitCode2() {
        Run run = run("frobnicate");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("frobnicate");
    }

    @Test
    void shouldRejectReplayOptionsThatDoNotFitTogetherBeforeConnecting() {
        assertThat(run("replay").err).contains("Missing required option: '--from=TIME'");
        assertThat(run("replay", "--from", "1d", "--resume").err).contains("belong to --rebuild");
        assertThat(run("replay", "--rebuild", "--to", "1h").err).contains("no --to, no --speed");
        Run resumeWithoutId = run("replay", "--rebuild", "--resume");

        assertThat(resumeWithoutId.exitCode).isEqualTo(2);
        assertThat(resumeWithoutId.err).contains("--resume needs the --application-id");
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = AlertbridgeMain.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private record Run(int exitCode, String out, String err) {}
}
