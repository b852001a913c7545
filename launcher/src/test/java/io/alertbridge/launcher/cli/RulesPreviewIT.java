package io.alertbridge.launcher.cli;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rules apply FILE --preview AGE} against a real broker with a small history (two alarms that fired and
 * resolved an hour ago): a rule set that moves them to another channel is reported with exit code 3 and applies
 * nothing; one that changes nothing exits 0; an invalid one exits 2 before replaying.
 */
@ExtendWith(DevkitExtension.class)
class RulesPreviewIT {

    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    @Test
    void shouldPrintTheDifferenceAndApplyNothing(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = DevkitExtension.unique("preview") + ".";
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"),
                """
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                """
                        .formatted(kafka.bootstrapServers(), prefix));
        assertThat(CliRun.of("topics", "create", "--config", config.toString(), "--partitions", "1").code)
                .isZero();
        recordHistory(
                kafka,
                ProcessorConfig.builder()
                        .topicPrefix(prefix)
                        .build()
                        .topicCatalog()
                        .awsRaw());
        Path moving = Files.writeString(
                dir.resolve("moving.yaml"),
                """
                rules:
                  - kind: route
                    id: payments
                    matchers: ["alarm=~pay-.*"]
                    channel: "#payments"
                    groupBy: [resource]
                """);
        Path unchanged = Files.writeString(
                dir.resolve("unchanged.yaml"),
                """
                rules:
                  - kind: route
                    id: nothing-matches
                    matchers: ["alarm=never-fired"]
                    channel: "#elsewhere"
                """);
        Path invalid = Files.writeString(
                dir.resolve("invalid.yaml"),
                """
                rules:
                  - kind: route
                    id: runbook
                    channel: "#payments"
                    groupBy: [resource]
                    links: [{text: Runbook, url: "https://wiki/{{labels.resource}"}]
                """);

        CliRun moved = CliRun.of(
                "rules",
                "apply",
                "--config",
                config.toString(),
                moving.toString(),
                "--preview",
                "2h",
                "--run-on",
                "15m");
        CliRun same = CliRun.of(
                "rules",
                "apply",
                "--config",
                config.toString(),
                unchanged.toString(),
                "--preview",
                "2h",
                "--run-on",
                "15m");
        CliRun refused = CliRun.of(
                "rules",
                "apply",
                "--config",
                config.toString(),
                invalid.toString(),
                "--preview",
                "2h",
                "--run-on",
                "15m");
        CliRun listed = CliRun.of("rules", "list", "--config", config.toString());

        assertThat(moved.code).as(moved.err).isEqualTo(RulesCommand.PREVIEW_CHANGED);
        assertThat(moved.out)
                .contains("Preview of 1 rule(s)")
                .contains("nothing applied")
                .contains("incidents: 2 -> 2")
                .contains("#alerts                  incidents 2 -> 0")
                .contains("#payments                incidents 0 -> 2")
                .contains("alerts moved to another route: 2")
                .contains("default -> payments");
        assertThat(same.code).as(same.err).isZero();
        assertThat(same.out).contains("No change");
        assertThat(refused.code).isEqualTo(RulesCommand.PREVIEW_INVALID_RULES);
        assertThat(refused.err).contains("route runbook, link 'Runbook'").contains("unbalanced braces");
        assertThat(listed.out).as("a preview publishes nothing").contains("No rules");
    }

    /** Two alarms on two instances, each firing for ten minutes, an hour ago. */
    private static void recordHistory(EmbeddedKafka kafka, TopicSpec<String, RawAwsMessage> raw) throws Exception {
        try (KafkaProducer<String, RawAwsMessage> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                raw.keySerde().serializer(),
                raw.valueSerde().serializer())) {
            for (int i = 0; i < 2; i++) {
                for (boolean firing : new boolean[] {true, false}) {
                    Instant at = T0.plusSeconds(i).plus(firing ? Duration.ZERO : Duration.ofMinutes(10));
                    RawAwsMessage message = CloudWatchAlarms.stateChange("pay-" + i, "i-0pay" + i, firing, at);
                    producer.send(new ProducerRecord<>(
                                    raw.name(), null, at.toEpochMilli(), message.recordKey(), message))
                            .get();
                }
            }
        }
    }
}
