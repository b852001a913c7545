package io.alertbridge.testkit.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The real AWS payloads of {@code aws-samples/} on the test classpath (each module copies
 * {@code ../shared/data/aws-samples} into its {@code src/test/resources}; SOURCES.md there says where each comes
 * from), and the shapes of {@code aws-shapes/} written from AWS's documentation where no real sample exists
 * ({@code health_*}). One loader for every module's tests: the file names, the texts, and the SNS envelope that
 * SNS-to-SQS delivery with raw delivery off puts around a message.
 *
 * <p>Stateless and thread-safe.
 */
public final class AwsSamples {

    /** The SNS topic {@link #envelope} publishes to: eu-west-2, so a region taken from it is recognisable. */
    public static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alertbridge-alarms";

    /** Every sample file that is a message body (the schema files and the HTTP captures included). */
    public static final List<String> ALL = List.of(
            "aws_chatbot_custom_notification_SCHEMA.txt",
            "cloudtrail_record_s3_outposts_PutObject_data_event.json",
            "cloudwatch_alarm_sns_ALARM_to_OK.lambda_sns_event.json",
            "cloudwatch_alarm_sns_ALARM_to_OK.sns_Message_decoded.json",
            "cloudwatch_alarm_sns_Message_SCHEMA_composite_alarm.txt",
            "cloudwatch_alarm_sns_Message_SCHEMA_metric_alarm.json",
            "cloudwatch_alarm_sns_composite.sns_Message.json",
            "cloudwatch_alarm_sns_metric_math.lambda_sns_event.json",
            "cloudwatch_alarm_sns_metric_math.sns_Message_decoded.json",
            "cloudwatch_alarm_sns_single_metric.lambda_sns_event.json",
            "cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json",
            "eventbridge_cloudwatch_alarm_state_change_anomaly_detection.json",
            "eventbridge_cloudwatch_alarm_state_change_composite_with_suppressor.json",
            "eventbridge_cloudwatch_alarm_state_change_metric_math.json",
            "eventbridge_cloudwatch_alarm_state_change_single_metric.json",
            "eventbridge_codebuild_build_phase_change.json",
            "eventbridge_codebuild_build_state_change_SUCCEEDED.json",
            "eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json",
            "eventbridge_codepipeline_pipeline_execution_FAILED.processed.json",
            "eventbridge_codepipeline_pipeline_execution_STARTED.emitted.json",
            "eventbridge_codepipeline_pipeline_execution_STARTED.processed.json",
            "eventbridge_codepipeline_pipeline_execution_STOPPING.emitted.json",
            "eventbridge_codepipeline_pipeline_execution_SUCCEEDED.emitted.json",
            "eventbridge_codepipeline_pipeline_execution_SUCCEEDED.processed.json",
            "eventbridge_envelope_example_ec2_state_change.json",
            "sns_envelope_with_MessageAttributes.json",
            "sns_http_notification_post_with_headers.txt",
            "sns_http_subscription_confirmation_post.txt",
            "sns_sqs_body_envelope_basic.json",
            "sns_sqs_body_raw_delivery_DISABLED_envelope.json",
            "sns_sqs_body_raw_delivery_ENABLED.txt");

    /**
     * The samples that cannot be read: the two broken ones of SOURCES.md (the doc's composite schema with unquoted
     * {@code [String]}, the FAILED processed event missing its closing brace), the Chatbot schema (not JSON either)
     * and the metric alarm schema (valid JSON whose values are type names).
     */
    public static final List<String> UNREADABLE = List.of(
            "aws_chatbot_custom_notification_SCHEMA.txt",
            "cloudwatch_alarm_sns_Message_SCHEMA_composite_alarm.txt",
            "cloudwatch_alarm_sns_Message_SCHEMA_metric_alarm.json",
            "eventbridge_codepipeline_pipeline_execution_FAILED.processed.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsSamples() {}

    /**
     * A sample's text; the HTTP captures ({@code sns_http_*}: request line, headers, blank line, body) reduced to
     * their body, which is what SNS would put in SQS.
     *
     * @throws IllegalArgumentException when the test classpath has no such sample
     */
    public static String text(String name) {
        String text = resource(name.startsWith("health_") ? "aws-shapes/" + name : "aws-samples/" + name);
        if (name.startsWith("sns_http_")) {
            int body = text.indexOf("\n\n");
            return text.substring(body + 2);
        }
        return text;
    }

    /**
     * An SNS envelope around a message, as SNS-to-SQS delivers it with raw delivery off: published to
     * {@link #TOPIC}, the message as a JSON string.
     *
     * @param subject the notification's subject, or null for none
     */
    public static String envelope(String message, String messageId, String subject) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", TOPIC);
        if (subject != null) {
            envelope.put("Subject", subject);
        }
        envelope.put("Message", message);
        envelope.put("Timestamp", "2024-11-06T17:59:59.123Z");
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "EXAMPLE");
        envelope.put("SigningCertURL", "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-EXAMPLE.pem");
        envelope.put("UnsubscribeURL", "https://sns.eu-west-2.amazonaws.com/?Action=Unsubscribe&EXAMPLE");
        return envelope.toString();
    }

    private static String resource(String path) {
        try (InputStream in = AwsSamples.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path
                        + " (copy ../shared/data/aws-samples into src/test/resources/aws-samples)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
