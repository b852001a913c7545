package io.alertbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * SQS message bodies of CloudWatch alarms as SNS delivers them to SQS with raw delivery off: the SNS
 * {@code Notification} envelope around the alarm's JSON, shaped like {@code ../shared/data/aws-samples}
 * ({@code sns_sqs_body_raw_delivery_DISABLED_envelope.json} around {@code cloudwatch_alarm_sns_single_metric}). One
 * alarm per EC2 instance, so each is its own incident under the default route. Stateless.
 */
final class CloudWatchAlarmBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-2";

    private CloudWatchAlarmBodies() {}

    /**
     * The body of alarm {@code name} on {@code instance} going from OK to ALARM at {@code at}.
     *
     * @param messageId the SNS MessageId (the raw topic's record key)
     */
    static String firing(String name, String instance, String messageId, Instant at) {
        ObjectNode message = JSON.createObjectNode();
        message.put("AlarmName", name);
        message.put("AlarmDescription", "CPU of " + instance);
        message.put("AWSAccountId", ACCOUNT);
        message.put("NewStateValue", "ALARM");
        message.put(
                "NewStateReason",
                "Threshold Crossed: 1 out of the last 1 datapoints [93.5] was greater than the threshold (80.0)"
                        + " (minimum 1 datapoint for OK -> ALARM transition).");
        message.put("StateChangeTime", ALARM_TIME.format(at));
        message.put("Region", "EU (London)");
        message.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name);
        message.put("OldStateValue", "OK");
        ObjectNode trigger = message.putObject("Trigger");
        trigger.put("MetricName", "CPUUtilization");
        trigger.put("Namespace", "AWS/EC2");
        trigger.put("StatisticType", "Statistic");
        trigger.put("Statistic", "AVERAGE");
        trigger.put("Unit", "Percent");
        trigger.putArray("Dimensions").addObject().put("value", instance).put("name", "InstanceId");
        trigger.put("Period", 60);
        trigger.put("EvaluationPeriods", 1);
        trigger.put("ComparisonOperator", "GreaterThanThreshold");
        trigger.put("Threshold", 80.0);
        trigger.put("TreatMissingData", "missing");
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":alertbridge-alarms");
        envelope.put("Subject", "ALARM: \"" + name + "\" in EU (London)");
        envelope.put("Message", message.toString());
        envelope.put("Timestamp", ALARM_TIME.format(at));
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "EXAMPLE");
        envelope.put("SigningCertURL", "https://sns." + REGION + ".amazonaws.com/SimpleNotificationService.pem");
        envelope.put("UnsubscribeURL", "https://sns." + REGION + ".amazonaws.com/?Action=Unsubscribe");
        return envelope.toString();
    }
}
