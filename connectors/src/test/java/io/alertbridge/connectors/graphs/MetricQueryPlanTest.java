package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricQueryPlanTest {

    private static final MetricQueryPlan.Window WINDOW = MetricQueryPlan.Window.defaults();

    private static MetricQueryPlan.Queries queries(MetricQueryPlan.Plan plan) {
        assertThat(plan).isInstanceOf(MetricQueryPlan.Queries.class);
        return (MetricQueryPlan.Queries) plan;
    }

    @Test
    void shouldAskForTheSingleMetricWithTheAlarmsStatisticPeriodAndUnitFromThreeHoursBeforeTheChange() {
        Instant changed = Instant.parse("2019-10-02T17:04:40.989Z");
        Instant now = changed.plus(Duration.ofMinutes(7));

        MetricQueryPlan.Queries plan = queries(MetricQueryPlan.plan(
                Fixtures.metric("eventbridge_cloudwatch_alarm_state_change_single_metric"), changed, now, WINDOW));

        assertThat(plan.queries()).hasSize(1);
        MetricDataQuery q = plan.queries().get(0);
        assertThat(q.id()).isEqualTo("m1");
        assertThat(q.returnData()).isTrue();
        assertThat(q.metricStat().stat()).isEqualTo("Average");
        assertThat(q.metricStat().period()).isEqualTo(300);
        assertThat(q.metricStat().metric().namespace()).isEqualTo("AWS/EC2");
        assertThat(q.metricStat().metric().metricName()).isEqualTo("CPUUtilization");
        assertThat(q.metricStat().metric().dimensions())
                .containsExactly(Dimension.builder()
                        .name("InstanceId")
                        .value("i-12345678901234567")
                        .build());
        assertThat(plan.start())
                .as("3 h before, aligned down to the 5 min period")
                .isEqualTo("2019-10-02T14:00:00Z");
        assertThat(plan.end()).as("up to the end of the current period").isEqualTo("2019-10-02T17:15:00Z");
        assertThat(plan.threshold()).isEqualTo(50.0);
        assertThat(plan.comparisonOperator()).isEqualTo("GreaterThanThreshold");
        assertThat(plan.seriesId()).isEqualTo("m1");
        assertThat(plan.bandId()).isNull();
        assertThat(plan.region()).isEqualTo("us-east-1");
    }

    @Test
    void shouldPassTheSnsAlarmsUnitAndCapitalisedStatisticAsQueriesNameThem() {
        Instant changed = Instant.parse("2015-06-03T17:43:27.123Z");

        MetricQueryPlan.Queries plan = queries(MetricQueryPlan.plan(
                Fixtures.metric("cloudwatch_alarm_sns_single_metric"), changed, changed.plusSeconds(60), WINDOW));

        assertThat(plan.queries().get(0).metricStat().stat()).isEqualTo("Average");
        assertThat(plan.queries().get(0).metricStat().unitAsString()).isEqualTo("Bytes");
        assertThat(plan.queries().get(0).metricStat().period()).isEqualTo(60);
        assertThat(plan.threshold()).isEqualTo(0.0);
    }

    @Test
    void shouldAskForEveryMetricMathQueryAndReturnOnlyTheAlarmsSeries() {
        Instant changed = Instant.parse("2019-10-02T17:20:48.554Z");

        MetricQueryPlan.Queries plan = queries(MetricQueryPlan.plan(
                Fixtures.metric("eventbridge_cloudwatch_alarm_state_change_metric_math"),
                changed,
                changed.plusSeconds(30),
                WINDOW));

        assertThat(plan.queries()).extracting(MetricDataQuery::id).containsExactly("e1", "m1", "m2");
        assertThat(plan.queries()).extracting(MetricDataQuery::returnData).containsExactly(true, false, false);
        assertThat(plan.queries().get(0).expression()).isEqualTo("SUM(METRICS())");
        assertThat(plan.queries().get(0).label()).isEqualTo("Total Network Traffic");
        assertThat(plan.queries().get(1).metricStat().stat()).isEqualTo("Maximum");
        assertThat(plan.queries().get(2).metricStat().metric().metricName()).isEqualTo("NetworkOut");
        assertThat(plan.seriesId()).isEqualTo("e1");
        assertThat(plan.threshold()).isEqualTo(10000.0);
        assertThat(plan.periodSeconds()).isEqualTo(300);
    }

    @Test
    void shouldAskForTheSnsMetricMathExpressionOverItsInput() {
        Instant changed = Instant.parse("2015-06-03T17:43:27.123Z");

        MetricQueryPlan.Queries plan = queries(MetricQueryPlan.plan(
                Fixtures.metric("cloudwatch_alarm_sns_metric_math"), changed, changed.plusSeconds(60), WINDOW));

        assertThat(plan.queries()).extracting(MetricDataQuery::id).containsExactly("e1", "m1");
        assertThat(plan.queries().get(0).expression()).isEqualTo("m1*1");
        assertThat(plan.seriesId()).isEqualTo("e1");
        assertThat(plan.queries().get(1).returnData()).isFalse();
    }

    @Test
    void shouldReturnTheMetricAndItsAnomalyBandWithoutAStaticThreshold() {
        Instant changed = Instant.parse("2019-10-03T16:00:04.653Z");

        MetricQueryPlan.Queries plan = queries(MetricQueryPlan.plan(
                Fixtures.metric("eventbridge_cloudwatch_alarm_state_change_anomaly_detection"),
                changed,
                changed.plusSeconds(120),
                WINDOW));

        assertThat(plan.queries()).extracting(MetricDataQuery::id).containsExactly("m1", "ad1");
        assertThat(plan.queries()).extracting(MetricDataQuery::returnData).containsExactly(true, true);
        assertThat(plan.queries().get(1).expression()).isEqualTo("ANOMALY_DETECTION_BAND(m1, 0.8)");
        assertThat(plan.seriesId()).isEqualTo("m1");
        assertThat(plan.bandId()).isEqualTo("ad1");
        assertThat(plan.threshold()).isNull();
        assertThat(plan.comparisonOperator()).isEqualTo("LessThanLowerOrGreaterThanUpperThreshold");
        assertThat(plan.start()).isEqualTo("2019-10-03T13:00:00Z");
    }

    @ParameterizedTest
    @CsvSource({
        "cloudwatch_alarm_sns_composite,1",
        "eventbridge_cloudwatch_alarm_state_change_composite_with_suppressor,1"
    })
    void shouldFetchNothingForACompositeAndShowItsChildrenInstead(String sample, int children) {
        Instant changed = Instant.parse("2022-07-22T15:57:45Z");

        MetricQueryPlan.Plan plan =
                MetricQueryPlan.plan(Fixtures.metric(sample), changed, changed.plusSeconds(60), WINDOW);

        assertThat(plan).isInstanceOfSatisfying(MetricQueryPlan.Children.class, c -> {
            assertThat(c.children()).hasSize(children);
            assertThat(c.children().get(0).state()).isEqualTo("ALARM");
            assertThat(c.alarmRule()).isNotBlank();
        });
    }

    @Test
    void shouldCapTheWindowAndShareACacheKeyWithinAPeriod() {
        AlarmMetric metric = Fixtures.metric("eventbridge_cloudwatch_alarm_state_change_single_metric");
        Instant changed = Instant.parse("2019-10-02T17:04:40Z");
        Instant muchLater = changed.plus(Duration.ofDays(3));

        MetricQueryPlan.Queries late = queries(MetricQueryPlan.plan(metric, changed, muchLater, WINDOW));
        MetricQueryPlan.Queries a = queries(MetricQueryPlan.plan(metric, changed, changed.plusSeconds(30), WINDOW));
        MetricQueryPlan.Queries b = queries(MetricQueryPlan.plan(metric, changed, changed.plusSeconds(200), WINDOW));
        MetricQueryPlan.Queries c = queries(MetricQueryPlan.plan(metric, changed, changed.plusSeconds(400), WINDOW));

        assertThat(Duration.between(late.start(), late.end())).isEqualTo(Duration.ofHours(24));
        assertThat(a.cacheKey()).isEqualTo(b.cacheKey());
        assertThat(c.cacheKey()).isNotEqualTo(a.cacheKey());
        assertThat(a.cacheKey()).startsWith("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh|");
    }

    @Test
    void shouldSayWhyThereIsNothingToFetch() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");

        assertThat(MetricQueryPlan.plan(null, t, t, WINDOW).reason()).isEqualTo("no alarm metric");
        assertThat(MetricQueryPlan.plan(AlarmMetric.builder().alarmName("a").build(), t, t, WINDOW)
                        .reason())
                .isEqualTo("the alarm message names no metric");
        assertThat(MetricQueryPlan.plan(
                                AlarmMetric.builder()
                                        .namespace("AWS/EC2")
                                        .metricName("CPU")
                                        .build(),
                                t,
                                t.plusSeconds(60),
                                WINDOW)
                        .reason())
                .isEqualTo("the alarm names no statistic for CPU");
        assertThat(MetricQueryPlan.plan(
                        AlarmMetric.builder()
                                .metrics(List.of(new AlarmMetric.MetricQuery("e1", "m1*2", null, false, null)))
                                .build(),
                        t,
                        t.plusSeconds(60),
                        WINDOW))
                .isInstanceOfSatisfying(MetricQueryPlan.Nothing.class, n -> assertThat(n.reason())
                        .isEqualTo("no metric-math query returns data"));
    }

    @ParameterizedTest
    @CsvSource({"60,60", "300,300", "1,1", "30,30", "45,60", "0,60", "90,60", "3600,3600"})
    void shouldUseOnlyPeriodsCloudWatchAccepts(int given, int used) {
        assertThat(MetricQueryPlan.period(given)).isEqualTo(used);
    }
}
