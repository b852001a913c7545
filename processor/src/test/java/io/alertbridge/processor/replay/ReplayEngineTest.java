package io.alertbridge.processor.replay;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.Hop;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay engine over a recorded storm, without a broker: the report does not depend on where the stores keep
 * their bytes, and the engine holds nothing of what the topology writes to its internal topics once drained.
 */
class ReplayEngineTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final Instant T0 = Instant.parse("2024-11-06T18:00:00Z");
    private static final List<String> INPUTS =
            List.of(TOPICS.awsRaw().name(), TOPICS.anomalyScores().name());
    private static final List<String> OUTPUTS = List.of(
            TOPICS.alerts().name(),
            TOPICS.incidents().name(),
            TOPICS.notifications().name(),
            TOPICS.deadLetters().name());
    private static final int INSTANCES = 12;

    @TempDir
    Path stateDir;

    @Test
    void shouldReportTheSameWhetherTheStoresAreOnTheHeapOrInRocksDb() throws Exception {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.of(routes(), "#alerts");
        List<HistoryRecord> history = storm();

        ReplayReport durable = replay(new AlertbridgeTopology(config, () -> rules), config, history);
        ReplayReport ephemeral = replay(AlertbridgeTopology.forReplay(config, () -> rules), config, history);

        assertThat(ephemeral.toJson(Integer.MAX_VALUE)).isEqualTo(durable.toJson(Integer.MAX_VALUE));
        assertThat(ephemeral.incidents()).isEqualTo(durable.incidents());
        assertThat(ephemeral.commandsByChannel()).isEqualTo(durable.commandsByChannel());
        // The comparison means something: dedupe dropped the redeliveries, incidents opened and resolved on
        // wall-clock timers, and Slack commands were throttled out.
        assertThat(durable.alerts())
                .as("every ALARM and OK once, the redelivered copies dropped")
                .isEqualTo(INSTANCES * 2 + INSTANCES * 2 + INSTANCES / 3);
        assertThat(durable.incidents()).hasSize(INSTANCES + INSTANCES / 3);
        assertThat(durable.incidents().values())
                .anySatisfy(incident -> assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED));
        assertThat(durable.commands("#team-a", NotificationCommand.Type.POST)).isPositive();
    }

    @Test
    void shouldWriteWhatPlayingEverySecondWritesWhileSkippingWhereNoTimerIsDue() throws Exception {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.of(timedRoutes(), "#alerts");
        List<HistoryRecord> history = sparseHistory();

        List<String> skipping = outputs(config, rules, history, false);
        List<String> everyStep = outputs(config, rules, history, true);

        assertThat(skipping).isEqualTo(everyStep);
        // The history exercises every timer: group waits, reminders and mentions, storm digests, resolves and closes,
        // at gaps from seconds to more than six hours.
        assertThat(skipping)
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"POST\""))
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"ESCALATION\""))
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"DIGEST\""))
                .anySatisfy(line -> assertThat(line).contains("\"state\":\"RESOLVED\""));
    }

    @Test
    void shouldWriteWhatTheRepartitionTopicsWriteWhenReKeyedRecordsGoStraightOn() throws Exception {
        ProcessorConfig config = Driver.config(stateDir);
        List<Rule> rules = new ArrayList<>(timedRoutes());
        // Team c's alarms on an instance hold back team b's on the same instance: the inhibition hop is taken too.
        rules.add(new InhibitRule(
                "c-over-b",
                List.of(Matcher.parse("alarm=~team-c-.*")),
                List.of(Matcher.parse("alarm=~team-b-.*")),
                List.of("resource")));
        RuleBook book = RuleBook.of(rules, "#alerts");
        List<HistoryRecord> history = new ArrayList<>(sparseHistory());
        history.add(record(CloudWatchAlarms.stateChange("team-b-m1-i3", "i-3", true, at(420))));
        history.add(record(CloudWatchAlarms.stateChange("team-b-m1-i3", "i-3", false, at(1_500))));
        history.sort(java.util.Comparator.comparingLong(HistoryRecord::timestamp));
        history.addAll(storm(50_000));
        AlertbridgeTopology replay = AlertbridgeTopology.forReplay(config, () -> book);

        List<String> inTask = outputs(config, replay, history, false);
        List<String> throughTopics = outputs(config, replay.withHop(Hop.THROUGH_TOPIC), history, false);

        assertThat(replay.hop()).isEqualTo(Hop.IN_TASK);
        assertThat(inTask).isEqualTo(throughTopics);
        assertThat(inTask)
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"POST\""))
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"DIGEST\""))
                .anySatisfy(line -> assertThat(line).contains("(rule c-over-b)"))
                .anySatisfy(line -> assertThat(line).contains("\"state\":\"RESOLVED\""));
    }

    @Test
    void shouldHoldNothingOfTheInternalTopicsOnceDrained() throws Exception {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.of(routes(), "#alerts");
        ReplayReport report = new ReplayReport(TOPICS);

        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                ReplayEngine engine = new ReplayEngine(
                        AlertbridgeTopology.forReplay(config, () -> rules).build(),
                        StreamsProperties.from(config, memory),
                        INPUTS,
                        OUTPUTS,
                        T0)) {
            storm().forEach(engine::pipe);
            assertThat(engine.unreadRecords())
                    .as("changelogs and repartition topics pile up in the driver until read")
                    .isGreaterThan(storm().size());

            engine.drainOutputs((topic, record) -> report.record(topic, record.value()));

            assertThat(engine.unreadRecords()).isZero();
        }
        assertThat(report.alerts()).isPositive();
    }

    private static ReplayReport replay(
            AlertbridgeTopology topology, ProcessorConfig config, List<HistoryRecord> history) throws Exception {
        ReplayReport report = new ReplayReport(TOPICS);
        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                ReplayEngine engine = new ReplayEngine(
                        topology.build(), StreamsProperties.from(config, memory), INPUTS, OUTPUTS, T0)) {
            history.forEach(engine::pipe);
            engine.runOn(Duration.ofMinutes(45));
            engine.drainOutputs((topic, record) -> report.record(topic, record.value()));
        }
        return report;
    }

    /** Every output record, in order: topic, wall-clock timestamp and value. */
    private static List<String> outputs(
            ProcessorConfig config, RuleBook rules, List<HistoryRecord> history, boolean everyStep) throws Exception {
        return outputs(config, AlertbridgeTopology.forReplay(config, () -> rules), history, everyStep);
    }

    private static List<String> outputs(
            ProcessorConfig config, AlertbridgeTopology topology, List<HistoryRecord> history, boolean everyStep)
            throws Exception {
        List<String> lines = new ArrayList<>();
        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                ReplayEngine engine = new ReplayEngine(
                        topology.build(), StreamsProperties.from(config, memory), INPUTS, OUTPUTS, T0)) {
            if (everyStep) {
                engine.playEveryStep();
            }
            for (HistoryRecord record : history) {
                engine.pipe(record);
                engine.drainOutputs((topic, out) -> lines.add(line(topic, out)));
            }
            engine.runOn(Duration.ofHours(2));
            engine.drainOutputs((topic, out) -> lines.add(line(topic, out)));
        }
        return lines;
    }

    private static String line(String topic, TestRecord<byte[], byte[]> record) {
        return topic + " " + record.timestamp() + " "
                + (record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8));
    }

    /**
     * Alarms at gaps from seconds to hours: a team-a alarm nobody acknowledges (reminded, then mentioned), a team-b
     * storm of twelve instances in half a minute (a digest), recoveries minutes later, a quiet night of more than six
     * hours, and alarms again.
     */
    private static List<HistoryRecord> sparseHistory() {
        List<HistoryRecord> history = new ArrayList<>();
        history.add(record(CloudWatchAlarms.stateChange("team-a-m0-i0", "i-0", true, at(0))));
        history.add(record(CloudWatchAlarms.stateChange("team-a-m1-i0", "i-0", true, at(7))));
        for (int i = 0; i < 12; i++) {
            history.add(record(CloudWatchAlarms.stateChange("team-b-m0-i" + i, "i-" + i, true, at(95 + 2L * i))));
        }
        history.add(record(CloudWatchAlarms.stateChange("team-c-m0-i3", "i-3", true, at(400))));
        for (int i = 0; i < 12; i++) {
            history.add(record(CloudWatchAlarms.stateChange("team-b-m0-i" + i, "i-" + i, false, at(1_300 + 5L * i))));
        }
        history.add(record(CloudWatchAlarms.stateChange("team-c-m0-i3", "i-3", false, at(3_000))));
        history.add(record(CloudWatchAlarms.stateChange("team-a-m0-i0", "i-0", false, at(9_000))));
        history.add(record(CloudWatchAlarms.stateChange("team-a-m1-i0", "i-0", false, at(9_061))));
        history.add(record(CloudWatchAlarms.stateChange("team-c-m0-i3", "i-3", true, at(40_000))));
        history.add(record(CloudWatchAlarms.stateChange("team-a-m0-i0", "i-0", true, at(40_003))));
        return history;
    }

    /** Team a escalates (reminder after 5 minutes, mention after 15), team b is stormed at 3 new incidents a minute. */
    private static List<Rule> timedRoutes() {
        List<Rule> routes = new ArrayList<>();
        for (String team : List.of("a", "b", "c")) {
            routes.add(new RouteRule(
                    "team-" + team,
                    10,
                    List.of(Matcher.parse("alarm=~team-" + team + "-.*")),
                    "#team-" + team,
                    List.of("resource"),
                    null,
                    null,
                    null,
                    team.equals("a")
                            ? new RouteRule.Escalation(Duration.ofMinutes(5), Duration.ofMinutes(15), "<!here>")
                            : null,
                    team.equals("b") ? new RouteRule.StormLimit(3) : null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return routes;
    }

    /**
     * Two alarms per instance fire within a minute, each delivered twice (an SQS redelivery); ten minutes later the
     * instances recover; two hours later a third of them fire again.
     */
    private static List<HistoryRecord> storm() {
        return storm(0);
    }

    /** {@link #storm()}, starting {@code start} seconds after {@link #T0}. */
    private static List<HistoryRecord> storm(long start) {
        List<HistoryRecord> history = new ArrayList<>();
        for (int i = 0; i < INSTANCES * 2; i++) {
            int instance = i % INSTANCES;
            RawAwsMessage alarm = CloudWatchAlarms.stateChange(
                    alarmName(instance, i / INSTANCES), "i-" + instance, true, at(start + i * 2));
            history.add(record(alarm));
            history.add(record(alarm));
        }
        for (int i = 0; i < INSTANCES * 2; i++) {
            int instance = i % INSTANCES;
            history.add(record(CloudWatchAlarms.stateChange(
                    alarmName(instance, i / INSTANCES), "i-" + instance, false, at(start + 600 + i))));
        }
        for (int instance = 0; instance < INSTANCES; instance += 3) {
            history.add(record(CloudWatchAlarms.stateChange(
                    alarmName(instance, 0), "i-" + instance, true, at(start + 7_200 + instance))));
        }
        return history;
    }

    private static String alarmName(int instance, int metric) {
        return "team-" + "abc".charAt(instance % 3) + "-m" + metric + "-i" + instance;
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static HistoryRecord record(RawAwsMessage message) {
        TopicSpec<String, RawAwsMessage> raw = TOPICS.awsRaw();
        return new HistoryRecord(
                raw.name(),
                raw.keySerde().serializer().serialize(raw.name(), message.recordKey()),
                raw.valueSerde().serializer().serialize(raw.name(), message),
                message.receivedAt().toEpochMilli());
    }

    private static List<Rule> routes() {
        List<Rule> routes = new ArrayList<>();
        for (String team : List.of("a", "b", "c")) {
            routes.add(new RouteRule(
                    "team-" + team,
                    10,
                    List.of(Matcher.parse("alarm=~team-" + team + "-.*")),
                    "#team-" + team,
                    List.of("resource"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return routes;
    }
}
