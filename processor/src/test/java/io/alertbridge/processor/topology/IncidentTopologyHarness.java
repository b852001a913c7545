package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole processor topology ({@link AlertbridgeTopology} following the rules topic) in a TopologyTestDriver under
 * the processor's real Streams properties: raw AWS messages and anomaly scores in, people's actions and rules
 * alongside; incidents and Slack commands out. The wall clock moves in tick-sized steps, so punctuators run as they
 * would, and outputs are collected as they appear: every output topic (alerts, incidents, notifications, dead
 * letters), so a test can take what it expects and then assert that nothing else came out
 * ({@link #assertNothingElseEmitted}).
 */
final class IncidentTopologyHarness implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    final LiveRuleBook rules;
    final List<NotificationCommand> commands = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    private final List<TestRecord<String, NotificationCommand>> commandRecords = new ArrayList<>();
    private final List<TestRecord<String, Incident>> incidentRecords = new ArrayList<>();
    private final List<AlertEvent> alerts = new ArrayList<>();
    private final List<TestRecord<String, IncidentTransition>> historyRecords = new ArrayList<>();
    private final List<Driver.Letter> deadLetters = new ArrayList<>();
    private final Topics topics;
    private final String applicationId;
    private final Driver driver;
    private final TestInputTopic<String, RawAwsMessage> raw;
    private final TestInputTopic<String, AnomalyScore> scores;
    private final TestInputTopic<String, UserAction> actions;
    private final TestInputTopic<String, byte[]> ruleTopic;
    private final TestInputTopic<String, HeartbeatBeat> heartbeatTopic;
    private final TestOutputTopic<String, NotificationCommand> notificationsOut;
    private final TestOutputTopic<String, Incident> incidentsOut;
    private final TestOutputTopic<String, IncidentTransition> historyOut;
    private final TestOutputTopic<String, AlertEvent> alertsOut;
    private final TestOutputTopic<byte[], byte[]> deadLettersOut;
    private Instant now;

    IncidentTopologyHarness(List<Rule> seed, Path stateDir, Instant start) {
        this(seed, stateDir, start, StreamsSlice.Hops.TOPICS);
    }

    /** The same with the topology's re-keyed records taking {@code hops} ({@code streams.hops}). */
    IncidentTopologyHarness(List<Rule> seed, Path stateDir, Instant start, StreamsSlice.Hops hops) {
        ProcessorConfig base = Driver.config(stateDir);
        ProcessorConfig config = base.toBuilder()
                .streams(base.streams().toBuilder().hops(hops).build())
                .build();
        this.topics = config.topicCatalog();
        this.applicationId = config.streams().applicationId();
        this.rules = new LiveRuleBook(seed, config.rules().defaultChannel());
        this.now = start;
        this.driver = Driver.of(new AlertbridgeTopology(config, rules).build(), config, start);
        this.raw = driver.input(topics.awsRaw());
        this.scores = driver.input(topics.anomalyScores());
        this.actions = driver.input(topics.actions());
        this.ruleTopic = driver.bytesInput(topics.rules().name());
        this.heartbeatTopic = driver.input(topics.heartbeats());
        this.notificationsOut = driver.output(topics.notifications());
        this.incidentsOut = driver.output(topics.incidents());
        this.historyOut = driver.output(topics.incidentHistory());
        this.alertsOut = driver.output(topics.alerts());
        this.deadLettersOut = driver.output(topics.deadLetters());
    }

    Instant now() {
        return now;
    }

    /** A CloudWatch alarm on an EC2 instance entering ALARM (true) or OK (false) now, through SNS and SQS. */
    void alarm(String alarmName, String instanceId, boolean firing) {
        deliver(CloudWatchAlarms.stateChange(alarmName, instanceId, firing, now));
    }

    /** A raw message (a real sample, or an alarm that happened earlier) as the SQS bridge records it now. */
    void deliver(RawAwsMessage message) {
        raw.pipeInput(message.recordKey(), message, now);
        collect();
    }

    /** An anomaly score from the {@code numenta} detector for an entity's CPU, observed now. */
    void score(String entity, double score) {
        String series = "ec2-cpu-" + entity;
        scores.pipeInput(
                series, new AnomalyScore("numenta", series, entity, "CPUUtilization", now, score, 50.0, Map.of()), now);
        collect();
    }

    /** Any anomaly score, produced to Kafka keyed by its series, now. */
    void score(AnomalyScore score) {
        scores.pipeInput(score.series(), score, now);
        collect();
    }

    /** Pipes a person's action, stamped with its {@code at}. */
    void action(UserAction action) {
        actions.pipeInput(action.groupKey(), action, action.at());
        collect();
    }

    /** A heartbeat's ping, as the ops server records it now on {@code alertbridge.heartbeats}. */
    void ping(String heartbeat) {
        heartbeatTopic.pipeInput(heartbeat, new HeartbeatBeat(heartbeat, now, "ping", null), now);
        collect();
    }

    /** Writes a rule (as JSON) to the rules topic. */
    void rule(String id, Object rule) {
        try {
            ruleBytes(id, Json.mapper().writeValueAsBytes(rule));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes to the rules topic (a bad rule). */
    void ruleBytes(String id, byte[] bytes) {
        ruleTopic.pipeInput(id, bytes, now);
        collect();
    }

    /** Moves the wall clock forward in ticks, letting every punctuator run. */
    void advance(Duration duration) {
        advanceTo(now.plus(duration));
    }

    /**
     * Moves the wall clock on in one step, as after a pause (a long collection, a stalled thread): the punctuators
     * run once, at the end, and must catch up on everything that fell due meanwhile.
     */
    void pause(Duration duration) {
        driver.driver().advanceWallClockTime(duration);
        now = now.plus(duration);
        collect();
    }

    /** Moves the wall clock to {@code target} in ticks. */
    void advanceTo(Instant target) {
        while (now.isBefore(target)) {
            Duration step = Duration.between(now, target);
            if (step.compareTo(TICK) > 0) {
                step = TICK;
            }
            driver.driver().advanceWallClockTime(step);
            now = now.plus(step);
            collect();
        }
    }

    /** Commands that appeared since the last call. */
    List<NotificationCommand> drainCommands() {
        List<NotificationCommand> out = List.copyOf(commands);
        commands.clear();
        commandRecords.clear();
        return out;
    }

    /** The records of {@code alertbridge.notifications} (key and value) that appeared since the last drain. */
    List<TestRecord<String, NotificationCommand>> drainCommandRecords() {
        List<TestRecord<String, NotificationCommand>> out = List.copyOf(commandRecords);
        drainCommands();
        return out;
    }

    /** Incident snapshots that appeared since the last drain. */
    List<Incident> drainIncidents() {
        List<Incident> out = List.copyOf(incidents);
        incidents.clear();
        incidentRecords.clear();
        return out;
    }

    /** The records of {@code alertbridge.incidents} (key and value) that appeared since the last drain. */
    List<TestRecord<String, Incident>> drainIncidentRecords() {
        List<TestRecord<String, Incident>> out = List.copyOf(incidentRecords);
        drainIncidents();
        return out;
    }

    /**
     * The records of {@code alertbridge.incident.history} that appeared since the last drain. Only the tests about
     * the history read it; {@link #assertNothingElseEmitted} does not require it drained (every change writes there).
     */
    List<TestRecord<String, IncidentTransition>> drainHistoryRecords() {
        collect();
        List<TestRecord<String, IncidentTransition>> out = List.copyOf(historyRecords);
        historyRecords.clear();
        return out;
    }

    /** Deduplicated alerts ({@code alertbridge.alerts}) that appeared since the last drain. */
    List<AlertEvent> drainAlerts() {
        List<AlertEvent> out = List.copyOf(alerts);
        alerts.clear();
        return out;
    }

    /** Dead letters that appeared since the last drain. */
    List<Driver.Letter> drainDeadLetters() {
        List<Driver.Letter> out = List.copyOf(deadLetters);
        deadLetters.clear();
        return out;
    }

    /**
     * Asserts that the topology emitted nothing the test did not drain, on any output topic, and wrote to no topic
     * other than its outputs and its own internal ones (repartition and changelog topics).
     */
    void assertNothingElseEmitted() {
        collect();
        assertThat(alerts).as(topics.alerts().name()).isEmpty();
        assertThat(incidents).as(topics.incidents().name()).isEmpty();
        assertThat(commands).as(topics.notifications().name()).isEmpty();
        assertThat(deadLetters).as(topics.deadLetters().name()).isEmpty();
        Set<String> outputs = Set.of(
                topics.alerts().name(),
                topics.incidents().name(),
                topics.incidentHistory().name(),
                topics.notifications().name(),
                topics.deadLetters().name());
        assertThat(driver.driver().producedTopicNames())
                .allSatisfy(topic -> assertThat(outputs.contains(topic) || topic.startsWith(applicationId + "-"))
                        .as("%s is an output or internal topic", topic)
                        .isTrue());
    }

    /** A key-value store of the topology, by its name ({@code StateStores}). */
    <V> KeyValueStore<String, V> store(String name) {
        return driver.driver().getKeyValueStore(name);
    }

    /** Names of every topic the topology wrote to so far. */
    Set<String> producedTopicNames() {
        return driver.driver().producedTopicNames();
    }

    /** The latest state of the incident of that id. */
    Incident latest(String incidentId) {
        return incidents.stream()
                .filter(i -> i.incidentId().equals(incidentId))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    /** The latest incident update of all. */
    Incident last() {
        return incidents.get(incidents.size() - 1);
    }

    /** True when neither output topic holds anything unread. */
    boolean outputIsEmpty() {
        return notificationsOut.isEmpty() && incidentsOut.isEmpty();
    }

    private void collect() {
        for (TestRecord<String, NotificationCommand> record : notificationsOut.readRecordsToList()) {
            commandRecords.add(record);
            commands.add(record.value());
        }
        for (TestRecord<String, Incident> record : incidentsOut.readRecordsToList()) {
            incidentRecords.add(record);
            incidents.add(record.value());
        }
        alerts.addAll(alertsOut.readValuesToList());
        historyRecords.addAll(historyOut.readRecordsToList());
        for (TestRecord<byte[], byte[]> letter : deadLettersOut.readRecordsToList()) {
            deadLetters.add(new Driver.Letter(letter, DeadLetter.readFrom(letter.headers())));
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
