package io.alertbridge.launcher.cli;

import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DevCommandIT {

    @Test
    void shouldStartTheEmbeddedDefaultCreateEveryTopicAndSayWhatIsWhere(@TempDir Path state) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = AlertbridgeMain.execute("dev", "--state-dir", state.toString(), "--exit-when-ready");
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).isZero();
        assertThat(printed).contains("Alertbridge dev is ready").contains("alertbridge-alarms");
        // moto is installed here, so dev connects its queue in moto with the code of 'aws connect' and says so.
        assertThat(printed)
                .contains("AWS stand-in (moto)")
                .contains("done: create queue alertbridge-alarms:")
                .contains(
                        "done: subscribe the queue to topic arn:aws:sns:us-east-1:123456789012:alertbridge-dev-alarms")
                .contains(
                        "done: subscribe the queue to topic arn:aws:sns:us-east-1:123456789012:alertbridge-dev-anomalies")
                .contains("done: put rule alertbridge-alarms-cloudwatch-alarms")
                .contains("done: put rule alertbridge-alarms-codepipeline")
                .containsPattern("Connected: \\d+ change\\(s\\) made.")
                .doesNotContain("not started");
        Matcher bootstrap = Pattern.compile("Kafka bootstrap servers\\s+(\\S+)").matcher(printed);
        assertThat(bootstrap.find()).isTrue();
        assertThat(state.resolve("kafka/logs/meta.properties")).exists();
        // Served on loopback only (the banner shows the address actually bound), with a secret of this start.
        assertThat(printed).containsPattern("health and metrics\\s+http://127\\.0\\.0\\.1:\\d+/health");
        Path secretFile = state.resolve("dev-signing-secret");
        String secret = Files.readString(secretFile).strip();
        assertThat(secret)
                .matches("[0-9a-f]{64}")
                .isNotEqualTo(io.alertbridge.devkit.slack.LocalSlackWorkspace.Config.DEFAULT_SIGNING_SECRET);
        assertThat(printed).contains("Slack signing secret     " + secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");

        // The broker is stopped now; start the same state again and find every topic there.
        try (var env = io.alertbridge.launcher.dev.DevEnvironment.start(state, Topics.defaults());
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names)
                    .containsAll(Topics.defaults().all().stream()
                            .map(TopicSpec::name)
                            .toList());
        }
    }
}
