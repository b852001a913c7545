package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.aws.Arn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The message a CloudWatch alarm publishes to SNS when it changes state ({@code AlarmName}, {@code NewStateValue},
 * {@code StateChangeTime} in the {@code +0000} form, {@code Trigger} or, for composite alarms, {@code AlarmRule}
 * and {@code TriggeringChildren}). Single-metric, metric-math, anomaly-detection and composite alarms.
 *
 * <p>Fingerprint: the {@code AlarmArn}; older messages without one get the ARN rebuilt from account, region (from
 * the SNS topic's ARN: alarm actions publish to a topic of the alarm's region) and name. The message's
 * {@code Region} is a display name ("EU (London)") and is never used.
 */
final class CloudWatchAlarmMessage {

    static final String SHAPE = "CloudWatch alarm message";

    private CloudWatchAlarmMessage() {}

    /** True when the JSON looks like this shape. */
    static boolean matches(JsonNode message) {
        return message.has("AlarmName") && message.has("NewStateValue");
    }

    static Normalized parse(JsonNode m, String text, Delivery delivery, NormalizeSlice config) {
        String name = Fields.requiredText(m, "AlarmName", SHAPE);
        String state = Fields.requiredText(m, "NewStateValue", SHAPE);
        Instant changedAt = Fields.requiredTime(m, "StateChangeTime", SHAPE);
        AlarmStates.Outcome outcome = AlarmStates.of(state, config, SHAPE);
        if (outcome == null) {
            return new Normalized.Ignored("alarm " + name + " entered INSUFFICIENT_DATA (configured: ignore)", false);
        }
        Arn arn = Arn.parse(Fields.text(m, "AlarmArn", SHAPE)).toOptional().orElse(null);
        String account = firstAccount(Fields.scalar(m, "AWSAccountId", SHAPE), arn);
        String region = arn != null && arn.region() != null ? arn.region() : delivery.topicRegion();
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(null, text))
                .fingerprint(fingerprint(arn, account, region, name))
                .source("cloudwatch")
                .status(outcome.status(), outcome.severity())
                .title(name)
                .summary(Fields.text(m, "NewStateReason", SHAPE))
                .occurredAt(changedAt)
                .label("account", account)
                .label("region", region)
                .label("service", "cloudwatch")
                .label("alarm", name)
                .annotation("state", state)
                .annotation("previousState", Fields.text(m, "OldStateValue", SHAPE))
                .annotation("description", Fields.text(m, "AlarmDescription", SHAPE))
                .annotation("subject", delivery.subject());
        JsonNode trigger = Fields.object(m, "Trigger", SHAPE);
        if (m.has("AlarmRule") || m.has("TriggeringChildren")) {
            composite(m, alert);
        } else if (trigger != null) {
            trigger(trigger, alert);
        }
        if (region != null) {
            alert.link(ConsoleLinks.alarm(arn == null ? "aws" : arn.partition(), region, name));
        }
        String fingerprint = fingerprint(arn, account, region, name);
        alert.metric(AlarmMetrics.fromSnsMessage(
                        m,
                        new AlarmMetrics.Identity(
                                region, account, name, fingerprint.startsWith("arn:") ? fingerprint : null))
                .metric());
        return new Normalized.Events(List.of(alert.build()), SHAPE + " (" + state + ")");
    }

    private static String firstAccount(String fromMessage, Arn arn) {
        if (Arn.isAccountId(fromMessage)) {
            return fromMessage;
        }
        return arn == null ? null : arn.account();
    }

    private static String fingerprint(Arn arn, String account, String region, String name) {
        if (arn != null) {
            return arn.text();
        }
        if (account != null && region != null) {
            return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
        }
        return "cloudwatch-alarm:" + (account == null ? "unknown-account" : account) + ":" + name;
    }

    private static void composite(JsonNode m, AlertBuilder alert) {
        // A composite alarm with an actions suppressor says whether its actions are suppressed now (Alarm,
        // WaitPeriod, ExtensionPeriod, or null): the inhibit stage honours it (see inhibit.Inhibition).
        alert.label("alarm_type", "composite")
                .annotation("alarmRule", Fields.text(m, "AlarmRule", SHAPE))
                .annotation("actionsSuppressor", Fields.text(m, "ActionsSuppressor", SHAPE))
                .annotation("actionsSuppressedBy", Fields.text(m, "ActionsSuppressedBy", SHAPE))
                .annotation("actionsSuppressedReason", Fields.text(m, "ActionsSuppressedReason", SHAPE));
        List<String> children = new ArrayList<>();
        for (JsonNode child : Fields.array(m, "TriggeringChildren", SHAPE)) {
            if (child.isTextual()) {
                children.add(child.asText());
            } else if (child.isObject()) {
                JsonNode childState = Fields.object(child, "State", SHAPE + " TriggeringChildren");
                String value = childState == null ? null : Fields.text(childState, "Value", SHAPE);
                children.add(Fields.requiredText(child, "Arn", SHAPE + " TriggeringChildren")
                        + (value == null ? "" : " (" + value + ")"));
            } else {
                throw new MalformedMessageException(
                        SHAPE + ": 'TriggeringChildren' holds " + Fields.kind(child) + ", not alarms");
            }
        }
        alert.annotation("triggeringChildren", String.join(", ", children));
    }

    private static void trigger(JsonNode trigger, AlertBuilder alert) {
        String shape = SHAPE + " Trigger";
        alert.annotation("comparison", Fields.scalar(trigger, "ComparisonOperator", shape))
                .annotation("threshold", Fields.scalar(trigger, "Threshold", shape))
                .annotation("evaluationPeriods", Fields.scalar(trigger, "EvaluationPeriods", shape));
        if (trigger.has("Metrics")) {
            metricMath(trigger, alert, shape);
            return;
        }
        alert.label("alarm_type", "metric")
                .label("namespace", Fields.text(trigger, "Namespace", shape))
                .label("metric", Fields.text(trigger, "MetricName", shape))
                .annotation("statistic", Fields.text(trigger, "Statistic", shape));
        dimensions(Fields.array(trigger, "Dimensions", shape), alert, shape);
    }

    private static void metricMath(JsonNode trigger, AlertBuilder alert, String shape) {
        String type = "metric_math";
        boolean first = true;
        for (JsonNode metric : Fields.array(trigger, "Metrics", shape)) {
            String expression = Fields.text(metric, "Expression", shape + " Metrics");
            if (expression != null) {
                if (expression.toUpperCase(Locale.ROOT).contains("ANOMALY_DETECTION_BAND")) {
                    type = "anomaly_detection";
                }
                alert.annotation("expression", expression);
                continue;
            }
            JsonNode stat = Fields.object(metric, "MetricStat", shape + " Metrics");
            JsonNode inner = stat == null ? null : Fields.object(stat, "Metric", shape + " MetricStat");
            if (inner != null && first) {
                first = false;
                alert.label("namespace", Fields.text(inner, "Namespace", shape))
                        .label("metric", Fields.text(inner, "MetricName", shape))
                        .annotation("statistic", Fields.text(stat, "Stat", shape));
                dimensions(Fields.array(inner, "Dimensions", shape), alert, shape);
            }
        }
        alert.label("alarm_type", type);
    }

    /** SNS writes dimensions as a list of {@code {"name": ..., "value": ...}}; each becomes a label. */
    private static void dimensions(List<JsonNode> dimensions, AlertBuilder alert, String shape) {
        boolean first = true;
        for (JsonNode dimension : dimensions) {
            if (!dimension.isObject()) {
                throw new MalformedMessageException(shape + ": 'Dimensions' holds " + Fields.kind(dimension));
            }
            String name = Fields.requiredText(dimension, "name", shape + " Dimensions");
            String value = Fields.scalar(dimension, "value", shape + " Dimensions");
            alert.label(name, value);
            if (first) {
                alert.label("resource", value);
                first = false;
            }
        }
    }
}
