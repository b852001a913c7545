package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.chaos.AlarmStorm;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.IncidentAudit;
import io.alertbridge.testkit.chaos.LauncherEnvironment;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One Alertbridge deployment for a crash test: its own topics (created as {@code topics create} does, with the
 * cluster's default replication), SQS queue and local Slack workspace (rate limits off) on the shared servers, and
 * launcher children ({@code bridge}, {@code process}, {@code sink}, {@code run}) started from this JVM's class path.
 * Children's logs stay under {@code target/<name>}.
 *
 * <p>Not thread-safe; {@link #close()} kills every child and closes the workspace.
 */
final class Deployment implements AutoCloseable {

    static final int PARTITIONS = 3;

    final String runId = Long.toString(System.nanoTime(), 36);
    final EmbeddedKafka kafka;
    final EmbeddedSqs sqs;
    final LocalSlackWorkspace slack;
    final LauncherEnvironment env;
    final Topics topics;
    final String applicationId;
    final Path config;
    final AlarmStorm storm;
    private final List<ChildJvm> children = new ArrayList<>();

    Deployment(String name, EmbeddedKafka kafka, EmbeddedSqs sqs, int standbys, int alarms) throws Exception {
        this.kafka = kafka;
        this.sqs = sqs;
        this.slack =
                LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withRateLimits(false));
        this.topics = Topics.withPrefix(name + "-" + runId + ".");
        this.applicationId = topics.prefix() + "processor";
        this.env = new LauncherEnvironment(
                kafka.bootstrapServers(),
                topics.prefix(),
                sqs.endpoint().toString(),
                sqs.createQueue(name + "-" + runId),
                slack.apiUrl(),
                slack.botToken(),
                slack.signingSecret(),
                Path.of("target", DevkitExtension.unique(name)).toAbsolutePath());
        this.config = env.writeConfig(standbys, applicationId);
        this.storm = AlarmStorm.of(runId, alarms, 4, 7L);
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(PARTITIONS, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
    }

    /** Starts {@code alertbridge <subcommand>} as a child named {@code name}. */
    ChildJvm start(String name, String subcommand) {
        ChildJvm child = ChildJvm.start(env.launcher(name, subcommand, config, System.getProperty("java.class.path")));
        children.add(child);
        return child;
    }

    /** Starts {@code alertbridge <subcommand>} as a child named {@code name}, from a runnable jar. */
    ChildJvm startFromJar(String name, String subcommand, Path jar, String mainClass) {
        ChildJvm child = ChildJvm.start(
                env.launcher(name, subcommand, config, jar.toString()).withMainClass(mainClass));
        children.add(child);
        return child;
    }

    /** Starts a child again on its state directory and port, after a kill. */
    ChildJvm restart(ChildJvm killed, String subcommand) {
        ChildJvm child =
                ChildJvm.start(env.launcher(killed.name(), subcommand, config, System.getProperty("java.class.path")));
        children.add(child);
        return child;
    }

    /** Waits until every child answers {@code /health} with 200. */
    static void awaitHealthy(ChildJvm... children) {
        for (ChildJvm child : children) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(child.isAlive())
                                .as(child.name() + " died; see " + child.log())
                                .isTrue();
                        return child.isHealthy();
                    });
        }
    }

    /** The Slack channel against the storm's final states. */
    IncidentAudit.Result audit() {
        return IncidentAudit.audit(runId, storm.expected(), slack.messages("alerts"));
    }

    /**
     * Waits until Slack shows every incident in its final state, and returns the audit then. On time-out the failure
     * names, for the incidents in question, what the incidents topic holds, so that a stale Slack message (the sink)
     * can be told from a wrong incident (the processor).
     */
    IncidentAudit.Result awaitConverged(Duration limit) {
        try {
            await().atMost(limit).pollInterval(Duration.ofSeconds(1)).until(() -> audit().converged());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            IncidentAudit.Result audit = audit();
            Map<String, String> topic = incidentStates();
            throw new AssertionError(
                    "not converged within " + limit + ": " + audit + "; incidents topic: "
                            + audit.problems().stream()
                                    .map(p -> p.replaceAll(".*?(i-\\S+-\\d{6}).*", "$1"))
                                    .distinct()
                                    .map(id -> id + "=" + topic.getOrDefault(id, "absent"))
                                    .toList(),
                    e);
        }
        return audit();
    }

    /** Each incident's latest state on the incidents topic (read committed), by the alarm's instance id. */
    Map<String, String> incidentStates() {
        TopicSpec<String, Incident> spec = topics.incidents();
        Pattern instance = Pattern.compile(Pattern.quote("i-" + runId + "-") + "\\d{6}");
        Map<String, String> states = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(spec.name())) {
            if (record.value() == null) {
                continue;
            }
            Incident incident = spec.valueSerde().deserializer().deserialize(spec.name(), record.value());
            Matcher found = instance.matcher(incident.groupKey());
            if (found.find()) {
                states.put(found.group(), incident.state().name());
            }
        }
        return states;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        children.forEach(ChildJvm::close);
        slack.close();
    }
}
