package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class AlertbridgeTopologyTest {

    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path stateDir;

    private ProcessorConfig config;
    private Driver driver;
    private TestInputTopic<String, RawAwsMessage> raw;
    private TestInputTopic<String, AnomalyScore> scores;
    private TestOutputTopic<String, AlertEvent> alerts;
    private Instant arrival = RawMessages.RECEIVED;

    @BeforeEach
    void buildTheWholeTopology() {
        config = Driver.config(stateDir);
        driver = Driver.of(new AlertbridgeTopology(config, () -> RuleBook.empty("#alerts")).build(), config);
        raw = driver.input(TOPICS.awsRaw());
        scores = driver.input(TOPICS.anomalyScores());
        alerts = driver.output(TOPICS.alerts());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void deliver(RawAwsMessage message) {
        arrival = arrival.plusSeconds(1);
        raw.pipeInput(message.recordKey(), message, arrival);
    }

    @Test
    void shouldTurnEveryRealSampleIntoDeduplicatedAlertsAndDeadLetters() {
        AwsSamples.ALL.forEach(sample -> deliver(RawMessages.raw(sample)));

        assertThat(alerts.readValuesToList())
                .extracting(AlertEvent::title, AlertEvent::status)
                .containsExactly(
                        tuple("PutObject s3://DOC-EXAMPLE-BUCKET1/path/upload.sh", AlertStatus.INFO),
                        // both DBMigrationRequired samples are OKs of an alarm never seen firing: dropped
                        tuple("if-sim-app_111122223333_us-east-1-test_node_monitor", AlertStatus.FIRING),
                        // the metric-math ALARM; its decoded twin repeats the status, and the single-metric Lambda
                        // sample reuses its SNS MessageId (both are doc samples of alarm "EXAMPLE"): dropped
                        tuple("EXAMPLE", AlertStatus.FIRING),
                        tuple("EC2 CPU Utilization Anomaly", AlertStatus.FIRING),
                        tuple("ServiceAggregatedAlarm", AlertStatus.FIRING),
                        tuple("TotalNetworkTrafficTooHigh", AlertStatus.FIRING),
                        tuple("ServerCpuTooHigh", AlertStatus.FIRING),
                        // the phase change is ignored; the SUCCEEDED build resolves nothing
                        tuple("Pipeline myPipeline failed", AlertStatus.FIRING),
                        // the emitted STARTED, STOPPING and SUCCEEDED share the FAILED's doc id: dropped as repeats
                        tuple("Pipeline myPipeline started", AlertStatus.INFO),
                        tuple("Pipeline myPipeline succeeded", AlertStatus.RESOLVED),
                        tuple("EC2 Instance State-change Notification", AlertStatus.INFO),
                        tuple("message-body-with-transaction-details", AlertStatus.INFO),
                        tuple("My First Message", AlertStatus.INFO),
                        // the subscription confirmation is logged, never alerted
                        tuple("Testing publish to subscribed queues", AlertStatus.INFO),
                        tuple("TestSubject", AlertStatus.INFO),
                        tuple("This is a test message.", AlertStatus.INFO));
        assertThat(driver.deadLetters(TOPICS.deadLetters().name()))
                .extracting(letter -> letter.reason().stage())
                .containsExactly("normalize", "normalize", "normalize", "normalize");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldDropRedeliveriesAndLateOksAndResolveOnALaterOk() {
        String alarm = AwsSamples.text("eventbridge_cloudwatch_alarm_state_change_single_metric.json");
        String ok = alarm.replace("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", "ok-later")
                .replace("\"value\": \"ALARM\"", "\"value\": \"OK\"")
                .replace("2019-10-02T17:04:40.989+0000", "2019-10-02T17:30:00.000+0000");
        String lateOk = ok.replace("ok-later", "ok-earlier")
                .replace("2019-10-02T17:30:00.000+0000", "2019-10-02T17:00:00.000+0000");

        deliver(RawMessages.rawBody(alarm));
        deliver(RawMessages.rawBody(alarm));
        deliver(RawMessages.rawBody(lateOk));
        deliver(RawMessages.rawBody(ok));
        deliver(RawMessages.rawBody(AwsSamples.envelope(ok, "sns-copy-of-the-ok", null)));

        assertThat(alerts.readValuesToList())
                .extracting(AlertEvent::eventId, AlertEvent::status)
                .containsExactly(
                        tuple("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", AlertStatus.FIRING),
                        tuple("ok-later", AlertStatus.RESOLVED));
    }

    /**
     * The probed case: an alarm flapping ALARM/OK every minute for an hour, every SNS message delivered twice, all
     * 120 messages in the queue at once (SQS keeps no order). Whatever the order, the alarm's last alert is the
     * newest transition's OK, and no status is emitted twice in a row.
     */
    @Test
    void shouldEndInTheNewestStatusWhateverTheArrivalOrderOfAFlappingAlarm() {
        Instant start = Instant.parse("2024-11-06T17:00:00Z");
        int alarms = 10;
        for (int seed = 0; seed < alarms; seed++) {
            List<RawAwsMessage> deliveries = new ArrayList<>();
            for (int minute = 0; minute < 60; minute++) {
                RawAwsMessage change = CloudWatchAlarms.stateChange(
                        "flapping-" + seed, "i-0" + seed, minute % 2 == 0, start.plusSeconds(60L * minute));
                deliveries.add(change);
                deliveries.add(change);
            }
            Collections.shuffle(deliveries, new Random(seed));
            deliveries.forEach(this::deliver);
        }

        Map<String, List<AlertStatus>> statusesByAlarm = new HashMap<>();
        for (AlertEvent alert : alerts.readValuesToList()) {
            statusesByAlarm
                    .computeIfAbsent(alert.labels().get("alarm"), name -> new ArrayList<>())
                    .add(alert.status());
        }
        // An alarm whose final OK happened to arrive first passes nothing at all: that is its newest state too.
        assertThat(statusesByAlarm).hasSizeGreaterThan(alarms / 2);
        statusesByAlarm.forEach((alarm, statuses) -> {
            assertThat(statuses).as(alarm + ": " + statuses).last().isEqualTo(AlertStatus.RESOLVED);
            for (int i = 1; i < statuses.size(); i++) {
                assertThat(statuses.get(i)).as(alarm + ": " + statuses).isNotEqualTo(statuses.get(i - 1));
            }
        });
    }

    @Test
    void shouldCarryAnAwsHealthIssueAndAnAnomalyEpisodeThroughAllThreeStages() {
        deliver(RawMessages.raw("health_issue_open.json"));
        deliver(RawMessages.raw("health_issue_open.json"));
        deliver(RawMessages.raw("health_issue_closed.json"));
        Instant t0 = Instant.parse("2024-11-06T16:00:00Z");
        double[] episode = {0.1, 0.8, 0.9, 0.2, 0.7};
        for (int i = 0; i < episode.length; i++) {
            AnomalyScore score = new AnomalyScore(
                    "numenta",
                    "cpu-i-0abcd1234ef567890",
                    "i-0abcd1234ef567890",
                    "CPUUtilization",
                    t0.plusSeconds(300L * i),
                    episode[i],
                    90.0,
                    Map.of());
            scores.pipeInput(score.series(), score, score.timestamp());
        }

        List<AlertEvent> out = alerts.readValuesToList();
        assertThat(out)
                .extracting(AlertEvent::source, AlertEvent::status)
                .containsExactly(
                        tuple("health", AlertStatus.FIRING),
                        tuple("health", AlertStatus.RESOLVED),
                        tuple("anomaly", AlertStatus.FIRING));
        assertThat(out.get(0).labels().get("resource")).isNull();
        assertThat(out.get(2).labels()).containsEntry("resource", "i-0abcd1234ef567890");
    }

    @Test
    void shouldNameEveryStoreRepartitionTopicAndProcessor() {
        Topology topology = new AlertbridgeTopology(config, new LiveRuleBook(List.of(), "#alerts")).build();

        Set<String> stores = new HashSet<>();
        List<String> processors = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                processors.add(node.name());
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        assertThat(stores)
                .containsExactlyInAnyOrder(
                        StateStores.DETECT_SERIES,
                        StateStores.DETECT_SCORES,
                        StateStores.DEDUPE_EVENT_IDS,
                        StateStores.DEDUPE_FINGERPRINTS,
                        StateStores.INHIBIT_GROUPS,
                        StateStores.LIFECYCLE_INCIDENTS,
                        StateStores.LIFECYCLE_FIRING_HISTORY,
                        StateStores.LIFECYCLE_TIMERS,
                        StateStores.LIFECYCLE_SEQUENCE,
                        StateStores.THROTTLE_INCIDENTS,
                        StateStores.THROTTLE_CHANNELS,
                        StateStores.THROTTLE_TIMERS,
                        StateStores.HEARTBEATS,
                        StateStores.HEARTBEAT_CLOCK);
        assertThat(topology.describe().globalStores())
                .singleElement()
                .satisfies(global -> assertThat(global.processor().stores()).containsExactly(StateStores.RULES));
        assertThat(processors)
                .contains(
                        "aws-raw-source",
                        "normalize",
                        "detect",
                        "dedupe",
                        "alerts-sink",
                        "dedupe-by-fingerprint-repartition-sink",
                        "normalize-dead-letter-sink",
                        SilenceStage.PROCESSOR,
                        InhibitStage.PROCESSOR,
                        InhibitStage.REPARTITION + "-repartition-sink",
                        CorrelateStage.MERGE,
                        CorrelateStage.REPARTITION + "-repartition-sink",
                        LifecycleStage.PROCESSOR,
                        ThrottleStage.REPARTITION + "-repartition-sink",
                        ThrottleStage.PROCESSOR,
                        OutboxStage.INCIDENTS_SINK,
                        OutboxStage.HISTORY_SINK,
                        OutboxStage.NOTIFICATIONS_SINK,
                        HeartbeatStage.PROCESSOR,
                        HeartbeatStage.BEATS + "-repartition-sink",
                        HeartbeatStage.PINGS + "-repartition-sink",
                        HeartbeatStage.ALERTS + "-repartition-sink")
                .noneMatch(name -> name.startsWith("KSTREAM-") || name.startsWith("KTABLE-"));
    }

    @Test
    void shouldRefuseAnUnnamedInternalResource() {
        var props = io.alertbridge.processor.topology.StreamsProperties.forTopology(config);
        StreamsBuilder builder = new StreamsBuilder(
                new org.apache.kafka.streams.TopologyConfig(new org.apache.kafka.streams.StreamsConfig(props)));
        builder.stream(
                        "in",
                        Consumed.with(
                                org.apache.kafka.common.serialization.Serdes.String(),
                                org.apache.kafka.common.serialization.Serdes.String()))
                .selectKey((k, v) -> v)
                .repartition();

        assertThatThrownBy(builder::build).hasMessageContaining("repartition");
    }
}
