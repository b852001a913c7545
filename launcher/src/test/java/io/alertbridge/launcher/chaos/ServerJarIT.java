package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.chaos.AlarmStorm;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.IncidentAudit;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server jar of the Docker image ({@code launcher/target/alertbridge-server.jar}, built in {@code package}):
 * it leaves out the devkit and what only dev mode runs, and {@code alertbridge run} from it alone turns alarms in SQS
 * into incidents posted in Slack, each in its final state. {@code alertbridge dev} from it says what to run instead.
 */
@ExtendWith(DevkitExtension.class)
class ServerJarIT {

    private static final Path JAR = Path.of("target", "alertbridge-server.jar").toAbsolutePath();
    private static final int ALARMS = 5;

    @Test
    void leavesOutTheEmbeddedDefault() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> devOnly = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("io/alertbridge/devkit/")
                            || name.startsWith("io/alertbridge/testkit/")
                            || name.startsWith("org/apache/pekko/")
                            || name.startsWith("org/elasticmq/")
                            || name.startsWith("kafka/server/")
                            || name.startsWith("org/junit/"))
                    .limit(5)
                    .toList();

            assertThat(devOnly).isEmpty();
        }
    }

    @Test
    void runsThePipelineFromTheJarAlone(EmbeddedKafka kafka, EmbeddedSqs sqs) throws Exception {
        try (Deployment deployment = new Deployment("server-jar", kafka, sqs, 0, ALARMS)) {
            ChildJvm run = deployment.startFromJar("run", "run", JAR, mainClass());
            Deployment.awaitHealthy(run);

            // Openings first, as alarms fire before they change again (SQS would otherwise hand over a clear
            // before the alarm it clears, which is a different scenario).
            AlarmStorm storm = deployment.storm;
            AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.openings(), Duration.ZERO);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deployment.audit().posted() == ALARMS);
            AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.rest(), Duration.ofSeconds(2));
            IncidentAudit.Result audit = deployment.awaitConverged(Duration.ofMinutes(2));

            assertThat(audit.clean()).as(audit.toString()).isTrue();
        }
    }

    @Test
    void saysDevModeIsNotInIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path output = dir.resolve("dev.out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ChildJvm.testJvm("256m"));
        command.addAll(List.of("-jar", JAR.toString(), "dev", "--state-dir", dir.toString()));
        Process dev = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(dev.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(dev.exitValue()).as(printed).isEqualTo(2);
        assertThat(printed).contains("alertbridge-server.jar").contains("./alertbridge dev");
    }

    private static String mainClass() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }
}
