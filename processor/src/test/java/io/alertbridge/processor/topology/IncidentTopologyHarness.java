package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.IncidentConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The incident stages over {@code alertbridge.alerts}, {@code alertbridge.actions} and {@code alertbridge.rules} in a
 * {@link TopologyTestDriver}, with a wall clock that moves in tick-sized steps (so punctuators run as they would) and
 * outputs collected as they appear.
 */
final class IncidentTopologyHarness implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    final Topics topics = Topics.defaults();
    final LiveRuleBook rules;
    final TopologyTestDriver driver;
    final List<NotificationCommand> commands = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    private final TestInputTopic<String, AlertEvent> alerts;
    private final TestInputTopic<String, UserAction> actions;
    private final TestInputTopic<String, byte[]> ruleTopic;
    private final TestOutputTopic<String, NotificationCommand> notificationsOut;
    private final TestOutputTopic<String, Incident> incidentsOut;
    private final Path stateDir;
    private Instant now;

    IncidentTopologyHarness(List<Rule> seed, IncidentConfig config, Instant start) {
        this.rules = new LiveRuleBook(seed, "#alerts");
        this.now = start;
        try {
            this.stateDir = Files.createTempDirectory("incident-topology");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.driver = new TopologyTestDriver(topology(topics, rules, config), properties(stateDir), start);
        TopicSpec<String, AlertEvent> alertTopic = topics.alerts();
        this.alerts = driver.createInputTopic(
                alertTopic.name(),
                new StringSerializer(),
                alertTopic.valueSerde().serializer());
        this.actions = driver.createInputTopic(
                topics.actions().name(),
                new StringSerializer(),
                topics.actions().valueSerde().serializer());
        this.ruleTopic =
                driver.createInputTopic(topics.rules().name(), new StringSerializer(), new ByteArraySerializer());
        this.notificationsOut = driver.createOutputTopic(
                topics.notifications().name(),
                topics.notifications().keySerde().deserializer(),
                topics.notifications().valueSerde().deserializer());
        this.incidentsOut = driver.createOutputTopic(
                topics.incidents().name(),
                topics.incidents().keySerde().deserializer(),
                topics.incidents().valueSerde().deserializer());
    }

    /** The topology under test: the rules global store plus the incident stages fed from the alerts topic. */
    static Topology topology(Topics topics, LiveRuleBook rules, IncidentConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        new RulesStage(topics).build(builder, rules);
        TopicSpec<String, AlertEvent> alertTopic = topics.alerts();
        KStream<String, AlertEvent> alerts = builder.stream(
                alertTopic.name(),
                Consumed.with(alertTopic.keySerde(), alertTopic.valueSerde()).withName("alerts-source"));
        IncidentStages.build(builder, alerts, topics, config, rules);
        return builder.build();
    }

    static Properties properties(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "incident-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return props;
    }

    Instant now() {
        return now;
    }

    /** Pipes an alert, stamped with its {@code occurredAt}. */
    void alert(AlertEvent event) {
        alerts.pipeInput(event.fingerprint(), event, event.occurredAt());
        collect();
    }

    /** Pipes a person's action, stamped with its {@code at}. */
    void action(UserAction action) {
        actions.pipeInput(action.groupKey(), action, action.at());
        collect();
    }

    /** Writes a rule document (JSON) to the rules topic. */
    void rule(String id, Object rule) {
        try {
            ruleTopic.pipeInput(id, Json.mapper().writeValueAsBytes(rule), now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        collect();
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

    /** Moves the wall clock to {@code target} in ticks. */
    void advanceTo(Instant target) {
        while (now.isBefore(target)) {
            Duration step = Duration.between(now, target);
            if (step.compareTo(TICK) > 0) {
                step = TICK;
            }
            driver.advanceWallClockTime(step);
            now = now.plus(step);
            collect();
        }
    }

    /** Commands that appeared since the last call. */
    List<NotificationCommand> drainCommands() {
        List<NotificationCommand> out = List.copyOf(commands);
        commands.clear();
        return out;
    }

    /** True when neither output topic holds anything unread. */
    boolean outputIsEmpty() {
        return notificationsOut.isEmpty() && incidentsOut.isEmpty();
    }

    private void collect() {
        commands.addAll(notificationsOut.readValuesToList());
        incidents.addAll(incidentsOut.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
