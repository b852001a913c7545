package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What CloudWatch needs to fetch the series behind an alarm, as the alarm's own state-change message described it
 * (the SNS alarm message's {@code Trigger}, or EventBridge's {@code detail.configuration}): a single metric, a
 * metric-math alarm ({@link #metrics()} with {@code ReturnData}), an anomaly-detection alarm (metric math whose
 * {@link #thresholdMetricId()} names an {@code ANOMALY_DETECTION_BAND} expression) or a composite alarm
 * ({@link #alarmRule()} and {@link #children()}, no metric at all).
 *
 * <p>Bounded, because it rides on every alert event and incident member written to state stores and topics: every
 * string is cut to {@link #MAX_TEXT} characters (expressions and the alarm rule to {@link #MAX_EXPRESSION}),
 * dimensions to {@link #MAX_DIMENSIONS}, metrics to {@link #MAX_METRICS} and children to {@link #MAX_CHILDREN}; a
 * non-finite threshold is dropped. A cut string ends with an ellipsis and no longer names anything CloudWatch
 * knows; whoever builds one from a message refuses a definition that does not fit rather than cutting it. Every
 * component may be null (or empty) when the message did not say it: an instance is what the message held, not a
 * validated query. Immutable and thread-safe; nulls and empty collections are left out of its JSON.
 *
 * @param region the alarm's region code ({@code eu-west-2})
 * @param account the alarm's account id
 * @param alarmName the alarm's name
 * @param alarmArn the alarm's ARN
 * @param namespace a single-metric alarm's namespace ({@code AWS/EC2})
 * @param metricName a single-metric alarm's metric name
 * @param dimensions a single-metric alarm's dimensions, in the message's order
 * @param statistic the statistic as CloudWatch names it in queries ({@code Average}, {@code Sum},
 *     {@code SampleCount}, {@code Minimum}, {@code Maximum}); the SNS message writes it in capitals
 * @param extendedStatistic a percentile or trimmed statistic ({@code p99}, {@code tm90}) instead of a statistic
 * @param unit the metric's unit, when the alarm names one
 * @param period the alarm's period in seconds
 * @param evaluationPeriods how many periods it evaluates
 * @param datapointsToAlarm how many of those must breach (M of N); null means all of them
 * @param threshold the static threshold; null for anomaly-detection alarms and when the message did not say
 * @param comparisonOperator CloudWatch's operator name ({@code GreaterThanThreshold},
 *     {@code LessThanLowerOrGreaterThanUpperThreshold}, ...)
 * @param treatMissingData {@code missing}, {@code notBreaching}, {@code breaching} or {@code ignore}
 * @param thresholdMetricId the id of the metric-math expression that is the threshold (an anomaly band)
 * @param metrics a metric-math alarm's queries, in the message's order; empty for a single metric
 * @param alarmRule a composite alarm's rule
 * @param children a composite alarm's children with their states, where the message names them
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AlarmMetric(
        String region,
        String account,
        String alarmName,
        String alarmArn,
        String namespace,
        String metricName,
        Map<String, String> dimensions,
        String statistic,
        String extendedStatistic,
        String unit,
        Integer period,
        Integer evaluationPeriods,
        Integer datapointsToAlarm,
        Double threshold,
        String comparisonOperator,
        String treatMissingData,
        String thresholdMetricId,
        List<MetricQuery> metrics,
        String alarmRule,
        List<ChildAlarm> children) {

    /** Characters kept of any name, id, label or other string. */
    public static final int MAX_TEXT = 256;

    /** Characters kept of a metric-math expression or a composite alarm's rule. */
    public static final int MAX_EXPRESSION = 1_024;

    /** Dimensions kept per metric (CloudWatch allows 30). */
    public static final int MAX_DIMENSIONS = 30;

    /** Queries kept of a metric-math alarm (CloudWatch allows 10 metrics in an alarm). */
    public static final int MAX_METRICS = 10;

    /** Children kept of a composite alarm. */
    public static final int MAX_CHILDREN = 10;

    private static final String ELLIPSIS = "\u2026";

    public AlarmMetric {
        region = cut(region, MAX_TEXT);
        account = cut(account, MAX_TEXT);
        alarmName = cut(alarmName, MAX_TEXT);
        alarmArn = cut(alarmArn, MAX_EXPRESSION);
        namespace = cut(namespace, MAX_TEXT);
        metricName = cut(metricName, MAX_TEXT);
        dimensions = boundedDimensions(dimensions);
        statistic = cut(statistic, MAX_TEXT);
        extendedStatistic = cut(extendedStatistic, MAX_TEXT);
        unit = cut(unit, MAX_TEXT);
        threshold = threshold == null || !Double.isFinite(threshold) ? null : threshold;
        comparisonOperator = cut(comparisonOperator, MAX_TEXT);
        treatMissingData = cut(treatMissingData, MAX_TEXT);
        thresholdMetricId = cut(thresholdMetricId, MAX_TEXT);
        metrics = first(metrics, MAX_METRICS);
        alarmRule = cut(alarmRule, MAX_EXPRESSION);
        children = first(children, MAX_CHILDREN);
    }

    /** What kind of alarm this describes, which decides how its graph is drawn. */
    public enum Kind {
        /** One metric with a statistic, compared with a static threshold. */
        SINGLE_METRIC,
        /** Metric math: queries, one of which returns the alarm's series. */
        METRIC_MATH,
        /** Metric math whose threshold is an {@code ANOMALY_DETECTION_BAND} expression. */
        ANOMALY_DETECTION,
        /** A rule over other alarms: no metric of its own. */
        COMPOSITE,
        /** The message named neither a metric, nor queries, nor a rule. */
        UNKNOWN
    }

    /** The kind, from what is present: a rule makes a composite, a band expression an anomaly alarm. */
    @JsonIgnore
    public Kind kind() {
        if (alarmRule != null || !children.isEmpty()) {
            return Kind.COMPOSITE;
        }
        if (!metrics.isEmpty()) {
            return metrics.stream().anyMatch(MetricQuery::isAnomalyBand) ? Kind.ANOMALY_DETECTION : Kind.METRIC_MATH;
        }
        if (namespace != null && metricName != null) {
            return Kind.SINGLE_METRIC;
        }
        return Kind.UNKNOWN;
    }

    /** A builder with every component null or empty. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One query of a metric-math alarm: either an expression over other queries' ids, or a metric with a statistic.
     *
     * @param id the query's id ({@code m1}, {@code e1}, {@code ad1})
     * @param expression a metric-math expression, or null for a metric
     * @param label the label the alarm gave it
     * @param returnData whether the alarm uses this query's result (null: the message did not say)
     * @param metricStat the metric and statistic, or null for an expression
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MetricQuery(String id, String expression, String label, Boolean returnData, MetricStat metricStat) {
        public MetricQuery {
            id = cut(id, MAX_TEXT);
            expression = cut(expression, MAX_EXPRESSION);
            label = cut(label, MAX_TEXT);
        }

        /** True for an {@code ANOMALY_DETECTION_BAND(...)} expression. */
        @JsonIgnore
        public boolean isAnomalyBand() {
            return expression != null && expression.toUpperCase(Locale.ROOT).contains("ANOMALY_DETECTION_BAND");
        }
    }

    /**
     * A metric and the statistic a metric-math query takes of it.
     *
     * @param namespace the namespace
     * @param metricName the metric name
     * @param dimensions its dimensions, in the message's order
     * @param period the period in seconds
     * @param stat the statistic ({@code Average}, {@code p99}, ...)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MetricStat(
            String namespace, String metricName, Map<String, String> dimensions, Integer period, String stat) {
        public MetricStat {
            namespace = cut(namespace, MAX_TEXT);
            metricName = cut(metricName, MAX_TEXT);
            dimensions = boundedDimensions(dimensions);
            stat = cut(stat, MAX_TEXT);
        }
    }

    /**
     * A composite alarm's child as the message names it.
     *
     * @param name the child's name, or its ARN when the message gave only that
     * @param state its state ({@code ALARM}, {@code OK}, {@code INSUFFICIENT_DATA}), or null when not given
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ChildAlarm(String name, String state) {
        public ChildAlarm {
            name = cut(name, MAX_EXPRESSION);
            state = cut(state, MAX_TEXT);
        }
    }

    /** Builds an {@link AlarmMetric}; not thread-safe. */
    public static final class Builder {
        private String region;
        private String account;
        private String alarmName;
        private String alarmArn;
        private String namespace;
        private String metricName;
        private Map<String, String> dimensions = Map.of();
        private String statistic;
        private String extendedStatistic;
        private String unit;
        private Integer period;
        private Integer evaluationPeriods;
        private Integer datapointsToAlarm;
        private Double threshold;
        private String comparisonOperator;
        private String treatMissingData;
        private String thresholdMetricId;
        private List<MetricQuery> metrics = List.of();
        private String alarmRule;
        private List<ChildAlarm> children = List.of();

        private Builder() {}

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder account(String value) {
            account = value;
            return this;
        }

        public Builder alarmName(String value) {
            alarmName = value;
            return this;
        }

        public Builder alarmArn(String value) {
            alarmArn = value;
            return this;
        }

        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        public Builder metricName(String value) {
            metricName = value;
            return this;
        }

        public Builder dimensions(Map<String, String> value) {
            dimensions = value;
            return this;
        }

        public Builder statistic(String value) {
            statistic = value;
            return this;
        }

        public Builder extendedStatistic(String value) {
            extendedStatistic = value;
            return this;
        }

        public Builder unit(String value) {
            unit = value;
            return this;
        }

        public Builder period(Integer value) {
            period = value;
            return this;
        }

        public Builder evaluationPeriods(Integer value) {
            evaluationPeriods = value;
            return this;
        }

        public Builder datapointsToAlarm(Integer value) {
            datapointsToAlarm = value;
            return this;
        }

        public Builder threshold(Double value) {
            threshold = value;
            return this;
        }

        public Builder comparisonOperator(String value) {
            comparisonOperator = value;
            return this;
        }

        public Builder treatMissingData(String value) {
            treatMissingData = value;
            return this;
        }

        public Builder thresholdMetricId(String value) {
            thresholdMetricId = value;
            return this;
        }

        public Builder metrics(List<MetricQuery> value) {
            metrics = value;
            return this;
        }

        public Builder alarmRule(String value) {
            alarmRule = value;
            return this;
        }

        public Builder children(List<ChildAlarm> value) {
            children = value;
            return this;
        }

        public AlarmMetric build() {
            return new AlarmMetric(
                    region,
                    account,
                    alarmName,
                    alarmArn,
                    namespace,
                    metricName,
                    dimensions,
                    statistic,
                    extendedStatistic,
                    unit,
                    period,
                    evaluationPeriods,
                    datapointsToAlarm,
                    threshold,
                    comparisonOperator,
                    treatMissingData,
                    thresholdMetricId,
                    metrics,
                    alarmRule,
                    children);
        }
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    private static Map<String, String> boundedDimensions(Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : in.entrySet()) {
            if (kept.size() == MAX_DIMENSIONS) {
                break;
            }
            if (e.getKey() != null && e.getValue() != null) {
                kept.put(cut(e.getKey(), MAX_TEXT), cut(e.getValue(), MAX_TEXT));
            }
        }
        return Collections2.map(kept);
    }

    private static <T> List<T> first(List<T> in, int max) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<T> kept = new ArrayList<>(Math.min(in.size(), max));
        for (T item : in) {
            if (kept.size() == max) {
                break;
            }
            if (item != null) {
                kept.add(item);
            }
        }
        return List.copyOf(kept);
    }
}
