package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.graphs.FetchResult.Outcome;
import io.alertbridge.schemas.model.AlarmMetric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartModelsTest {

    private static final Instant T0 = Instant.parse("2019-10-02T14:00:00Z");

    private static List<TimePoint> series(double... values) {
        List<TimePoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new TimePoint(T0.plusSeconds(300L * i), values[i]));
        }
        return points;
    }

    @Test
    void shouldMarkBreachesAndShadeWhereMOfNDatapointsBreach() {
        AlarmMetric metric = AlarmMetric.builder()
                .alarmName("ServerCpuTooHigh")
                .namespace("AWS/EC2")
                .metricName("CPUUtilization")
                .statistic("Average")
                .period(300)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .threshold(50.0)
                .comparisonOperator("GreaterThanThreshold")
                .build();
        MetricQueryPlan.Queries plan = (MetricQueryPlan.Queries) MetricQueryPlan.plan(
                metric, T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(3)), MetricQueryPlan.Window.defaults());
        FetchResult data =
                new FetchResult(Outcome.FETCHED, series(10, 60, 10, 70, 10, 10, 10, 80), List.of(), List.of(), 1, "");

        ChartModel model = ChartModels.forAlarm(metric, plan, data, ZoneOffset.UTC);

        assertThat(model.breaches()).extracting(TimePoint::value).containsExactly(60.0, 70.0, 80.0);
        assertThat(model.alarmIntervals())
                .as("2 of the last 3 breach at the 4th datapoint only: ALARM from it until the 5th")
                .containsExactly(new ChartModel.Interval(T0.plusSeconds(900), T0.plusSeconds(1200)));
        assertThat(model.thresholds())
                .containsExactly(new ChartModel.Threshold(50.0, "threshold > 50", ChartModel.Threshold.Kind.FIRE));
        assertThat(model.seriesName()).isEqualTo("CPUUtilization (Average)");
        assertThat(model.subtitle()).isEqualTo("AWS/EC2 · 5 min · ALARM when > 50");
    }

    @Test
    void shouldBreachOutsideTheAnomalyBandAtTheSameTime() {
        FetchResult data = new FetchResult(
                Outcome.FETCHED, series(0.1, 0.5, 0.0), series(0.02, 0.02, 0.02), series(0.3, 0.3, 0.3), 1, "");

        assertThat(series(0.1, 0.5, 0.0).stream()
                        .filter(ChartModels.breaching("LessThanLowerOrGreaterThanUpperThreshold", null, data))
                        .map(TimePoint::value))
                .containsExactly(0.5, 0.0);
        assertThat(series(0.1, 0.5, 0.0).stream()
                        .filter(ChartModels.breaching("GreaterThanUpperThreshold", null, data))
                        .map(TimePoint::value))
                .containsExactly(0.5);
    }

    @Test
    void shouldShadeAnAnomalyFromTheFireThresholdUntilAScoreBelowClear() {
        List<ChartModels.ScorePoint> points = new ArrayList<>();
        double[] scores = {0.1, 0.9, 0.7, 0.6, 0.3, 0.2, 0.85};
        for (int i = 0; i < scores.length; i++) {
            points.add(new ChartModels.ScorePoint(T0.plusSeconds(60L * i), scores[i], i == 2 ? null : 10.0 * i));
        }
        Instant end = T0.plusSeconds(600);

        ChartModel model = ChartModels.forAnomaly("s", null, points, 0.8, 0.5, T0, end, ZoneOffset.UTC);

        assertThat(model.alarmIntervals())
                .containsExactly(
                        new ChartModel.Interval(T0.plusSeconds(60), T0.plusSeconds(240)),
                        new ChartModel.Interval(T0.plusSeconds(360), end));
        assertThat(model.breaches()).extracting(TimePoint::value).containsExactly(0.9, 0.85);
        assertThat(model.secondary()).hasSize(6);
        assertThat(model.secondaryName()).isEqualTo("observed value");
        assertThat(model.thresholds())
                .extracting(ChartModel.Threshold::kind)
                .containsExactly(ChartModel.Threshold.Kind.FIRE, ChartModel.Threshold.Kind.CLEAR);
        assertThat(ChartModels.forAnomaly("s", null, List.of(), 0.8, 0.5, T0, end, ZoneOffset.UTC))
                .isNull();
    }

    @Test
    void shouldWriteNumbersShortly() {
        assertThat(ChartModels.number(50.0)).isEqualTo("50");
        assertThat(ChartModels.number(0.8)).isEqualTo("0.8");
        assertThat(ChartModels.number(0.30069153)).isEqualTo("0.3007");
        assertThat(ChartModels.number(1e10)).isEqualTo("10000000000");
    }
}
