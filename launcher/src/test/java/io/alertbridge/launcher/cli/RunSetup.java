package io.alertbridge.launcher.cli;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code alertbridge run} of an integration test on the shared servers: its own topics (one partition each),
 * SQS queue, rules file (one route to {@code #alerts}, grouped by resource, no group wait) and configuration file.
 *
 * @param config the configuration file
 * @param topics the run's topics
 * @param queueUrl the queue its bridge drains
 * @param bootstrapServers the broker
 */
record RunSetup(Path config, Topics topics, String queueUrl, String bootstrapServers) {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The configuration file's text for a run with this topic prefix, rules file and queue. */
    @FunctionalInterface
    interface ConfigText {
        String of(String prefix, Path rules, String queueUrl);
    }

    /** Creates the topics and the queue, writes the rules file and then the configuration into {@code dir}. */
    static RunSetup create(EmbeddedKafka kafka, EmbeddedSqs sqs, Path dir, String name, ConfigText configText)
            throws Exception {
        return create(kafka, sqs.createQueue(DevkitExtension.unique(name)), dir, name, configText);
    }

    /** As {@link #create(EmbeddedKafka, EmbeddedSqs, Path, String, ConfigText)} for a queue that already exists. */
    static RunSetup create(EmbeddedKafka kafka, String queueUrl, Path dir, String name, ConfigText configText)
            throws Exception {
        String prefix = DevkitExtension.unique(name) + ".";
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(1, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        Path rules = Files.writeString(
                dir.resolve(prefix + "rules.yaml"),
                """
                rules:
                  - kind: route
                    id: default
                    channel: "#alerts"
                    groupBy: [resource]
                    groupWait: 0s
                """);
        Path config =
                Files.writeString(dir.resolve(prefix + "alertbridge.yaml"), configText.of(prefix, rules, queueUrl));
        return new RunSetup(config, topics, queueUrl, kafka.bootstrapServers());
    }

    /** {@code alertbridge run} on this configuration, serving {@code /health} on a free port. */
    RunCommand command() {
        RunCommand command = new RunCommand();
        command.options.config = config;
        command.options.httpPort = 0;
        return command;
    }

    /** Sends a CloudWatch alarm to the queue and returns the id of the incident the processor makes of it. */
    String alarmBecomesIncident(EmbeddedSqs sqs, String alarm) {
        String body = CloudWatchAlarms.stateChange(alarm, "i-" + alarm, true, Instant.now())
                .body();
        sqs.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        TopicSpec<String, Incident> incidents = topics.incidents();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Incident> consumer = new KafkaConsumer<>(
                props,
                incidents.keySerde().deserializer(),
                incidents.valueSerde().deserializer())) {
            consumer.assign(List.of(new TopicPartition(incidents.name(), 0)));
            List<Incident> seen = new ArrayList<>();
            Awaitility.await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, Incident> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().toString().contains(alarm)) {
                        seen.add(record.value());
                    }
                }
                return !seen.isEmpty();
            });
            return seen.get(0).incidentId();
        }
    }
}
