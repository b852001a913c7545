package io.alertbridge.processor.replay;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.StreamsItSupport;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code replay --rebuild} on the shared in-process broker, beside a running processor: the rebuilt state follows the
 * new rules on the records' own time (the same incidents the in-memory replay finds), production's group, topics and
 * incidents are left alone, a rebuild resumes where it stopped, and a processor switched to the rebuilt application
 * id carries on from the rebuilt incidents.
 *
 * <p>History: on instance i-1, alarms CpuHigh and DiskFull fire one minute apart and clear ten minutes later; two
 * hours on, CpuHigh fires again. Old rules group by fingerprint (one incident per alarm); new rules group by resource
 * (the two alarms share one incident), with a 30-minute window, so the later CpuHigh opens a second incident.
 *
 * <p>A rebuild also paces a channel's posts on the records' own time: incidents that open together and wait for their
 * channel's post slot are posted one post spacing apart from the end of their group wait, not when the next record
 * of a sparse history happens to arrive.
 */
@ExtendWith(DevkitExtension.class)
class RebuildIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(4));

    @TempDir
    Path stateDir;

    /**
     * On two partitions the rebuild goes through repartition topics; on one its {@code auto} hands records on in the
     * task (window-end markers, one commit per window) while the processor, whose {@code auto} keeps the topics, then
     * switches to the rebuilt state and carries on: the stores and changelogs are the same either way.
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 1})
    void shouldRebuildUnderNewRulesBesideTheProcessorAndSwitchExplicitly(int partitions, EmbeddedKafka kafka)
            throws Exception {
        Topics topics = createTopics(kafka, partitions);
        ProcessorConfig config = config(kafka, topics);
        produceHistory(kafka, topics);

        try (ProcessorApp production = ProcessorApp.create(config, () -> rules("fingerprint"))) {
            production.start();
            Awaitility.await().atMost(PATIENCE).until(() -> production.health().ready());
            long productionIncidents = awaitStable(kafka, topics.incidents());
            Map<TopicPartition, OffsetAndMetadata> productionOffsets = groupOffsets(kafka, config);

            assertThatThrownBy(
                            () -> Rebuild.run(config, options(config.streams().applicationId(), false), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("processor's own application id");

            String id = Rebuild.defaultApplicationId(config, Instant.now());
            Rebuild.Outcome rebuilt = Rebuild.run(config, options(id, false), null);

            assertThat(rebuilt.records()).as("five alarm state changes").isEqualTo(5);
            assertThat(memberSets(rebuilt.report().incidents().values()))
                    .as("grouped by resource and judged on the records' time: the same as the in-memory replay")
                    .containsExactlyInAnyOrder(Set.of("CpuHigh", "DiskFull"), Set.of("CpuHigh"))
                    .isEqualTo(memberSets(
                            inMemoryReplay(config).replayed().incidents().values()));
            assertThat(count(kafka, topics.incidents()))
                    .as("nothing written to production's topics")
                    .isEqualTo(productionIncidents);
            assertThat(groupOffsets(kafka, config))
                    .as("production's group untouched")
                    .isEqualTo(productionOffsets);
            try (Admin admin = kafka.admin()) {
                assertThat(admin.listTopics().names().get())
                        .as("the rebuild's copy of the history is deleted; its outputs stay")
                        .doesNotContain(rebuilt.outputs().awsRaw().name())
                        .contains(rebuilt.outputs().incidents().name());
            }
            assertThat(production.health().ready()).isTrue();
            assertThat(rebuilt.report().incidents().keySet())
                    .as("rebuilt incident ids never equal live ones")
                    .doesNotContainAnyElementsOf(incidentIds(kafka, topics.incidents()));

            assertThatThrownBy(() -> Rebuild.run(config, options(id, false), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--resume");

            produceAlarm(kafka, topics, "DiskFull", true, Instant.now().minusSeconds(30));
            Rebuild.Outcome resumed = Rebuild.run(config, options(id, true), null);
            assertThat(resumed.records())
                    .as("only what arrived since the rebuild")
                    .isEqualTo(1);

            production.close(ProcessorApp.CLOSE_TIMEOUT);
            switchAndContinue(kafka, config, topics, id, openIncident(resumed.report()));
        }
    }

    /**
     * On one partition, with {@code streams.hops} left at {@code auto}, the rebuild hands records on in the task
     * ({@link Rebuild#hopsFor}): its topology has no repartition topics, so a window is drained once its input offsets
     * are committed (each window's end marker asks for that commit). The rebuild finishes, with the incidents of the
     * in-memory replay, and never creates a repartition topic.
     */
    @Test
    void shouldRebuildOnOnePartitionWithItsStagesHandingRecordsOnInTheTask(EmbeddedKafka kafka) throws Exception {
        Topics topics = createTopics(kafka, 1);
        ProcessorConfig config = config(kafka, topics);
        assertThat(config.streams().hops()).isEqualTo(StreamsSlice.Hops.AUTO);
        produceHistory(kafka, topics);

        String id = Rebuild.defaultApplicationId(config, Instant.now());
        Rebuild.Outcome rebuilt = Rebuild.run(config, options(id, false), null);

        assertThat(rebuilt.records()).as("five alarm state changes").isEqualTo(5);
        assertThat(memberSets(rebuilt.report().incidents().values()))
                .containsExactlyInAnyOrder(Set.of("CpuHigh", "DiskFull"), Set.of("CpuHigh"))
                .isEqualTo(
                        memberSets(inMemoryReplay(config).replayed().incidents().values()));
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get())
                    .as("no repartition topic for the rebuild's application id")
                    .noneMatch(name -> name.startsWith(id + "-") && name.endsWith("-repartition"));
            // Its own input topics, where the feed wrote each window's end marker, are deleted when it finishes.
            assertThat(endOffset(admin, rebuilt.outputs().deadLetters().name()))
                    .as("a window's end marker is not an unreadable message")
                    .isZero();
        }
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition)
                .get()
                .offset();
    }

    /**
     * At T, an alarm on each of five instances opens five incidents routed to one channel (group wait 30 s, the default
     * post spacing of 1 s); the next record is an hour later.
     */
    @Test
    void shouldPostIncidentsWaitingForTheirChannelOneSpacingApartOnTheRecordsTime(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = createTopics(kafka);
        ProcessorConfig config = config(kafka, topics);
        for (int i = 0; i < 5; i++) {
            produceAlarm(kafka, topics, "CpuHigh-i-" + i, "i-" + i, true, T0);
        }
        produceAlarm(kafka, topics, "CpuHigh-i-0", "i-0", false, T0.plus(Duration.ofHours(1)));

        String id = Rebuild.defaultApplicationId(config, Instant.now());
        Rebuild.Outcome rebuilt = Rebuild.run(
                config,
                new Rebuild.Options(
                        id, T0.minusSeconds(60), rules("resource", GROUP_WAIT), false, PATIENCE, Duration.ofMinutes(5)),
                null);

        List<Instant> posts = read(kafka, rebuilt.outputs().notifications()).stream()
                .filter(command -> command.type() == NotificationCommand.Type.POST)
                .map(NotificationCommand::createdAt)
                .sorted()
                .toList();
        Instant waitEnds = T0.plus(GROUP_WAIT);
        assertThat(posts)
                .as("one post a second from the end of the group wait, long before the next record at T0 + 1 h")
                .containsExactly(
                        waitEnds,
                        waitEnds.plusSeconds(1),
                        waitEnds.plusSeconds(2),
                        waitEnds.plusSeconds(3),
                        waitEnds.plusSeconds(4));
    }

    /** Runs the processor under the rebuilt id, on production's topics: a new alarm joins the rebuilt incident. */
    private void switchAndContinue(
            EmbeddedKafka kafka, ProcessorConfig config, Topics topics, String id, Incident rebuiltOpen)
            throws Exception {
        ProcessorConfig switched = config.toBuilder().applicationId(id).build();
        try (ProcessorApp processor = ProcessorApp.create(switched, () -> rules("resource"))) {
            processor.start();
            produceAlarm(kafka, topics, "MemoryHigh", true, Instant.now());
            Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertThat(latestIncidents(kafka, topics))
                    .as("the live alarm joins the incident the rebuild left open")
                    .hasEntrySatisfying(rebuiltOpen.incidentId(), incident -> assertThat(names(incident))
                            .containsExactlyInAnyOrder("CpuHigh", "DiskFull", "MemoryHigh")));
        }
    }

    private Rebuild.Options options(String id, boolean resume) {
        return new Rebuild.Options(id, T0.minusSeconds(60), rules("resource"), resume, PATIENCE, Duration.ofMinutes(5));
    }

    private Replay.Outcome inMemoryReplay(ProcessorConfig config) throws Exception {
        return Replay.run(
                config,
                config.kafka().clientProperties(),
                new Replay.Options(T0.minusSeconds(60), Instant.now(), rules("resource"), 0, Duration.ZERO),
                null);
    }

    private static RuleBook rules(String groupBy) {
        return rules(groupBy, Duration.ZERO);
    }

    private static RuleBook rules(String groupBy, Duration groupWait) {
        return RuleBook.of(
                List.of(new RouteRule(
                        "ec2",
                        1,
                        List.of(Matcher.parse("source=cloudwatch")),
                        "#ops",
                        List.of(groupBy),
                        Duration.ofMinutes(30),
                        groupWait,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)),
                "#alerts");
    }

    private static Incident openIncident(ReplayReport report) {
        List<Incident> open = report.incidents().values().stream()
                .filter(incident -> incident.state() != IncidentState.RESOLVED)
                .toList();
        assertThat(open).as("the second CpuHigh episode, joined by DiskFull").hasSize(1);
        return open.get(0);
    }

    private static List<Set<String>> memberSets(Collection<Incident> incidents) {
        return incidents.stream()
                .map(RebuildIT::names)
                .sorted(java.util.Comparator.comparing(Set::toString))
                .toList();
    }

    private static Set<String> names(Incident incident) {
        return incident.members().stream()
                .map(IncidentMember::title)
                .map(title -> title.replaceAll(".*?(CpuHigh|DiskFull|MemoryHigh).*", "$1"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void produceHistory(EmbeddedKafka kafka, Topics topics) throws Exception {
        produceAlarm(kafka, topics, "CpuHigh", true, T0);
        produceAlarm(kafka, topics, "DiskFull", true, T0.plus(Duration.ofMinutes(1)));
        produceAlarm(kafka, topics, "CpuHigh", false, T0.plus(Duration.ofMinutes(10)));
        produceAlarm(kafka, topics, "DiskFull", false, T0.plus(Duration.ofMinutes(11)));
        produceAlarm(kafka, topics, "CpuHigh", true, T0.plus(Duration.ofHours(2)));
    }

    private static void produceAlarm(EmbeddedKafka kafka, Topics topics, String alarm, boolean firing, Instant at)
            throws Exception {
        produceAlarm(kafka, topics, alarm, "i-1", firing, at);
    }

    private static void produceAlarm(
            EmbeddedKafka kafka, Topics topics, String alarm, String instance, boolean firing, Instant at)
            throws Exception {
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        RawAwsMessage message = CloudWatchAlarms.stateChange(alarm, instance, firing, at);
        try (KafkaProducer<String, RawAwsMessage> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                raw.keySerde().serializer(),
                raw.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(raw.name(), null, at.toEpochMilli(), message.recordKey(), message))
                    .get();
        }
    }

    private static Topics createTopics(EmbeddedKafka kafka) throws Exception {
        // Two partitions: the alarms' records land in both, and only the rebuild's feeding in order windows keeps
        // one partition's task from running hours ahead of the other's.
        return createTopics(kafka, 2);
    }

    private static Topics createTopics(EmbeddedKafka kafka, int partitions) throws Exception {
        return StreamsItSupport.createTopics(kafka, "rebuild", partitions);
    }

    private ProcessorConfig config(EmbeddedKafka kafka, Topics topics) {
        return StreamsItSupport.config(kafka, topics, stateDir);
    }

    private static Map<TopicPartition, OffsetAndMetadata> groupOffsets(EmbeddedKafka kafka, ProcessorConfig config)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listConsumerGroupOffsets(config.streams().applicationId())
                    .partitionsToOffsetAndMetadata()
                    .get();
        }
    }

    /** Waits until the topic stops growing (the processor has handled the history) and returns its size. */
    private static long awaitStable(EmbeddedKafka kafka, TopicSpec<String, Incident> topic) {
        long[] last = {-1};
        return Awaitility.await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            long now = count(kafka, topic);
                            boolean stable = now > 0 && now == last[0];
                            last[0] = now;
                            return stable ? now : -1L;
                        },
                        n -> n > 0);
    }

    private static long count(EmbeddedKafka kafka, TopicSpec<String, Incident> topic) {
        return read(kafka, topic).size();
    }

    private static Set<String> incidentIds(EmbeddedKafka kafka, TopicSpec<String, Incident> topic) {
        return read(kafka, topic).stream().map(Incident::incidentId).collect(Collectors.toSet());
    }

    private static Map<String, Incident> latestIncidents(EmbeddedKafka kafka, Topics topics) {
        Map<String, Incident> latest = new java.util.HashMap<>();
        read(kafka, topics.incidents()).forEach(incident -> latest.put(incident.incidentId(), incident));
        return latest;
    }

    private static <V> List<V> read(EmbeddedKafka kafka, TopicSpec<String, V> topic) {
        List<V> out = new java.util.ArrayList<>();
        try (HistoryReader reader = new HistoryReader(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), List.of(topic.name()), null, null)) {
            reader.forEach(
                    record -> out.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value())));
        }
        return out;
    }
}
