package io.alertbridge.schemas.model;

import io.alertbridge.schemas.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmMetricTest {

    @Test
    void shouldCutEveryStringAndListToItsBound() {
        String longText = "x".repeat(5_000);
        Map<String, String> dimensions = new LinkedHashMap<>();
        IntStream.range(0, 40).forEach(i -> dimensions.put("d" + i, longText));
        List<AlarmMetric.MetricQuery> queries = IntStream.range(0, 25)
                .mapToObj(i -> new AlarmMetric.MetricQuery("m" + i, longText, longText, true, null))
                .toList();
        List<AlarmMetric.ChildAlarm> children = IntStream.range(0, 25)
                .mapToObj(i -> new AlarmMetric.ChildAlarm(longText, longText))
                .toList();

        AlarmMetric metric = AlarmMetric.builder()
                .alarmName(longText)
                .alarmArn(longText)
                .namespace(longText)
                .dimensions(dimensions)
                .metrics(queries)
                .alarmRule(longText)
                .children(children)
                .build();

        assertThat(metric.alarmName()).hasSize(AlarmMetric.MAX_TEXT).endsWith("\u2026");
        assertThat(metric.alarmArn()).hasSize(AlarmMetric.MAX_EXPRESSION);
        assertThat(metric.namespace()).hasSize(AlarmMetric.MAX_TEXT);
        assertThat(metric.dimensions()).hasSize(AlarmMetric.MAX_DIMENSIONS).containsKey("d0");
        assertThat(metric.dimensions().values()).allSatisfy(v -> assertThat(v).hasSize(AlarmMetric.MAX_TEXT));
        assertThat(metric.metrics()).hasSize(AlarmMetric.MAX_METRICS);
        assertThat(metric.metrics().get(0).expression()).hasSize(AlarmMetric.MAX_EXPRESSION);
        assertThat(metric.metrics().get(0).label()).hasSize(AlarmMetric.MAX_TEXT);
        assertThat(metric.alarmRule()).hasSize(AlarmMetric.MAX_EXPRESSION);
        assertThat(metric.children()).hasSize(AlarmMetric.MAX_CHILDREN);
        assertThat(JsonSerde.of(AlarmMetric.class).toBytes(metric).length)
                .as("the worst case stays small enough to ride on every event")
                .isLessThan(40_000);
    }

    @Test
    void shouldKeepDimensionsInTheMessagesOrderAndDropNullsAndNonFiniteThresholds() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("LoadBalancer", "app/api/1");
        dimensions.put("Empty", null);
        dimensions.put("AvailabilityZone", "eu-west-2a");

        AlarmMetric metric = AlarmMetric.builder()
                .dimensions(dimensions)
                .threshold(Double.NaN)
                .build();

        assertThat(metric.dimensions())
                .containsExactly(Map.entry("LoadBalancer", "app/api/1"), Map.entry("AvailabilityZone", "eu-west-2a"));
        assertThat(metric.threshold()).isNull();
        assertThat(metric.metrics()).isEmpty();
        assertThat(metric.children()).isEmpty();
    }

    @Test
    void shouldTellTheKindFromWhatIsPresent() {
        assertThat(AlarmMetric.builder()
                        .namespace("AWS/EC2")
                        .metricName("CPU")
                        .build()
                        .kind())
                .isEqualTo(AlarmMetric.Kind.SINGLE_METRIC);
        assertThat(AlarmMetric.builder()
                        .metrics(List.of(new AlarmMetric.MetricQuery("e1", "SUM(METRICS())", null, true, null)))
                        .build()
                        .kind())
                .isEqualTo(AlarmMetric.Kind.METRIC_MATH);
        assertThat(AlarmMetric.builder()
                        .metrics(List.of(
                                new AlarmMetric.MetricQuery("ad1", "anomaly_detection_band(m1, 2)", null, true, null)))
                        .build()
                        .kind())
                .isEqualTo(AlarmMetric.Kind.ANOMALY_DETECTION);
        assertThat(AlarmMetric.builder().alarmRule("ALARM(a)").build().kind()).isEqualTo(AlarmMetric.Kind.COMPOSITE);
        assertThat(AlarmMetric.builder().namespace("AWS/EC2").build().kind()).isEqualTo(AlarmMetric.Kind.UNKNOWN);
    }
}
