package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@link AlarmMetric} (the graph's data) from a CloudWatch alarm's state-change message, in its two forms:
 * the SNS alarm message ({@code Trigger}, or {@code AlarmRule} and {@code TriggeringChildren}) and EventBridge's
 * {@code CloudWatch Alarm State Change} ({@code detail.configuration}, the threshold from {@code state.reasonData}).
 *
 * <p>Lenient where the alert is strict: the metric is extra, so whatever is wrong with it (a field of the wrong kind,
 * a definition larger than {@link AlarmMetric}'s bounds, which would be cut into a query CloudWatch rejects) gives no
 * metric and a reason, never an exception; the alert itself is built as before. EventBridge's configuration does not
 * carry the comparison operator, so it is read from the state reason CloudWatch writes ("was greater than the
 * threshold"), and the anomaly band's id from the {@code ANOMALY_DETECTION_BAND} expression. Pure and thread-safe.
 */
final class AlarmMetrics {

    /**
     * The outcome: a metric, or null and why not.
     *
     * @param metric the alarm's metric, or null
     * @param reason why there is none, or a short description of what was read
     */
    record Extracted(AlarmMetric metric, String reason) {
        static Extracted none(String reason) {
            return new Extracted(null, reason);
        }
    }

    /** Who the alarm is, as the normalizer already worked out. */
    record Identity(String region, String account, String alarmName, String alarmArn) {}

    private static final Set<String> STATISTICS = Set.of("Average", "Sum", "SampleCount", "Minimum", "Maximum");

    private AlarmMetrics() {}

    /** From the SNS alarm message (the JSON of the SNS {@code Message}). */
    static Extracted fromSnsMessage(JsonNode message, Identity who) {
        try {
            AlarmMetric.Builder b = identity(who);
            if (message.has("AlarmRule") || message.has("TriggeringChildren")) {
                return composite(b.alarmRule(text(message, "AlarmRule")), snsChildren(message));
            }
            JsonNode trigger = message.get("Trigger");
            if (trigger == null || trigger.isNull()) {
                return Extracted.none("no Trigger");
            }
            if (!trigger.isObject()) {
                return Extracted.none("Trigger is not an object");
            }
            b.unit(text(trigger, "Unit"))
                    .period(integer(trigger, "Period"))
                    .evaluationPeriods(integer(trigger, "EvaluationPeriods"))
                    .datapointsToAlarm(integer(trigger, "DatapointsToAlarm"))
                    .threshold(number(trigger, "Threshold"))
                    .comparisonOperator(text(trigger, "ComparisonOperator"))
                    .treatMissingData(treatMissingData(text(trigger, "TreatMissingData")))
                    .thresholdMetricId(text(trigger, "ThresholdMetricId"));
            if (trigger.has("Metrics")) {
                List<AlarmMetric.MetricQuery> queries = new ArrayList<>();
                for (JsonNode query : array(trigger, "Metrics")) {
                    queries.add(snsQuery(query));
                }
                return queries(b, queries);
            }
            String statistic = text(trigger, "Statistic");
            String extended = text(trigger, "ExtendedStatistic");
            b.namespace(text(trigger, "Namespace"))
                    .metricName(text(trigger, "MetricName"))
                    .dimensions(snsDimensions(array(trigger, "Dimensions")))
                    .statistic(statistic(statistic))
                    .extendedStatistic(extended);
            return done(b.build());
        } catch (Unreadable | RuntimeException e) {
            return Extracted.none("malformed Trigger: " + e.getMessage());
        }
    }

    /** From EventBridge's {@code detail} of a {@code CloudWatch Alarm State Change}. */
    static Extracted fromEventBridge(JsonNode detail, Identity who) {
        try {
            AlarmMetric.Builder b = identity(who);
            JsonNode state = object(detail, "state");
            JsonNode configuration = object(detail, "configuration");
            if (configuration == null) {
                return Extracted.none("no configuration");
            }
            JsonNode reasonData = reasonData(state);
            if (configuration.has("alarmRule")) {
                return composite(b.alarmRule(text(configuration, "alarmRule")), eventBridgeChildren(reasonData));
            }
            String reason = state == null ? null : text(state, "reason");
            Double threshold = reasonData == null ? null : number(reasonData, "threshold");
            b.threshold(threshold).comparisonOperator(operator(reason));
            List<AlarmMetric.MetricQuery> queries = new ArrayList<>();
            for (JsonNode query : array(configuration, "metrics")) {
                queries.add(eventBridgeQuery(query));
            }
            if (queries.size() == 1 && queries.get(0).metricStat() != null) {
                AlarmMetric.MetricStat only = queries.get(0).metricStat();
                boolean percentile = isExtendedStatistic(only.stat());
                b.namespace(only.namespace())
                        .metricName(only.metricName())
                        .dimensions(only.dimensions())
                        .period(only.period())
                        .statistic(percentile ? null : only.stat())
                        .extendedStatistic(percentile ? only.stat() : null);
                return done(b.build());
            }
            Integer period = queries.stream()
                    .map(AlarmMetric.MetricQuery::metricStat)
                    .filter(s -> s != null && s.period() != null)
                    .map(AlarmMetric.MetricStat::period)
                    .findFirst()
                    .orElse(reasonData == null ? null : integer(reasonData, "period"));
            return queries(b.period(period), queries);
        } catch (Unreadable | RuntimeException e) {
            return Extracted.none("malformed configuration: " + e.getMessage());
        }
    }

    /**
     * CloudWatch's operator from the reason it wrote, e.g. "was not less than the threshold (1.0)" is
     * {@code LessThanThreshold} (the OK side of it); null when the reason says neither.
     */
    static String operator(String reason) {
        // Read by hand, case-insensitively in ASCII as the patterns it replaces did ("less than the lower
        // threshold", "greater than the upper threshold", "(was|were) (not )?(greater|less) than (or equal to )?the
        // threshold", the leftmost): a regular expression search over every alarm's reason cost a tenth of the
        // normalizing of an EventBridge alarm change. AlarmMetricsTest holds it to those patterns.
        if (reason == null) {
            return null;
        }
        String text = asciiLowerCase(reason);
        boolean lower = text.contains("less than the lower threshold");
        boolean upper = text.contains("greater than the upper threshold");
        if (lower && upper) {
            return "LessThanLowerOrGreaterThanUpperThreshold";
        }
        if (upper) {
            return "GreaterThanUpperThreshold";
        }
        if (lower) {
            return "LessThanLowerThreshold";
        }
        for (int at = text.indexOf('w'); at >= 0; at = text.indexOf('w', at + 1)) {
            String operator = operatorAt(text, at);
            if (operator != null) {
                return operator;
            }
        }
        return null;
    }

    /** The operator of "(was|were) (not )?(greater|less) than (or equal to )?the threshold" starting at {@code at}. */
    private static String operatorAt(String text, int at) {
        int p;
        if (text.startsWith("was ", at)) {
            p = at + "was ".length();
        } else if (text.startsWith("were ", at)) {
            p = at + "were ".length();
        } else {
            return null;
        }
        if (text.startsWith("not ", p)) {
            p += "not ".length();
        }
        boolean greater = text.startsWith("greater", p);
        if (greater) {
            p += "greater".length();
        } else if (text.startsWith("less", p)) {
            p += "less".length();
        } else {
            return null;
        }
        if (!text.startsWith(" than ", p)) {
            return null;
        }
        p += " than ".length();
        boolean orEqual = text.startsWith("or equal to ", p);
        if (orEqual) {
            p += "or equal to ".length();
        }
        if (!text.startsWith("the threshold", p)) {
            return null;
        }
        return (greater ? "GreaterThan" : "LessThan") + (orEqual ? "OrEqualTo" : "") + "Threshold";
    }

    /** A-Z to a-z, nothing else: the same length, so positions hold. */
    private static String asciiLowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** SNS writes statistics in capitals ({@code AVERAGE}, {@code SAMPLE_COUNT}); queries want {@code Average}. */
    static String statistic(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.replace("_", "").toLowerCase(Locale.ROOT)) {
            case "average" -> "Average";
            case "sum" -> "Sum";
            case "samplecount" -> "SampleCount";
            case "minimum" -> "Minimum";
            case "maximum" -> "Maximum";
            default -> text;
        };
    }

    /** SNS writes {@code "- TreatMissingData:   NonBreaching"}; the API's value is {@code notBreaching}. */
    static String treatMissingData(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.substring(text.lastIndexOf(':') + 1).strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "missing" -> "missing";
            case "notbreaching", "nonbreaching" -> "notBreaching";
            case "breaching" -> "breaching";
            case "ignore" -> "ignore";
            default -> value.isEmpty() ? null : value;
        };
    }

    private static AlarmMetric.Builder identity(Identity who) {
        return AlarmMetric.builder()
                .region(who.region())
                .account(who.account())
                .alarmName(who.alarmName())
                .alarmArn(who.alarmArn());
    }

    private static Extracted composite(AlarmMetric.Builder b, List<AlarmMetric.ChildAlarm> children) {
        if (children.size() > AlarmMetric.MAX_CHILDREN) {
            children = children.subList(0, AlarmMetric.MAX_CHILDREN);
        }
        return done(b.children(children).build());
    }

    private static Extracted queries(AlarmMetric.Builder b, List<AlarmMetric.MetricQuery> queries) throws Unreadable {
        if (queries.size() > AlarmMetric.MAX_METRICS) {
            throw new Unreadable(queries.size() + " metrics, more than " + AlarmMetric.MAX_METRICS);
        }
        AlarmMetric partial = b.metrics(queries).build();
        if (partial.thresholdMetricId() == null) {
            queries.stream()
                    .filter(AlarmMetric.MetricQuery::isAnomalyBand)
                    .findFirst()
                    .ifPresent(band -> b.thresholdMetricId(band.id()));
        }
        return done(b.build());
    }

    private static Extracted done(AlarmMetric metric) {
        if (metric.kind() == AlarmMetric.Kind.UNKNOWN) {
            return Extracted.none("names no metric, queries or alarm rule");
        }
        return new Extracted(metric, metric.kind().name().toLowerCase(Locale.ROOT));
    }

    private static AlarmMetric.MetricQuery snsQuery(JsonNode query) throws Unreadable {
        requireObject(query, "Metrics");
        JsonNode stat = object(query, "MetricStat");
        AlarmMetric.MetricStat metricStat = null;
        if (stat != null) {
            JsonNode metric = object(stat, "Metric");
            metricStat = new AlarmMetric.MetricStat(
                    metric == null ? null : text(metric, "Namespace"),
                    metric == null ? null : text(metric, "MetricName"),
                    metric == null ? Map.of() : snsDimensions(array(metric, "Dimensions")),
                    integer(stat, "Period"),
                    text(stat, "Stat"));
        }
        return new AlarmMetric.MetricQuery(
                text(query, "Id"),
                expression(text(query, "Expression")),
                text(query, "Label"),
                bool(query, "ReturnData"),
                metricStat);
    }

    private static AlarmMetric.MetricQuery eventBridgeQuery(JsonNode query) throws Unreadable {
        requireObject(query, "metrics");
        JsonNode stat = object(query, "metricStat");
        AlarmMetric.MetricStat metricStat = null;
        if (stat != null) {
            JsonNode metric = object(stat, "metric");
            metricStat = new AlarmMetric.MetricStat(
                    metric == null ? null : text(metric, "namespace"),
                    metric == null ? null : text(metric, "name"),
                    metric == null ? Map.of() : eventBridgeDimensions(object(metric, "dimensions")),
                    integer(stat, "period"),
                    text(stat, "stat"));
        }
        return new AlarmMetric.MetricQuery(
                text(query, "id"),
                expression(text(query, "expression")),
                text(query, "label"),
                bool(query, "returnData"),
                metricStat);
    }

    private static String expression(String text) throws Unreadable {
        if (text != null && text.length() > AlarmMetric.MAX_EXPRESSION) {
            throw new Unreadable("an expression of " + text.length() + " characters");
        }
        return text;
    }

    /** SNS: a list of {@code {"name": ..., "value": ...}}. */
    private static Map<String, String> snsDimensions(List<JsonNode> dimensions) throws Unreadable {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode dimension : dimensions) {
            requireObject(dimension, "Dimensions");
            String name = text(dimension, "name");
            JsonNode value = dimension.get("value");
            if (name != null && value != null && value.isValueNode() && !value.isNull()) {
                out.put(name, value.asText());
            }
        }
        return bounded(out);
    }

    /** EventBridge: an object {@code {"InstanceId": "i-..."}}. */
    private static Map<String, String> eventBridgeDimensions(JsonNode dimensions) throws Unreadable {
        Map<String, String> out = new LinkedHashMap<>();
        if (dimensions != null) {
            for (Map.Entry<String, JsonNode> e : dimensions.properties()) {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return bounded(out);
    }

    private static Map<String, String> bounded(Map<String, String> dimensions) throws Unreadable {
        if (dimensions.size() > AlarmMetric.MAX_DIMENSIONS) {
            throw new Unreadable(dimensions.size() + " dimensions, more than " + AlarmMetric.MAX_DIMENSIONS);
        }
        return dimensions;
    }

    private static List<AlarmMetric.ChildAlarm> snsChildren(JsonNode message) throws Unreadable {
        List<AlarmMetric.ChildAlarm> children = new ArrayList<>();
        for (JsonNode child : array(message, "TriggeringChildren")) {
            if (child.isTextual()) {
                children.add(new AlarmMetric.ChildAlarm(childName(child.asText()), null));
            } else if (child.isObject()) {
                JsonNode state = object(child, "State");
                children.add(new AlarmMetric.ChildAlarm(
                        childName(text(child, "Arn")), state == null ? null : text(state, "Value")));
            }
        }
        return children;
    }

    private static List<AlarmMetric.ChildAlarm> eventBridgeChildren(JsonNode reasonData) {
        List<AlarmMetric.ChildAlarm> children = new ArrayList<>();
        if (reasonData == null) {
            return children;
        }
        for (JsonNode child : reasonData.path("triggeringAlarms")) {
            JsonNode arn = child.path("arn");
            JsonNode value = child.path("state").path("value");
            if (arn.isTextual()) {
                children.add(
                        new AlarmMetric.ChildAlarm(childName(arn.asText()), value.isTextual() ? value.asText() : null));
            }
        }
        return children;
    }

    /** The child's name from its ARN; the text as it is when it is no alarm ARN. */
    private static String childName(String arnOrName) {
        if (arnOrName == null) {
            return null;
        }
        return Arn.parse(arnOrName)
                .toOptional()
                .map(Arn::resourceName)
                .filter(name -> !name.isBlank())
                .orElse(arnOrName);
    }

    /** {@code state.reasonData} is a JSON document inside a string; an unreadable one is no data. */
    private static JsonNode reasonData(JsonNode state) throws Unreadable {
        String text = state == null ? null : text(state, "reasonData");
        if (text == null || !text.strip().startsWith("{")) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Percentiles and trimmed statistics ({@code p99}, {@code tm90}, {@code PR(10:)}) are extended statistics. */
    private static boolean isExtendedStatistic(String stat) {
        return stat != null && !STATISTICS.contains(statistic(stat));
    }

    private static String text(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Unreadable("'" + field + "' is " + Fields.kind(value) + ", not a string");
        }
        return value.asText().isBlank() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToInt() && value.isIntegralNumber()) {
            return value.intValue();
        }
        if (value.isTextual() && value.asText().strip().matches("\\d{1,9}")) {
            return Integer.valueOf(value.asText().strip());
        }
        throw new Unreadable("'" + field + "' is no whole number");
    }

    private static Double number(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.valueOf(value.asText().strip());
            } catch (NumberFormatException e) {
                throw new Unreadable("'" + field + "' is no number");
            }
        }
        throw new Unreadable("'" + field + "' is " + Fields.kind(value) + ", not a number");
    }

    private static Boolean bool(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Unreadable("'" + field + "' is " + Fields.kind(value) + ", not a boolean");
        }
        return value.booleanValue();
    }

    private static JsonNode object(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        requireObject(value, field);
        return value;
    }

    private static void requireObject(JsonNode value, String field) throws Unreadable {
        if (!value.isObject()) {
            throw new Unreadable("'" + field + "' holds " + Fields.kind(value) + ", not an object");
        }
    }

    private static List<JsonNode> array(JsonNode node, String field) throws Unreadable {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new Unreadable("'" + field + "' is " + Fields.kind(value) + ", not a list");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** A part of the metric's definition that cannot be read; caught here, never thrown out. */
    private static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
