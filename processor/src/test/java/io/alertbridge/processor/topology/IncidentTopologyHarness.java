package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole processor topology ({@link AlertbridgeTopology} following the rules topic) in a TopologyTestDriver under
 * the processor's real Streams properties: raw AWS messages and anomaly scores in, people's actions and rules
 * alongside; incidents and Slack commands out. The wall clock moves in tick-sized steps, so punctuators run as they
 * would, and outputs are collected as they appear.
 */
final class IncidentTopologyHarness implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    final LiveRuleBook rules;
    final List<NotificationCommand> commands = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    private final Driver driver;
    private final TestInputTopic<String, RawAwsMessage> raw;
    private final TestInputTopic<String, AnomalyScore> scores;
    private final TestInputTopic<String, UserAction> actions;
    private final TestInputTopic<String, byte[]> ruleTopic;
    private final TestOutputTopic<String, NotificationCommand> notificationsOut;
    private final TestOutputTopic<String, Incident> incidentsOut;
    private Instant now;

    IncidentTopologyHarness(List<Rule> seed, Path stateDir, Instant start) {
        ProcessorConfig config = Driver.config(stateDir);
        Topics topics = config.topicCatalog();
        this.rules = new LiveRuleBook(seed, config.rules().defaultChannel());
        this.now = start;
        this.driver = Driver.of(new AlertbridgeTopology(config, rules).build(), config, start);
        this.raw = driver.input(topics.awsRaw());
        this.scores = driver.input(topics.anomalyScores());
        this.actions = driver.input(topics.actions());
        this.ruleTopic = driver.bytesInput(topics.rules().name());
        this.notificationsOut = driver.output(topics.notifications());
        this.incidentsOut = driver.output(topics.incidents());
    }

    Instant now() {
        return now;
    }

    /** A CloudWatch alarm on an EC2 instance entering ALARM (true) or OK (false) now, through SNS and SQS. */
    void alarm(String alarmName, String instanceId, boolean firing) {
        RawAwsMessage message = CloudWatchAlarms.stateChange(alarmName, instanceId, firing, now);
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

    /** Pipes a person's action, stamped with its {@code at}. */
    void action(UserAction action) {
        actions.pipeInput(action.groupKey(), action, action.at());
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
        return out;
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
        commands.addAll(notificationsOut.readValuesToList());
        incidents.addAll(incidentsOut.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
    }
}
