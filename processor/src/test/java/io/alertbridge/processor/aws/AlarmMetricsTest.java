package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.samples.AwsSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmMetricsTest {

    private final AwsMessageNormalizer normalizer = new AwsMessageNormalizer(NormalizeSlice.defaults());

    private AlertEvent event(String sample) {
        Normalized outcome = normalizer.normalize(RawMessages.raw(sample));
        assertThat(outcome).isInstanceOf(Normalized.Events.class);
        return ((Normalized.Events) outcome).events().get(0);
    }

    @Test
    void shouldReadASingleMetricFromTheSnsTriggerWithTheStatisticAsQueriesNameIt() {
        AlarmMetric metric = event("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.SINGLE_METRIC);
        assertThat(metric.namespace()).isEqualTo("AWS/EC2");
        assertThat(metric.metricName()).isEqualTo("NetworkOut");
        assertThat(metric.dimensions()).containsExactly(Map.entry("InstanceId", "TestInstance"));
        assertThat(metric.statistic()).isEqualTo("Average");
        assertThat(metric.extendedStatistic()).isNull();
        assertThat(metric.unit()).isEqualTo("Bytes");
        assertThat(metric.period()).isEqualTo(60);
        assertThat(metric.evaluationPeriods()).isEqualTo(1);
        assertThat(metric.threshold()).isEqualTo(0.0);
        assertThat(metric.comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(metric.treatMissingData()).isEqualTo("missing");
        assertThat(metric.account()).isEqualTo("123456789012");
        assertThat(metric.alarmName()).isEqualTo("EXAMPLE");
        assertThat(metric.alarmArn()).isEqualTo("arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE");
    }

    @Test
    void shouldReadTheOlderSnsMessageWithoutArnOrDimensions() {
        AlarmMetric metric = event("cloudwatch_alarm_sns_ALARM_to_OK.sns_Message_decoded.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.SINGLE_METRIC);
        assertThat(metric.namespace()).isEqualTo("LogMetrics");
        assertThat(metric.statistic()).isEqualTo("Sum");
        assertThat(metric.unit()).isNull();
        assertThat(metric.dimensions()).isEmpty();
        assertThat(metric.comparisonOperator()).isEqualTo("LessThanThreshold");
        assertThat(metric.threshold()).isEqualTo(1.0);
        assertThat(metric.treatMissingData()).isEqualTo("notBreaching");
        assertThat(metric.alarmArn())
                .as("no AlarmArn and no region to rebuild it")
                .isNull();
    }

    @Test
    void shouldReadTheMetricMathQueriesFromTheSnsTrigger() {
        AlarmMetric metric =
                event("cloudwatch_alarm_sns_metric_math.lambda_sns_event.json").metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.METRIC_MATH);
        assertThat(metric.metrics()).hasSize(2);
        assertThat(metric.metrics().get(0))
                .isEqualTo(new AlarmMetric.MetricQuery("e1", "m1*1", "Expression1", true, null));
        assertThat(metric.metrics().get(1))
                .isEqualTo(new AlarmMetric.MetricQuery(
                        "m1",
                        null,
                        null,
                        false,
                        new AlarmMetric.MetricStat(
                                "AWS/EC2", "NetworkOut", Map.of("InstanceId", "TestInstance"), 60, "Average")));
        assertThat(metric.threshold()).isEqualTo(0.0);
        assertThat(metric.comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(metric.thresholdMetricId()).isNull();
    }

    @Test
    void shouldReadASnsCompositeAsItsRuleAndChildrenWithStates() {
        AlertEvent event = normalizer.normalize(RawMessages.inEnvelope(
                                "cloudwatch_alarm_sns_composite.sns_Message.json", "sns-composite-1"))
                        instanceof Normalized.Events e
                ? e.events().get(0)
                : null;

        AlarmMetric metric = event.metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.COMPOSITE);
        assertThat(metric.alarmRule()).startsWith("ALARM(arn:aws:cloudwatch:us-east-1:111122223333:alarm:");
        assertThat(metric.children())
                .containsExactly(new AlarmMetric.ChildAlarm(
                        "if-sim-app_111122223333_us-east-1-metric_emitting_node_failure", "ALARM"));
        assertThat(metric.region()).isEqualTo("us-east-1");
    }

    @Test
    void shouldReadAnEventBridgeSingleMetricWithTheThresholdFromReasonDataAndTheOperatorFromTheReason() {
        AlarmMetric metric = event("eventbridge_cloudwatch_alarm_state_change_single_metric.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.SINGLE_METRIC);
        assertThat(metric.namespace()).isEqualTo("AWS/EC2");
        assertThat(metric.metricName()).isEqualTo("CPUUtilization");
        assertThat(metric.dimensions()).containsExactly(Map.entry("InstanceId", "i-12345678901234567"));
        assertThat(metric.statistic()).isEqualTo("Average");
        assertThat(metric.period()).isEqualTo(300);
        assertThat(metric.threshold()).isEqualTo(50.0);
        assertThat(metric.comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(metric.region()).isEqualTo("us-east-1");
        assertThat(metric.account()).isEqualTo("123456789012");
        assertThat(metric.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh");
        assertThat(metric.metrics()).isEmpty();
    }

    @Test
    void shouldReadAnEventBridgeMetricMathAlarm() {
        AlarmMetric metric = event("eventbridge_cloudwatch_alarm_state_change_metric_math.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.METRIC_MATH);
        assertThat(metric.metrics()).extracting(AlarmMetric.MetricQuery::id).containsExactly("e1", "m1", "m2");
        assertThat(metric.metrics().get(0).expression()).isEqualTo("SUM(METRICS())");
        assertThat(metric.metrics().get(0).returnData()).isTrue();
        assertThat(metric.metrics().get(2).metricStat().metricName()).isEqualTo("NetworkOut");
        assertThat(metric.metrics().get(2).metricStat().stat()).isEqualTo("Maximum");
        assertThat(metric.period()).isEqualTo(300);
        assertThat(metric.threshold()).isEqualTo(10000.0);
        assertThat(metric.comparisonOperator()).isEqualTo("GreaterThanThreshold");
    }

    @Test
    void shouldReadAnEventBridgeAnomalyDetectionAlarmWithItsBandAsThresholdMetric() {
        AlarmMetric metric = event("eventbridge_cloudwatch_alarm_state_change_anomaly_detection.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.ANOMALY_DETECTION);
        assertThat(metric.thresholdMetricId()).isEqualTo("ad1");
        assertThat(metric.comparisonOperator()).isEqualTo("LessThanLowerOrGreaterThanUpperThreshold");
        assertThat(metric.threshold()).isNull();
        assertThat(metric.period()).isEqualTo(60);
        assertThat(metric.metrics().get(1).expression()).isEqualTo("ANOMALY_DETECTION_BAND(m1, 0.8)");
    }

    @Test
    void shouldReadAnEventBridgeCompositeWithTheTriggeringChildrenOfItsReasonData() {
        AlarmMetric metric = event("eventbridge_cloudwatch_alarm_state_change_composite_with_suppressor.json")
                .metric();

        assertThat(metric.kind()).isEqualTo(AlarmMetric.Kind.COMPOSITE);
        assertThat(metric.alarmRule()).isEqualTo("ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)");
        assertThat(metric.children()).containsExactly(new AlarmMetric.ChildAlarm("ServerCpuTooHigh", "ALARM"));
    }

    @Test
    void shouldGiveNoMetricButTheSameAlertWhenTheMetricPartCannotBeRead() throws IOException {
        String sample = AwsSamples.text("eventbridge_cloudwatch_alarm_state_change_single_metric.json");
        String broken = sample.replace("\"period\": 300,", "\"period\": \"five minutes\",")
                .replace("\"returnData\": true", "\"returnData\": \"yes\"");

        Normalized good = normalizer.normalize(RawMessages.rawBody(sample));
        Normalized bad = normalizer.normalize(RawMessages.rawBody(broken));

        AlertEvent withMetric = ((Normalized.Events) good).events().get(0);
        AlertEvent without = ((Normalized.Events) bad).events().get(0);
        assertThat(without.metric()).isNull();
        assertThat(without)
                .usingRecursiveComparison()
                .ignoringFields("metric", "eventId")
                .isEqualTo(withMetric);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Trigger\": \"garbage\"}|Trigger is not an object",
                "{\"Trigger\": {\"Dimensions\": 3}}|malformed Trigger: 'Dimensions' is number, not a list",
                "{\"Trigger\": {\"Dimensions\": [1]}}|malformed Trigger: 'Dimensions' holds number, not an object",
                "{\"Trigger\": {\"Threshold\": {}}}|malformed Trigger: 'Threshold' is object, not a number",
                "{\"Trigger\": {\"Metrics\": [{\"Id\": 1}]}}|malformed Trigger: 'Id' is number, not a string",
                "{\"Trigger\": {\"Period\": 60}}|names no metric, queries or alarm rule",
                "{}|no Trigger"
            })
    void shouldNeverThrowOnAMalformedTriggerAndSayWhy(String message, String reason) throws IOException {
        JsonNode json = Json.mapper().readTree(message);

        AlarmMetrics.Extracted extracted = AlarmMetrics.fromSnsMessage(json, identity());

        assertThat(extracted.metric()).isNull();
        assertThat(extracted.reason()).isEqualTo(reason);
    }

    @Test
    void shouldRefuseADefinitionLargerThanTheBoundsRatherThanCutItIntoAWrongQuery() throws IOException {
        StringBuilder metrics = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"Id\":\"m").append(i).append("\",\"Expression\":\"1\"}");
        }
        String tooMany = "{\"Trigger\": {\"Metrics\": " + metrics + "]}}";
        String tooLong =
                "{\"Trigger\": {\"Metrics\": [{\"Id\":\"e1\",\"Expression\":\"" + "m1+".repeat(400) + "m1\"}]}}";

        assertThat(AlarmMetrics.fromSnsMessage(Json.mapper().readTree(tooMany), identity())
                        .reason())
                .isEqualTo("malformed Trigger: 11 metrics, more than 10");
        assertThat(AlarmMetrics.fromSnsMessage(Json.mapper().readTree(tooLong), identity())
                        .reason())
                .isEqualTo("malformed Trigger: an expression of 1202 characters");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 out of the last 1 datapoints [99.5] was greater than the threshold (50.0)|GreaterThanThreshold",
                "1 datapoint [1.0] was not less than the threshold (1.0).|LessThanThreshold",
                "was not greater than or equal to the threshold (3.0)|GreaterThanOrEqualToThreshold",
                "were less than or equal to the threshold (3.0)|LessThanOrEqualToThreshold",
                "[0.0] was less than the lower thresholds [0.02] or greater than the upper thresholds [0.3]"
                        + "|LessThanLowerOrGreaterThanUpperThreshold",
                "[9.0] was greater than the upper thresholds [0.3]|GreaterThanUpperThreshold",
                "Unchecked: Initial alarm creation|"
            })
    void shouldReadTheOperatorFromTheReasonCloudWatchWrote(String reason, String operator) {
        assertThat(AlarmMetrics.operator(reason)).isEqualTo(operator);
    }

    // The operator is read by hand for speed; these are the patterns it must agree with (ASCII case-insensitive,
    // the leftmost match), on reasons built from their words in any order and case, with noise between them.
    private static final Pattern OPERATOR = Pattern.compile(
            "(?:was|were) (?:not )?(greater|less) than (or equal to )?the threshold", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOWER = Pattern.compile("less than the lower thresholds?", Pattern.CASE_INSENSITIVE);
    private static final Pattern UPPER =
            Pattern.compile("greater than the upper thresholds?", Pattern.CASE_INSENSITIVE);

    @Test
    void shouldReadTheOperatorAsThePatternsDidFromAnyReason() {
        // Each slot of a reason takes one of its options: the patterns' words, other case, near misses, nothing.
        String[][] slots = {
            {"", "1 datapoint [1.0] ", "x", "\u0130 ", "the threshold "},
            {"was ", "were ", "WAS ", "Were ", "wa ", "w", ""},
            {"", "not ", "NOT ", "no "},
            {"greater", "less", "Greater", "LESS", "great", ""},
            {" than ", " THAN ", " then ", ""},
            {"", "or equal to ", "Or Equal To ", "or equal "},
            {"the threshold", "the THRESHOLD", "the lower threshold", "the upper thresholds", "the \u212athreshold", ""
            },
            {"", " (3.0)", " was less than the threshold", " or greater than the upper threshold [0.3]"}
        };
        SplittableRandom random = new SplittableRandom(5);
        int found = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder reason = new StringBuilder();
            for (String[] slot : slots) {
                reason.append(slot[random.nextInt(slot.length)]);
            }
            String expected = byPatterns(reason.toString());
            assertThat(AlarmMetrics.operator(reason.toString()))
                    .as(reason.toString())
                    .isEqualTo(expected);
            found += expected == null ? 0 : 1;
        }
        assertThat(found).as("reasons that name an operator").isGreaterThan(1_000);
    }

    private static String byPatterns(String reason) {
        boolean lower = LOWER.matcher(reason).find();
        boolean upper = UPPER.matcher(reason).find();
        if (lower && upper) {
            return "LessThanLowerOrGreaterThanUpperThreshold";
        }
        if (upper) {
            return "GreaterThanUpperThreshold";
        }
        if (lower) {
            return "LessThanLowerThreshold";
        }
        Matcher m = OPERATOR.matcher(reason);
        if (!m.find()) {
            return null;
        }
        return (m.group(1).equalsIgnoreCase("greater") ? "GreaterThan" : "LessThan")
                + (m.group(2) != null ? "OrEqualTo" : "")
                + "Threshold";
    }

    @ParameterizedTest
    @CsvSource({"AVERAGE,Average", "SAMPLE_COUNT,SampleCount", "Sum,Sum", "MAXIMUM,Maximum", "p99,p99"})
    void shouldNameStatisticsAsQueriesDo(String sns, String query) {
        assertThat(AlarmMetrics.statistic(sns)).isEqualTo(query);
    }

    private static AlarmMetrics.Identity identity() {
        return new AlarmMetrics.Identity("eu-west-2", "123456789012", "a", null);
    }
}
