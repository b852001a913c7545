package io.alertbridge.connectors.aws;

import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch alarm's definition and current state as {@code DescribeAlarms} returns it, in Alertbridge's own
 * terms so that what shows it ({@code /alerts alarm NAME}) is a pure function of this record, testable without the
 * SDK. Text in here comes from AWS as it is (an alarm's name and description are anyone's text): escape it before
 * Slack or a log. Immutable.
 *
 * @param kind metric (with a threshold or metric math) or composite
 * @param name the alarm's name
 * @param arn its ARN
 * @param description its description, or null
 * @param state {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param stateReason why it is in that state, or null
 * @param stateSince when it entered that state (the last transition; else the last state update), or null
 * @param actionsEnabled false when its actions are disabled (none of them runs)
 * @param alarmActions ARNs run on entering ALARM
 * @param okActions ARNs run on entering OK
 * @param insufficientDataActions ARNs run on entering INSUFFICIENT_DATA
 * @param condition a metric alarm's condition; null for a composite alarm
 * @param alarmRule a composite alarm's rule; null for a metric alarm
 * @param actionsSuppressor a composite alarm's actions suppressor (an alarm name or ARN), or null
 */
public record AlarmDefinition(
        Kind kind,
        String name,
        String arn,
        String description,
        String state,
        String stateReason,
        Instant stateSince,
        boolean actionsEnabled,
        List<String> alarmActions,
        List<String> okActions,
        List<String> insufficientDataActions,
        Condition condition,
        String alarmRule,
        String actionsSuppressor) {

    /** What kind of alarm. */
    public enum Kind {
        METRIC,
        COMPOSITE
    }

    public AlarmDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
        okActions = okActions == null ? List.of() : List.copyOf(okActions);
        insufficientDataActions = insufficientDataActions == null ? List.of() : List.copyOf(insufficientDataActions);
    }

    /**
     * A metric alarm's condition: on one metric ({@code namespace}, {@code metricName}, {@code dimensions},
     * {@code statistic} or {@code extendedStatistic}, {@code periodSeconds}) or on metric math ({@code metrics}).
     *
     * @param namespace the metric's namespace, or null for metric math
     * @param metricName the metric's name, or null for metric math
     * @param dimensions the metric's dimensions, in AWS's order
     * @param statistic {@code Average}, {@code Sum}, ... or null
     * @param extendedStatistic a percentile such as {@code p99}, or null
     * @param periodSeconds the period, or null for metric math (each query has its own)
     * @param unit the unit, or null
     * @param evaluationPeriods how many periods are evaluated
     * @param datapointsToAlarm how many of them must breach (null means all of them)
     * @param threshold the threshold, or null for an anomaly detection band
     * @param comparison AWS's comparison operator, e.g. {@code GreaterThanOrEqualToThreshold}
     * @param thresholdMetricId the id of the anomaly detection band query, or null
     * @param treatMissingData {@code missing}, {@code notBreaching}, {@code breaching}, {@code ignore}, or null
     * @param metrics the metric math queries, empty for a single metric
     */
    public record Condition(
            String namespace,
            String metricName,
            Map<String, String> dimensions,
            String statistic,
            String extendedStatistic,
            Integer periodSeconds,
            String unit,
            Integer evaluationPeriods,
            Integer datapointsToAlarm,
            Double threshold,
            String comparison,
            String thresholdMetricId,
            String treatMissingData,
            List<Query> metrics) {

        public Condition {
            dimensions = dimensions == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
        }
    }

    /**
     * One query of a metric math alarm: an expression, or a metric with its statistic and period.
     *
     * @param id the query's id ({@code m1}, {@code e1})
     * @param expression the expression, or null for a metric
     * @param label its label, or null
     * @param returnData true for the query whose result the alarm evaluates
     * @param namespace the metric's namespace, or null for an expression
     * @param metricName the metric's name, or null for an expression
     * @param dimensions the metric's dimensions
     * @param stat the statistic, or null
     * @param periodSeconds the period, or null
     */
    public record Query(
            String id,
            String expression,
            String label,
            boolean returnData,
            String namespace,
            String metricName,
            Map<String, String> dimensions,
            String stat,
            Integer periodSeconds) {

        public Query {
            dimensions = dimensions == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        }
    }

    /** A metric alarm as {@code DescribeAlarms} returned it. */
    public static AlarmDefinition of(MetricAlarm a) {
        Condition condition = new Condition(
                a.namespace(),
                a.metricName(),
                dimensions(a.dimensions()),
                a.statisticAsString(),
                a.extendedStatistic(),
                a.period(),
                a.unitAsString(),
                a.evaluationPeriods(),
                a.datapointsToAlarm(),
                a.threshold(),
                a.comparisonOperatorAsString(),
                a.thresholdMetricId(),
                a.treatMissingData(),
                a.metrics().stream().map(AlarmDefinition::query).toList());
        return new AlarmDefinition(
                Kind.METRIC,
                a.alarmName(),
                a.alarmArn(),
                a.alarmDescription(),
                a.stateValueAsString(),
                a.stateReason(),
                a.stateTransitionedTimestamp() != null ? a.stateTransitionedTimestamp() : a.stateUpdatedTimestamp(),
                !Boolean.FALSE.equals(a.actionsEnabled()),
                a.alarmActions(),
                a.okActions(),
                a.insufficientDataActions(),
                condition,
                null,
                null);
    }

    /** A composite alarm as {@code DescribeAlarms} returned it. */
    public static AlarmDefinition of(CompositeAlarm a) {
        return new AlarmDefinition(
                Kind.COMPOSITE,
                a.alarmName(),
                a.alarmArn(),
                a.alarmDescription(),
                a.stateValueAsString(),
                a.stateReason(),
                a.stateTransitionedTimestamp() != null ? a.stateTransitionedTimestamp() : a.stateUpdatedTimestamp(),
                !Boolean.FALSE.equals(a.actionsEnabled()),
                a.alarmActions(),
                a.okActions(),
                a.insufficientDataActions(),
                null,
                a.alarmRule(),
                a.actionsSuppressor());
    }

    private static Query query(MetricDataQuery q) {
        var stat = q.metricStat();
        var metric = stat == null ? null : stat.metric();
        return new Query(
                q.id(),
                q.expression(),
                q.label(),
                // AWS's default: a query returns data unless told otherwise.
                !Boolean.FALSE.equals(q.returnData()),
                metric == null ? null : metric.namespace(),
                metric == null ? null : metric.metricName(),
                metric == null ? Map.of() : dimensions(metric.dimensions()),
                stat == null ? null : stat.stat(),
                stat != null && stat.period() != null ? stat.period() : q.period());
    }

    private static Map<String, String> dimensions(List<Dimension> dimensions) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            out.put(d.name(), d.value() == null ? "" : d.value());
        }
        return out;
    }
}
