package io.alertbridge.launcher;

import io.alertbridge.testkit.chaos.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as users get it ({@code launcher/target/alertbridge.jar}, built in {@code package} before this
 * test runs): nothing from tests in it, and {@code java -jar alertbridge.jar dev --demo} plays the whole demo from
 * it alone: the scenario's alarms go through in-process SQS, the bridge, the processor and the Slack sink, and end
 * as incident messages on the local workspace, every one of them edited to RESOLVED by the end (played 20 times
 * faster). The second half is also what proves the shade filters (native libraries, excluded artifacts) left
 * nothing out that a part needs at run time.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "alertbridge.jar");

    @Test
    void holdsNoTestCode() throws IOException {
        assertThat(JAR).isRegularFile();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> fromTests = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("org/junit/")
                            || name.startsWith("org/testcontainers/")
                            || name.startsWith("io/alertbridge/testkit/")
                            || name.startsWith("org/apache/kafka/common/test/")
                            || name.startsWith("org/assertj/"))
                    .limit(5)
                    .toList();

            assertThat(fromTests).isEmpty();
            assertThat(jar.getEntry("io/alertbridge/launcher/cli/AlertbridgeMain.class"))
                    .isNotNull();
        }
    }

    @Test
    void playsTheDemoFromTheJarAlone(@TempDir Path state) throws Exception {
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
        Files.writeString(state.resolve("alertbridge.yaml"), "rules: {file: \"%s\"}\n".formatted(rules));
        Path output = state.resolve("dev.out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // The JVM's own flags only (heap, collector, C1): what the jar holds is the subject here, not its speed.
        command.addAll(ChildJvm.testJvm("768m"));
        command.addAll(List.of(
                "-jar",
                JAR.toAbsolutePath().toString(),
                "dev",
                "--config",
                state.resolve("alertbridge.yaml").toString(),
                "--state-dir",
                state.toString(),
                "--http-port",
                "0",
                "--demo",
                "--demo-speed",
                "20",
                "--exit-after-demo"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        // Only what a user's shell would have: no Slack token, no AWS variables from the build's environment.
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("ALERTBRIDGE_"));
        Process dev = builder.start();
        boolean exited = dev.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            dev.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(exited).as(printed).isTrue();
        assertThat(dev.exitValue()).as(printed).isZero();
        assertThat(printed).contains("demo: alarm storm").contains("demo: AI anomaly episode");
        Matcher summary = Pattern.compile("demo: (\\d+) incident messages in #alerts, (\\d+) resolved")
                .matcher(printed);
        assertThat(summary.find()).as(printed).isTrue();
        assertThat(Integer.parseInt(summary.group(1)))
                .as(printed + "\npipeline, 8 storm instances (the anomaly merges into one), the flapping alarm")
                .isGreaterThanOrEqualTo(8);
        assertThat(summary.group(2)).isEqualTo(summary.group(1));
    }
}
