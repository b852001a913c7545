package io.alertbridge.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alertbridge dev --demo} end to end on the embedded default: the scenario's alarms go through in-process
 * SQS, the bridge, the processor and the Slack sink, and end as incident messages on the local workspace, every
 * one of them edited to RESOLVED by the end of the scenario (played 4 times faster).
 */
class DevDemoIT {

    @Test
    void shouldPlayTheDemoIntoTheLocalWorkspaceUntilEveryIncidentResolved(@TempDir Path state) throws Exception {
        // The demo plays 4 times faster; a 2 s group wait keeps incidents from resolving before their first post.
        Path rules = Files.writeString(
                state.resolve("rules.yaml"),
                """
                rules:
                  - kind: route
                    id: default
                    channel: "#alerts"
                    groupWait: 2s
                    updateInterval: 1s
                """);
        Path config = Files.writeString(
                state.resolve("alertbridge.yaml"),
                """
                rules: {file: "%s"}
                """.formatted(rules));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = AlertbridgeMain.execute(
                    "dev",
                    "--state-dir",
                    state.toString(),
                    "--http-port",
                    "0",
                    "--demo",
                    "--demo-speed",
                    "20",
                    "--exit-after-demo");
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("demo: alarm storm").contains("demo: AI anomaly episode");
        Matcher summary = Pattern.compile("demo: (\\d+) incident messages in #alerts, (\\d+) resolved")
                .matcher(printed);
        assertThat(summary.find()).as(printed).isTrue();
        int messages = Integer.parseInt(summary.group(1));
        assertThat(messages)
                .as(printed + "\npipeline, 8 storm instances (the anomaly merges into one), the flapping alarm")
                .isGreaterThanOrEqualTo(8);
        assertThat(Integer.parseInt(summary.group(2))).isEqualTo(messages);
    }
}
