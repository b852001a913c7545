package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EventBridge's {@code CloudWatch Alarm State Change} (source {@code aws.cloudwatch}): camelCase
 * {@code detail.alarmName}, {@code state}, {@code previousState}, {@code configuration}. Single-metric, metric math,
 * anomaly detection and composite alarms (with {@code reasonData.triggeringAlarms} and action suppressors).
 * Fingerprint: the alarm ARN of {@code resources}; occurredAt: {@code state.timestamp} (the alarm's own clock, in
 * milliseconds), else the event time.
 */
final class AlarmStateChangeEvent {

    static final String DETAIL_TYPE = "CloudWatch Alarm State Change";

    private AlarmStateChangeEvent() {}

    static Normalized parse(EventEnvelope event, Delivery delivery, NormalizeSlice config) {
        String shape = event.shapeName();
        JsonNode detail = event.detail();
        String name = Fields.requiredText(detail, "alarmName", shape);
        JsonNode state = Fields.requiredObject(detail, "state", shape);
        String value = Fields.requiredText(state, "value", shape + " state");
        AlarmStates.Outcome outcome = AlarmStates.of(value, config, shape);
        if (outcome == null) {
            return new Normalized.Ignored("alarm " + name + " entered INSUFFICIENT_DATA (configured: ignore)", false);
        }
        Instant changedAt = Fields.time(state, "timestamp", shape + " state");
        Arn arn = event.firstResource();
        String region = event.regionCode();
        String account = event.accountId();
        JsonNode previous = Fields.object(detail, "previousState", shape);
        JsonNode configuration = Fields.object(detail, "configuration", shape);
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(event.id(), event.text()))
                .fingerprint(
                        arn != null
                                ? arn.text()
                                : "cloudwatch-alarm:" + (account == null ? "unknown-account" : account) + ":" + name)
                .source("cloudwatch")
                .status(outcome.status(), outcome.severity())
                .title(name)
                .summary(Fields.text(state, "reason", shape + " state"))
                .occurredAt(changedAt != null ? changedAt : event.time())
                .label("account", account)
                .label("region", region)
                .label("service", "cloudwatch")
                .label("alarm", name)
                .annotation("state", value)
                .annotation("previousState", previous == null ? null : Fields.text(previous, "value", shape))
                .annotation("actionsSuppressedBy", Fields.text(state, "actionsSuppressedBy", shape + " state"))
                .annotation("actionsSuppressedReason", Fields.text(state, "actionsSuppressedReason", shape));
        if (configuration != null) {
            configuration(configuration, alert, shape);
        }
        triggeringAlarms(Fields.text(state, "reasonData", shape + " state"), alert);
        if (region != null) {
            alert.link(ConsoleLinks.alarm(event.partition(), region, name));
        }
        alert.metric(AlarmMetrics.fromEventBridge(
                        detail, new AlarmMetrics.Identity(region, account, name, arn == null ? null : arn.text()))
                .metric());
        return new Normalized.Events(List.of(alert.build()), shape + " (" + value + ")");
    }

    private static void configuration(JsonNode configuration, AlertBuilder alert, String shape) {
        alert.annotation("description", Fields.text(configuration, "description", shape));
        if (configuration.has("alarmRule")) {
            alert.label("alarm_type", "composite")
                    .annotation("alarmRule", Fields.text(configuration, "alarmRule", shape))
                    .annotation("actionsSuppressor", Fields.text(configuration, "actionsSuppressor", shape));
            return;
        }
        List<JsonNode> metrics = Fields.array(configuration, "metrics", shape + " configuration");
        String type = metrics.size() > 1 ? "metric_math" : "metric";
        boolean first = true;
        for (JsonNode metric : metrics) {
            String expression = Fields.text(metric, "expression", shape + " metrics");
            if (expression != null) {
                if (expression.toUpperCase(Locale.ROOT).contains("ANOMALY_DETECTION_BAND")) {
                    type = "anomaly_detection";
                }
                alert.annotation("expression", expression);
                continue;
            }
            JsonNode stat = Fields.object(metric, "metricStat", shape + " metrics");
            JsonNode inner = stat == null ? null : Fields.object(stat, "metric", shape + " metricStat");
            if (inner != null && first) {
                first = false;
                alert.label("namespace", Fields.text(inner, "namespace", shape))
                        .label("metric", Fields.text(inner, "name", shape))
                        .annotation("statistic", Fields.text(stat, "stat", shape));
                dimensions(Fields.object(inner, "dimensions", shape), alert);
            }
        }
        alert.label("alarm_type", type);
    }

    /** EventBridge writes dimensions as an object {@code {"InstanceId": "i-..."}}; each becomes a label. */
    private static void dimensions(JsonNode dimensions, AlertBuilder alert) {
        if (dimensions == null) {
            return;
        }
        boolean first = true;
        for (Map.Entry<String, JsonNode> dimension : iterable(dimensions)) {
            String value =
                    dimension.getValue().isValueNode() ? dimension.getValue().asText() : null;
            alert.label(dimension.getKey(), value);
            if (first) {
                alert.label("resource", value);
                first = false;
            }
        }
    }

    /** Composite alarms say which children triggered them in {@code reasonData}, a JSON document in a string. */
    private static void triggeringAlarms(String reasonData, AlertBuilder alert) {
        if (reasonData == null || !reasonData.trim().startsWith("{")) {
            return;
        }
        try {
            JsonNode data = Json.mapper().readTree(reasonData);
            List<String> children = new ArrayList<>();
            for (JsonNode child : data.path("triggeringAlarms")) {
                children.add(child.path("arn").asText() + " ("
                        + child.path("state").path("value").asText() + ")");
            }
            alert.annotation("triggeringChildren", String.join(", ", children));
        } catch (IOException e) {
            // reasonData is informative only; the alarm's state is what matters, so an odd one is skipped.
            alert.annotation("reasonData", reasonData);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object.properties();
    }
}
