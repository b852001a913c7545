package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ChannelSpec;
import io.alertbridge.devkit.slack.InteractionResult;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.launcher.ops.OpsServer;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alertbridge replay --post-to} end to end on real parts: history recorded on the broker and processed by a
 * running production (processor, Slack sink, interactivity on the local workspace) → the launcher's replay posts
 * the same range, at 60× speed, into {@code #replay-review} → every replayed incident has exactly one message
 * there, edited in place to the state the replay's report gives, marked as a replay, and nothing lands anywhere
 * else → clicking Acknowledge on a replayed message (whose incident id, stripped of its namespace, equals a real
 * incident's) changes nothing in production, while the same click on production's message does.
 */
@ExtendWith(DevkitExtension.class)
class ReplayPostToIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String RULES =
            """
            rules:
              - kind: route
                id: ec2
                channel: "#alerts"
                groupBy: [resource]
                groupWait: 0s
            """;

    @Test
    void shouldPostTheReplayIntoTheReviewChannelOnlyAndLetItsButtonsActOnNothing(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        String prefix = DevkitExtension.unique("post-to") + ".";
        Topics topics = Topics.withPrefix(prefix);
        try (Admin admin = kafka.admin()) {
            // One partition: production numbers its incidents exactly as the replay does, so the ids collide.
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(1, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        LiveRuleBook book = new LiveRuleBook(RulesFile.load(rules), "#alerts");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Properties kafkaProps = new Properties();
        kafkaProps.put("bootstrap.servers", kafka.bootstrapServers());
        List<ChannelSpec> channels =
                new ArrayList<>(LocalSlackWorkspace.Config.defaults().channels());
        channels.add(ChannelSpec.publicChannel("replay-review"));

        try (LocalSlackWorkspace workspace = LocalSlackWorkspace.start(
                        LocalSlackWorkspace.Config.defaults().withChannels(channels));
                ProcessorApp processor = ProcessorApp.create(production(kafka, prefix, dir.resolve("state")), book);
                SlackSink sink = SlackSinkAssembler.of(SlackSinkConfig.defaults(workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .topicPrefix(prefix)
                                .groupId(prefix + "slack-sink")
                                .initialBackoff(Duration.ofMillis(50))
                                .maxBackoff(Duration.ofSeconds(1))
                                .build())
                        .routes(routeId -> book.get().route(routeId))
                        .startSink(
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                registry);
                Interactivity interactivity = Interactivity.start(
                        InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .topicPrefix(prefix)
                                .build(),
                        kafkaProps,
                        registry);
                OpsServer ops = OpsServer.start(0, registry)) {
            processor.start();
            ops.mount(interactivity.path(), interactivity.httpHandler().orElseThrow());
            workspace.setInteractivityUrl("http://localhost:" + ops.port() + interactivity.path());
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> processor.health().ready() && sink.isReady() && interactivity.isReady());

            Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
            recordHistory(kafka, topics.awsRaw(), t0);
            // Production: two incidents in #alerts, i-1's resolved.
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> incidentMessages(workspace, "#alerts").size() == 2
                            && incidentMessages(workspace, "#alerts").stream()
                                    .anyMatch(m -> m.text().contains("*RESOLVED*")));
            Awaitility.await().atMost(PATIENCE).until(() -> interactivity.viewSize() == 2);

            Path report = dir.resolve("report.json");
            CliRun replay = replay(dir, kafka, prefix, workspace, rules, report, t0);

            assertThat(replay.code).as(replay.err).isZero();
            assertThat(replay.out).contains("Posted to #replay-review");
            JsonNode json = Json.mapper().readTree(report.toFile());
            String run = json.path("posting").path("run").asText();
            Map<String, String> replayedStates = new HashMap<>();
            json.path("replayed")
                    .path("biggestIncidents")
                    .forEach(i -> replayedStates.put(
                            "replay-" + run + "-" + i.path("incidentId").asText(),
                            i.path("state").asText()));
            assertThat(replayedStates).hasSize(2).containsValues("RESOLVED", "OPEN");

            List<SlackMessage> review = incidentMessages(workspace, "#replay-review");
            assertThat(review)
                    .extracting(ReplayPostToIT::incidentId)
                    .containsExactlyInAnyOrderElementsOf(replayedStates.keySet());
            for (SlackMessage message : review) {
                String state = replayedStates.get(incidentId(message));
                assertThat(message.text()).as("final state").contains("*" + state + "*");
                assertThat(message.text()).startsWith(":repeat: *Replay*");
                assertThat(message.visibleText())
                        .contains("Replay of")
                        .contains("under rules.yaml")
                        .contains("routed to #alerts");
                assertThat(message.metadata()
                                .path("event_payload")
                                .path("replay_run")
                                .asText())
                        .isEqualTo(run);
                if (state.equals("RESOLVED")) {
                    assertThat(message.isEdited())
                            .as("firing, then edited in place to resolved")
                            .isTrue();
                }
            }
            assertThat(json.path("posting").path("messages").asLong()).isEqualTo(2);
            assertThat(json.path("posting").path("edited").asLong()).isPositive();
            assertThat(incidentMessages(workspace, "#alerts"))
                    .as("production's channel holds production's two messages only")
                    .hasSize(2)
                    .allSatisfy(m -> assertThat(incidentId(m)).startsWith("INC-"));
            assertThat(workspace.messages("#payments-alerts")).isEmpty();

            SlackMessage replayedOpen = review.stream()
                    .filter(m -> replayedStates.get(incidentId(m)).equals("OPEN"))
                    .findFirst()
                    .orElseThrow();
            SlackMessage productionOpen = incidentMessages(workspace, "#alerts").stream()
                    .filter(m -> m.text().contains("*OPEN*"))
                    .findFirst()
                    .orElseThrow();
            assertThat(incidentId(replayedOpen))
                    .as("stripped of its namespace, the replayed id is a real incident's id")
                    .isEqualTo("replay-" + run + "-" + incidentId(productionOpen));

            InteractionResult replayClick =
                    workspace.clickButton("#replay-review", replayedOpen.ts(), "alertbridge_acknowledge", "alice");
            assertThat(replayClick.delivered()).as(replayClick.toString()).isTrue();
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> workspace.ephemeralMessages("#replay-review", "alice").stream()
                            .anyMatch(m -> m.text().contains("replayed incident")));
            InteractionResult productionClick =
                    workspace.clickButton("#alerts", productionOpen.ts(), "alertbridge_acknowledge", "bob");
            assertThat(productionClick.delivered()).isTrue();
            String bob = workspace.user("bob").orElseThrow().id();
            Awaitility.await().atMost(PATIENCE).until(() -> workspace
                    .message("#alerts", productionOpen.ts())
                    .orElseThrow()
                    .visibleText()
                    .contains("Acknowledged by <@" + bob + ">"));

            List<UserAction> actions = read(kafka, topics.actions());
            assertThat(actions).extracting(UserAction::userId).containsExactly(bob);
            assertThat(actions).allSatisfy(a -> assertThat(a.incidentId()).isEqualTo(incidentId(productionOpen)));
            assertThat(workspace
                            .message("#alerts", productionOpen.ts())
                            .orElseThrow()
                            .visibleText())
                    .doesNotContain(workspace.user("alice").orElseThrow().id());
            assertNothingOfProductionsSinkStateWasTouched(kafka, prefix, run);
        }
    }

    private static void assertNothingOfProductionsSinkStateWasTouched(EmbeddedKafka kafka, String prefix, String run)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get())
                    .filteredOn(name -> name.startsWith(prefix))
                    .noneMatch(name -> name.contains("replay"));
            assertThat(admin.listGroups().all().get())
                    .extracting(GroupListing::groupId)
                    .noneMatch(group -> group.contains("replay") || group.contains(run));
        }
        List<String> refKeys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(kafka)) {
            TopicPartition refs = new TopicPartition(prefix + "slack.refs", 0);
            consumer.assign(List.of(refs));
            consumer.seekToBeginning(List.of(refs));
            long end = consumer.endOffsets(List.of(refs)).get(refs);
            while (consumer.position(refs) < end) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> refKeys.add(new String(r.key(), StandardCharsets.UTF_8)));
            }
        }
        assertThat(refKeys).isNotEmpty().noneMatch(key -> key.startsWith("replay-"));
    }

    private static CliRun replay(
            Path dir,
            EmbeddedKafka kafka,
            String prefix,
            LocalSlackWorkspace workspace,
            Path rules,
            Path report,
            Instant t0)
            throws Exception {
        Path config = Files.writeString(
                dir.resolve("alertbridge.yaml"),
                """
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                slack: {token: "%s", apiUrl: "%s"}
                """
                        .formatted(kafka.bootstrapServers(), prefix, workspace.botToken(), workspace.apiUrl()));
        return run(
                "replay",
                "--config",
                config.toString(),
                "--from",
                t0.minus(Duration.ofMinutes(1)).toString(),
                "--rules",
                rules.toString(),
                "--speed",
                "60",
                "--run-on",
                "2m",
                "--report",
                report.toString(),
                "--post-to",
                "#replay-review");
    }

    /** i-1 fires, i-2 fires a second later, i-1 resolves a minute after it fired. */
    private static void recordHistory(EmbeddedKafka kafka, TopicSpec<String, RawAwsMessage> raw, Instant t0)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, raw, CloudWatchAlarms.stateChange("cpu-i-1", "i-1", true, t0));
            send(producer, raw, CloudWatchAlarms.stateChange("cpu-i-2", "i-2", true, t0.plusSeconds(1)));
            send(producer, raw, CloudWatchAlarms.stateChange("cpu-i-1", "i-1", false, t0.plusSeconds(60)));
        }
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, TopicSpec<String, RawAwsMessage> raw, RawAwsMessage message)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        raw.name(),
                        null,
                        message.receivedAt().toEpochMilli(),
                        message.recordKey(),
                        raw.valueSerde().serializer().serialize(raw.name(), message)))
                .get();
    }

    private static ProcessorConfig production(EmbeddedKafka kafka, String prefix, Path stateDir) {
        return ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(prefix)
                .stateDir(stateDir.toString())
                .applicationId(prefix + "processor")
                .incidents(new IncidentsSlice(Duration.ofMillis(200), Duration.ofMillis(200), ThrottleSlice.defaults()))
                .build();
    }

    private static List<SlackMessage> incidentMessages(LocalSlackWorkspace workspace, String channel) {
        Predicate<SlackMessage> incident = m -> IncidentMessageRenderer.INCIDENT_EVENT_TYPE.equals(m.eventType());
        return workspace.messages(channel).stream()
                .filter(m -> !m.isReply())
                .filter(incident)
                .toList();
    }

    private static String incidentId(SlackMessage message) {
        return message.metadata().path("event_payload").path("incident_id").asText();
    }

    private static List<UserAction> read(EmbeddedKafka kafka, TopicSpec<String, UserAction> topic) {
        List<UserAction> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(kafka)) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
                }
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
