package io.alertbridge.schemas;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.SlackMessageRef;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSerdeRoundTripTest {

    private static final Instant T0 = Instant.parse("2023-11-14T22:13:19.472Z");

    static <T> T roundTrip(Class<T> type, T value) {
        JsonSerde<T> serde = JsonSerde.of(type);
        return serde.deserialize("t", serde.serialize("t", value));
    }

    @Test
    void shouldRoundTripRawAwsMessageWithBinaryAttributeAndBodyUntouched() {
        String body = "{\"Type\" : \"Notification\",\n \"Message\" : \"caf\\u00e9 \\\"quoted\\\"\"}  ";
        RawAwsMessage raw = new RawAwsMessage(
                "http://localhost/000000000000/q",
                "m-1",
                "sns-1",
                body,
                Map.of(
                        "bin",
                        new RawAwsMessage.MessageAttribute("Binary", null, new byte[] {0, 1, (byte) 255}),
                        "team",
                        RawAwsMessage.MessageAttribute.ofString("payments")),
                Map.of("ApproximateReceiveCount", "2"),
                2,
                T0,
                T0.plusMillis(5));

        RawAwsMessage back = roundTrip(RawAwsMessage.class, raw);

        assertThat(back).isEqualTo(raw);
        assertThat(back.body()).isEqualTo(body);
        assertThat(back.recordKey()).isEqualTo("sns-1");
    }

    @Test
    void shouldWriteALinkAsItsTwoFieldsOnlyAndReadOneWrittenWithMore() {
        JsonSerde<Link> serde = JsonSerde.of(Link.class);
        Link link = new Link("console", "https://console.aws.amazon.com/cloudwatch/home");

        String json = new String(serde.toBytes(link), StandardCharsets.UTF_8);

        // A derived getter written as a field cost a URL parse per link per write (6.5 % of the full topology's
        // samples in bench/README.md's profile); links written before still read.
        assertThat(json)
                .isEqualTo("{\"title\":\"console\",\"url\":\"https://console.aws.amazon.com/cloudwatch/home\"}");
        assertThat(serde.fromBytes(
                        "{\"title\":\"console\",\"url\":\"https://console.aws.amazon.com/cloudwatch/home\",\"web\":true}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(link);
    }

    @Test
    void shouldRoundTripAnomalyScoreWithoutOptionalFields() {
        AnomalyScore score = new AnomalyScore("numenta", "s1", null, null, T0, 0.25, null, null);
        assertThat(roundTrip(AnomalyScore.class, score)).isEqualTo(score);
    }

    @Test
    void shouldRoundTripAlertEvent() {
        AlertEvent event = alert();
        assertThat(roundTrip(AlertEvent.class, event)).isEqualTo(event);
        assertThat(roundTrip(AlertEvent.class, event.suppressed("maint-1")).suppressedBy())
                .isEqualTo("maint-1");
    }

    @Test
    void shouldRoundTripUserAction() {
        UserAction action = new UserAction(
                "a1",
                UserAction.ActionType.SNOOZE,
                "INC-7F3A",
                "g",
                "U1",
                "alice",
                T0,
                "slack-button",
                T0.plus(Duration.ofHours(1)),
                "deploying a fix",
                null);
        assertThat(roundTrip(UserAction.class, action)).isEqualTo(action);
    }

    @Test
    void shouldRoundTripEveryRuleKindThroughTheRuleInterface() {
        List<Rule> rules = List.of(
                new RouteRule(
                        "payments",
                        10,
                        List.of(Matcher.parse("service=~pay.*")),
                        "#payments",
                        List.of("service"),
                        Duration.ofMinutes(15),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(3),
                        new RouteRule.Escalation(Duration.ofMinutes(5), Duration.ofMinutes(15), "<!here>"),
                        new RouteRule.StormLimit(12),
                        new RouteRule.IncidentChannelOption(
                                true, "inc-", List.of("a@example.com"), Duration.ofHours(2)),
                        List.of("<@U1>"),
                        null,
                        null,
                        null),
                new SilenceRule("s1", List.of(Matcher.parse("env!=prod")), T0, T0.plusSeconds(60), "r", "U1"),
                new ThresholdRule("t1", 1, List.of(), 0.6, 0.4, 2, 4, 3, Severity.ERROR));
        for (Rule rule : rules) {
            assertThat(roundTrip(Rule.class, rule)).isEqualTo(rule);
        }
    }

    @Test
    void shouldReadShortDurationsAsPeopleTypeThem() {
        String json = "{\"kind\":\"route\",\"id\":\"r\",\"channel\":\"#a\",\"groupWindow\":\"1h30m\","
                + "\"groupWait\":\"250ms\",\"updateInterval\":\"PT2S\"}";
        RouteRule rule = (RouteRule) JsonSerde.of(Rule.class).fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(rule.groupWindow()).isEqualTo(Duration.ofMinutes(90));
        assertThat(rule.groupWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(rule.updateInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldRoundTripIncidentAndNotificationCommand() {
        Incident incident = incidentBuilder().build();
        NotificationCommand command = NotificationCommand.update("INC-7F3A:3:UPDATE", incident, T0);

        assertThat(roundTrip(Incident.class, incident)).isEqualTo(incident);
        assertThat(roundTrip(NotificationCommand.class, command)).isEqualTo(command);
        NotificationCommand because = command.withReason("Updated: Acknowledged by Alice");
        assertThat(roundTrip(NotificationCommand.class, because)).isEqualTo(because);
        assertThat(roundTrip(NotificationCommand.class, because).reason()).isEqualTo("Updated: Acknowledged by Alice");
    }

    @Test
    void shouldReadANotificationCommandWrittenBeforeItHadAReason() {
        String old = "{\"commandId\":\"INC-7F3A:5:THREAD_REPLY\",\"type\":\"THREAD_REPLY\",\"groupKey\":\"g\","
                + "\"incidentId\":\"INC-7F3A\",\"channel\":\"#alerts\",\"text\":\"api-5xx resolved\","
                + "\"createdAt\":\"2023-11-14T22:30:00Z\"}";

        NotificationCommand command =
                JsonSerde.of(NotificationCommand.class).fromBytes(old.getBytes(StandardCharsets.UTF_8));

        assertThat(command.reason()).isNull();
        assertThat(command.text()).isEqualTo("api-5xx resolved");
    }

    @Test
    void shouldRoundTripMemberAnnotationsAndLinksAndReadMembersWrittenWithoutThem() {
        IncidentMember member = new IncidentMember(
                "anomaly:latency-detector:api.p99",
                "anomaly",
                "api p99 latency",
                AlertStatus.FIRING,
                Severity.WARNING,
                "e2",
                T0,
                false,
                Map.of("detector", "latency-detector", "peakScore", "0.97"),
                List.of(new Link("CloudWatch", "https://console.aws.amazon.com/cloudwatch/home")),
                null,
                null);
        JsonSerde<IncidentMember> serde = JsonSerde.of(IncidentMember.class);

        IncidentMember old =
                serde.fromBytes("{\"fingerprint\":\"f1\",\"status\":\"RESOLVED\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(roundTrip(IncidentMember.class, member)).isEqualTo(member);
        assertThat(old.annotations()).isEmpty();
        assertThat(old.links()).isEmpty();
    }

    @Test
    void shouldRoundTripAlertEventWithEachKindOfAlarmMetricAndKeepItWhenSuppressed() {
        AlertEvent base = alert();
        for (AlarmMetric metric : List.of(singleMetric(), anomalyMetric(), compositeMetric())) {
            AlertEvent event = withMetric(base, metric);

            AlertEvent back = roundTrip(AlertEvent.class, event);

            assertThat(back).isEqualTo(event);
            assertThat(back.metric().kind()).isEqualTo(metric.kind());
            assertThat(back.suppressed("s1").metric()).isEqualTo(metric);
        }
    }

    @Test
    void shouldReadAlertEventWrittenBeforeTheMetricWithoutOneAndWriteNoMetricWhenAbsent() {
        JsonSerde<AlertEvent> serde = JsonSerde.of(AlertEvent.class);
        String old = new String(serde.toBytes(alert()), StandardCharsets.UTF_8);

        assertThat(old).doesNotContain("metric");
        assertThat(serde.fromBytes(old.getBytes(StandardCharsets.UTF_8)).metric())
                .isNull();
    }

    @Test
    void shouldWriteAlarmMetricCompactlyLeavingOutWhatTheMessageDidNotSay() {
        String json = new String(
                JsonSerde.of(AlarmMetric.class)
                        .toBytes(AlarmMetric.builder()
                                .namespace("AWS/EC2")
                                .metricName("CPUUtilization")
                                .build()),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"namespace\":\"AWS/EC2\",\"metricName\":\"CPUUtilization\"}");
    }

    @Test
    void shouldRoundTripMemberWithAlarmMetricAndDropItWithTheOtherDetails() {
        IncidentMember member = new IncidentMember(
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh",
                "cloudwatch",
                "ServerCpuTooHigh",
                AlertStatus.FIRING,
                Severity.CRITICAL,
                "e3",
                T0,
                false,
                Map.of(),
                List.of(),
                singleMetric(),
                null);

        assertThat(roundTrip(IncidentMember.class, member)).isEqualTo(member);
        assertThat(member.hasDetails()).isTrue();
        assertThat(member.withSuppressed(true).metric()).isEqualTo(singleMetric());
        assertThat(member.withoutDetails().metric()).isNull();
        assertThat(JsonSerde.of(IncidentMember.class)
                        .fromBytes("{\"fingerprint\":\"f1\",\"status\":\"FIRING\"}".getBytes(StandardCharsets.UTF_8))
                        .metric())
                .isNull();
    }

    static AlarmMetric singleMetric() {
        return AlarmMetric.builder()
                .region("us-east-1")
                .account("123456789012")
                .alarmName("ServerCpuTooHigh")
                .alarmArn("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh")
                .namespace("AWS/EC2")
                .metricName("CPUUtilization")
                .dimensions(Map.of("InstanceId", "i-12345678901234567"))
                .statistic("Average")
                .unit("Percent")
                .period(300)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .threshold(50.0)
                .comparisonOperator("GreaterThanThreshold")
                .treatMissingData("missing")
                .build();
    }

    static AlarmMetric anomalyMetric() {
        return AlarmMetric.builder()
                .alarmName("EC2 CPU Utilization Anomaly")
                .comparisonOperator("LessThanLowerOrGreaterThanUpperThreshold")
                .thresholdMetricId("ad1")
                .metrics(List.of(
                        new AlarmMetric.MetricQuery(
                                "m1",
                                null,
                                null,
                                true,
                                new AlarmMetric.MetricStat(
                                        "AWS/EC2",
                                        "CPUUtilization",
                                        Map.of("InstanceId", "i-12345678901234567"),
                                        60,
                                        "Average")),
                        new AlarmMetric.MetricQuery(
                                "ad1", "ANOMALY_DETECTION_BAND(m1, 0.8)", "CPUUtilization (expected)", true, null)))
                .build();
    }

    static AlarmMetric compositeMetric() {
        return AlarmMetric.builder()
                .alarmName("ServiceAggregatedAlarm")
                .alarmRule("ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)")
                .children(List.of(new AlarmMetric.ChildAlarm("ServerCpuTooHigh", "ALARM")))
                .build();
    }

    static AlertEvent withMetric(AlertEvent e, AlarmMetric metric) {
        return new AlertEvent(
                e.eventId(),
                e.fingerprint(),
                e.source(),
                e.status(),
                e.severity(),
                e.title(),
                e.summary(),
                e.occurredAt(),
                e.labels(),
                e.annotations(),
                e.links(),
                e.suppressedBy(),
                metric,
                null);
    }

    @Test
    void shouldWriteAnomalySeriesPointsAsArraysOfNumbersAndReadThemBack() {
        AnomalySeries series = series();
        JsonSerde<AnomalySeries> serde = JsonSerde.of(AnomalySeries.class);

        String json = new String(serde.toBytes(series), StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"detector\":\"numenta\",\"series\":\"cpu-i-1\",\"rule\":\"rcf\",\"fireThreshold\":0.6,"
                        + "\"clearThreshold\":0.3,\"points\":[[1700000000000,0.12,41.5],[1700000060000,0.93,null]]}");
        assertThat(roundTrip(AnomalySeries.class, series)).isEqualTo(series);
        assertThat(roundTrip(AnomalySeries.class, series).points().get(1).time())
                .isEqualTo(Instant.parse("2023-11-14T22:14:20Z"));
    }

    @Test
    void shouldRoundTripScoresOnAlertEventAndMemberAndReadJsonWrittenWithoutThem() {
        AlertEvent plain = alert();
        AlertEvent event = new AlertEvent(
                plain.eventId(),
                plain.fingerprint(),
                "anomaly",
                plain.status(),
                plain.severity(),
                plain.title(),
                plain.summary(),
                plain.occurredAt(),
                plain.labels(),
                plain.annotations(),
                plain.links(),
                null,
                null,
                series());
        IncidentMember member = new IncidentMember(
                "anomaly:numenta:cpu-i-1",
                "anomaly",
                "Anomaly in series cpu-i-1",
                AlertStatus.FIRING,
                Severity.WARNING,
                "e2",
                T0,
                false,
                Map.of("detector", "numenta"),
                List.of(),
                null,
                series());

        assertThat(roundTrip(AlertEvent.class, event)).isEqualTo(event);
        assertThat(roundTrip(AlertEvent.class, event.suppressed("maint-1")).scores())
                .isEqualTo(series());
        assertThat(roundTrip(IncidentMember.class, member)).isEqualTo(member);
        assertThat(roundTrip(IncidentMember.class, member.withSuppressed(true)).scores())
                .isEqualTo(series());
        assertThat(roundTrip(AlertEvent.class, plain).scores()).isNull();
        assertThat(new String(JsonSerde.of(AlertEvent.class).toBytes(plain), StandardCharsets.UTF_8))
                .as("no scores, no key")
                .doesNotContain("scores");
        assertThat(JsonSerde.of(IncidentMember.class)
                        .fromBytes("{\"fingerprint\":\"f1\",\"status\":\"FIRING\"}".getBytes(StandardCharsets.UTF_8))
                        .scores())
                .isNull();
        assertThat(member.withoutScores().scores()).isNull();
        assertThat(member.withoutScores().annotations()).isEqualTo(member.annotations());
        assertThat(member.withoutDetails().hasDetails()).isFalse();
    }

    @Test
    void shouldPassTombstonesThrough() {
        JsonSerde<Rule> serde = JsonSerde.of(Rule.class);
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectJsonNullBytesAsNoValueRatherThanReadThemAsATombstone() {
        JsonSerde<AnomalyScore> serde = JsonSerde.of(AnomalyScore.class);

        assertThatThrownBy(() -> serde.deserialize("scores", " null ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid AnomalyScore on topic scores: JSON null is no value (a tombstone has no"
                        + " bytes at all)");
    }

    @Test
    void shouldRejectAScoreWhoseTimestampIsNoRecordTimestamp() {
        JsonSerde<AnomalyScore> serde = JsonSerde.of(AnomalyScore.class);
        String far = "{\"detector\":\"d\",\"series\":\"s\",\"timestamp\":\"+1000000000-12-31T23:59:59Z\","
                + "\"score\":0.9}";

        assertThatThrownBy(() -> serde.deserialize("scores", far.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("timestamp must be within the range of epoch milliseconds");
    }

    static AnomalySeries series() {
        return new AnomalySeries(
                "numenta",
                "cpu-i-1",
                "rcf",
                0.6,
                0.3,
                List.of(
                        new AnomalySeries.Point(1_700_000_000_000L, 0.12, 41.5),
                        new AnomalySeries.Point(1_700_000_060_000L, 0.93, null)));
    }

    static AlertEvent alert() {
        return new AlertEvent(
                "e1",
                "arn:aws:cloudwatch:eu-west-2:1:alarm:a",
                "cloudwatch",
                AlertStatus.FIRING,
                Severity.CRITICAL,
                "a in ALARM",
                "summary",
                T0,
                Map.of("region", "eu-west-2"),
                Map.of("description", "d"),
                List.of(new Link("console", "https://example.com")),
                null,
                null,
                null);
    }

    /** An acknowledged incident with one member, a timeline entry and its Slack message. */
    static Incident.Builder incidentBuilder() {
        return Incident.builder()
                .groupKey("g")
                .incidentId("INC-7F3A")
                .version(3)
                .state(IncidentState.ACKNOWLEDGED)
                .acknowledgedBy("U1")
                .acknowledgedAt(T0)
                .severity(Severity.CRITICAL)
                .title("api down")
                .routeId("default")
                .channel("#alerts")
                .groupLabels(Map.of("service", "api"))
                .members(List.of(new IncidentMember(
                        "f1", "cloudwatch", "api-5xx", AlertStatus.FIRING, Severity.CRITICAL, "e1", T0, false)))
                .firstSeen(T0)
                .lastSeen(T0.plusSeconds(5))
                .alertCount(2)
                .escalationLevel(1)
                .timeline(List.of(new TimelineEntry(T0, TimelineEntry.Kind.OPENED, "opened", null)))
                .slackMessage(new SlackMessageRef("C1", "1700000000.000100"));
    }
}
