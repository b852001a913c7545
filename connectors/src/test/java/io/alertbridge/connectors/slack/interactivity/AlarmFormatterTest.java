package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.aws.AlarmDefinition;
import io.alertbridge.connectors.aws.AlarmDefinition.Condition;
import io.alertbridge.connectors.aws.AlarmDefinition.Query;
import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.aws.ConnectedTopics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmFormatterTest {

    private static final Instant SINCE = Instant.parse("2026-11-20T10:00:00Z");
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:alarms";
    private static final String OTHER = "arn:aws:sns:eu-west-1:123456789012:other";
    private static final ConnectedTopics.Snapshot CONNECTED =
            new ConnectedTopics.Snapshot(Set.of(TOPIC), 1, null, SINCE);

    private static Condition single(String comparison, Double threshold, Integer datapoints, String missing) {
        return new Condition(
                "AWS/EC2",
                "CPUUtilization",
                Map.of("InstanceId", "i-0abc"),
                "Average",
                null,
                300,
                "Percent",
                3,
                datapoints,
                threshold,
                comparison,
                null,
                missing,
                List.of());
    }

    private static AlarmDefinition metric(String name, Condition condition, List<String> onAlarm, boolean enabled) {
        return new AlarmDefinition(
                AlarmDefinition.Kind.METRIC,
                name,
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + name,
                null,
                "ALARM",
                "Threshold Crossed: 3 datapoints were greater than the threshold (80.0).",
                SINCE,
                enabled,
                onAlarm,
                List.of(),
                List.of(),
                condition,
                null,
                null);
    }

    @Test
    void shouldSayTheConditionOfAMetricAlarmInWords() {
        String text = AlarmFormatter.found(
                metric("cpu-high", single("GreaterThanOrEqualToThreshold", 80.0, 2, null), List.of(TOPIC), true),
                CONNECTED,
                List.of());

        assertThat(text)
                .contains(":red_circle: *cpu-high* (metric alarm)")
                .contains("*State:* ALARM since <!date^" + SINCE.getEpochSecond())
                .contains("*Metric:* `AWS/EC2 CPUUtilization` (`InstanceId=i-0abc`)")
                .contains("*When:* Average over 5 minutes is greater than or equal to 80 Percent, for 2 of the last"
                        + " 3 periods")
                .contains("*Missing data:* treated as missing")
                .contains("• on ALARM: `" + TOPIC + "` :white_check_mark: reaches Alertbridge")
                .contains("*Incidents:* none open or recent in Alertbridge")
                .doesNotContain("No ALARM action reaches");
    }

    @Test
    void shouldWordEveryComparisonAndMissingDataTreatment() {
        assertThat(AlarmFormatter.comparison("LessThanThreshold", 0.5)).isEqualTo("is less than 0.5");
        assertThat(AlarmFormatter.comparison("GreaterThanThreshold", 1e3)).isEqualTo("is greater than 1000");
        assertThat(AlarmFormatter.comparison("LessThanOrEqualToThreshold", -1.0))
                .isEqualTo("is less than or equal to -1");
        assertThat(AlarmFormatter.comparison("LessThanLowerOrGreaterThanUpperThreshold", null))
                .isEqualTo("is outside the anomaly detection band");
        assertThat(AlarmFormatter.comparison("GreaterThanUpperThreshold", null))
                .isEqualTo("is above the anomaly detection band");
        assertThat(AlarmFormatter.comparison("LessThanLowerThreshold", null))
                .isEqualTo("is below the anomaly detection band");
        assertThat(AlarmFormatter.missingData("breaching")).isEqualTo("treated as bad (breaching)");
        assertThat(AlarmFormatter.missingData("notBreaching")).isEqualTo("treated as good (not breaching)");
        assertThat(AlarmFormatter.missingData("ignore")).startsWith("ignored");
        assertThat(AlarmFormatter.datapoints(null, 3)).isEqualTo("for 3 consecutive periods");
        assertThat(AlarmFormatter.datapoints(1, 1)).isEqualTo("for 1 period");
        assertThat(AlarmFormatter.period(10)).isEqualTo("10 seconds");
        assertThat(AlarmFormatter.period(60)).isEqualTo("1 minute");
        assertThat(AlarmFormatter.period(3600)).isEqualTo("1 hour");
        assertThat(AlarmFormatter.period(86_400)).isEqualTo("1 day");
        assertThat(AlarmFormatter.period(90)).isEqualTo("90 seconds");
        assertThat(AlarmFormatter.statistic("Average", "p99")).isEqualTo("p99");
    }

    @Test
    void shouldShowMetricMathAndWhichQueryReturnsData() {
        Condition math = new Condition(
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                5.0,
                "GreaterThanThreshold",
                null,
                "breaching",
                List.of(
                        new Query("m1", null, null, false, "AWS/ELB", "HTTPCode_ELB_5XX", Map.of(), "Sum", 60),
                        new Query("m2", null, null, false, "AWS/ELB", "RequestCount", Map.of(), "Sum", 60),
                        new Query("e1", "100*m1/m2", "error rate", true, null, null, Map.of(), null, null)));

        String text = AlarmFormatter.found(metric("errors", math, List.of(TOPIC), true), CONNECTED, List.of());

        assertThat(text)
                .contains("*Metric math:*")
                .contains("• `m1` `AWS/ELB HTTPCode_ELB_5XX`, Sum over 1 minute\n")
                .contains("• `e1` = `100*m1/m2` (error rate) *← the alarm evaluates this one*")
                .contains("*When:* the result is greater than 5, for 2 consecutive periods")
                .contains("treated as bad (breaching)");
    }

    @Test
    void shouldShowACompositeAlarmsRule() {
        AlarmDefinition composite = new AlarmDefinition(
                AlarmDefinition.Kind.COMPOSITE,
                "checkout-down",
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-down",
                null,
                "OK",
                null,
                SINCE,
                true,
                List.of(TOPIC),
                List.of(TOPIC),
                List.of(),
                null,
                "ALARM(\"cpu-high\") AND ALARM(\"errors\")",
                "maintenance");

        String text = AlarmFormatter.found(composite, CONNECTED, List.of());

        assertThat(text)
                .contains(":large_green_circle: *checkout-down* (composite alarm)")
                .contains("*Rule:* `ALARM(\"cpu-high\") AND ALARM(\"errors\")`")
                .contains("*Actions suppressed while:* `maintenance` is in ALARM")
                .doesNotContain("*Metric");
    }

    @Test
    void shouldWarnWhenNoAlarmActionReachesAlertbridgeOrActionsAreDisabled() {
        String notConnected = AlarmFormatter.found(
                metric("a", single("GreaterThanThreshold", 1.0, null, null), List.of(OTHER), true),
                CONNECTED,
                List.of());
        String disabled = AlarmFormatter.found(
                metric("a", single("GreaterThanThreshold", 1.0, null, null), List.of(TOPIC), false),
                CONNECTED,
                List.of());
        String none = AlarmFormatter.found(
                metric("a", single("GreaterThanThreshold", 1.0, null, null), List.of(), true), CONNECTED, List.of());

        assertThat(notConnected)
                .contains(":x: no bridge queue is subscribed to this topic")
                .contains(":warning: No ALARM action reaches Alertbridge");
        assertThat(disabled).contains("_(disabled: none of them runs)_").contains(":warning: Its actions are disabled");
        assertThat(none).contains("• none: this alarm notifies nobody");
    }

    @Test
    void shouldEscapeWhatComesFromAws() {
        AlarmDefinition m =
                metric("<!channel> *x*", single("GreaterThanThreshold", 1.0, null, null), List.of(TOPIC), true);
        AlarmDefinition hostile = new AlarmDefinition(
                m.kind(),
                m.name(),
                m.arn(),
                "<https://evil|click> @here",
                m.state(),
                "reason <!here>",
                m.stateSince(),
                true,
                m.alarmActions(),
                List.of(),
                List.of(),
                m.condition(),
                null,
                null);

        String text = AlarmFormatter.found(hostile, CONNECTED, List.of());

        assertThat(text)
                .doesNotContain("<!channel>")
                .doesNotContain("<!here>")
                .doesNotContain("<https://evil|click>")
                .contains("&lt;!channel&gt;");
    }

    @Test
    void shouldNameRegionAndMaskedAccountAndOfferNamesWhenNotFound() {
        String text = AlarmFormatter.notFound(
                "cpu-hgh",
                new AlarmLookup.NotFound("eu-west-1", AlarmLookup.maskAccount("123456789012"), List.of("cpu-high")),
                "/alerts");
        String nothing = AlarmFormatter.notFound(
                "zzz", new AlarmLookup.NotFound("eu-west-1", AlarmLookup.maskAccount(null), List.of()), "/alerts");

        assertThat(text)
                .startsWith("I found no CloudWatch alarm named *cpu-hgh* in eu-west-1 (account ********9012).")
                .contains("• `/alerts alarm cpu-high`")
                .doesNotContain("123456789012");
        assertThat(nothing).contains("(account an unknown account)").contains("No alarm name starts like it");
    }

    @Test
    void shouldSayAnUnavailableAwsInOneSentence() {
        assertThat(AlarmFormatter.unavailable("cpu", "CloudWatch did not answer in time"))
                .isEqualTo(":warning: I could not read the alarm *cpu*: CloudWatch did not answer in time.");
    }
}
