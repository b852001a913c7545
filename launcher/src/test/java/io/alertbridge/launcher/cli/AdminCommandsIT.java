package io.alertbridge.launcher.cli;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's commands against a real broker: topics create, rules apply / list / delete. */
@ExtendWith(DevkitExtension.class)
class AdminCommandsIT {

    @Test
    void shouldCreateTopicsThenApplyListAndDeleteRules(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = DevkitExtension.unique("admin") + ".";
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"),
                """
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                """
                        .formatted(kafka.bootstrapServers(), prefix));
        Path rules = Files.writeString(
                dir.resolve("rules.yaml"),
                """
                rules:
                  - kind: route
                    id: payments
                    matchers: ["service=payments"]
                    channel: "#payments-alerts"
                    groupBy: [service]
                  - kind: silence
                    id: db-maintenance
                    matchers: ["service=db"]
                    startsAt: 2026-11-15T01:00:00Z
                    endsAt: 2026-11-15T03:00:00Z
                    reason: planned failover
                """);

        CliRun created = run("topics", "create", "--config", config.toString(), "--partitions", "2");
        CliRun applied = run("rules", "apply", "--config", config.toString(), rules.toString());
        CliRun listed = run("rules", "list", "--config", config.toString());
        CliRun deleted = run("rules", "delete", "--config", config.toString(), "db-maintenance");
        CliRun listedAgain = run("rules", "list", "--config", config.toString());

        assertThat(created.code).isZero();
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).contains(prefix + "rules", prefix + "aws.raw");
        }
        assertThat(applied.code).isZero();
        assertThat(applied.out).contains("Applied 2 rule(s)");
        assertThat(listed.out).contains("payments").contains("db-maintenance").contains("#payments-alerts");
        assertThat(deleted.code).isZero();
        assertThat(listedAgain.out).contains("payments").doesNotContain("db-maintenance");
    }

    @Test
    void shouldWriteNothingWhenOneRuleOfTheFileIsInvalid(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = DevkitExtension.unique("admin-bad") + ".";
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"),
                """
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                """
                        .formatted(kafka.bootstrapServers(), prefix));
        Path rules = Files.writeString(
                dir.resolve("rules.yaml"),
                """
                rules:
                  - kind: route
                    id: fine
                    channel: "#a"
                  - kind: route
                    id: broken
                    chanel: "#b"
                """);
        run("topics", "create", "--config", config.toString(), "--partitions", "1");

        CliRun applied = run("rules", "apply", "--config", config.toString(), rules.toString());
        CliRun listed = run("rules", "list", "--config", config.toString());

        assertThat(applied.code).isEqualTo(1);
        assertThat(applied.err).contains("rules[1]").contains("broken").contains("chanel");
        assertThat(listed.out).contains("No rules").doesNotContain("fine");
    }

    @Test
    void shouldRefuseToDeleteARuleThatDoesNotExist(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = DevkitExtension.unique("admin-missing") + ".";
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"),
                """
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                """
                        .formatted(kafka.bootstrapServers(), prefix));
        run("topics", "create", "--config", config.toString(), "--partitions", "1");

        CliRun deleted = run("rules", "delete", "--config", config.toString(), "nope");

        assertThat(deleted.code).isEqualTo(1);
        assertThat(deleted.err).contains("no rule with id 'nope'");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
