package io.alertbridge.processor.aws;

import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.samples.AwsSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AwsMessageNormalizerTest {

    private final AwsMessageNormalizer normalizer = new AwsMessageNormalizer(NormalizeSlice.defaults());

    private Normalized normalize(String sample) {
        return normalizer.normalize(RawMessages.raw(sample));
    }

    private AlertEvent single(Normalized outcome) {
        assertThat(outcome).isInstanceOf(Normalized.Events.class);
        List<AlertEvent> events = ((Normalized.Events) outcome).events();
        assertThat(events).hasSize(1);
        AlertEvent event = events.get(0);
        assertThat(ContractSchemas.validate("AlertEvent", Json.mapper().valueToTree(event)))
                .as("every event satisfies AlertEvent.schema.json")
                .isEmpty();
        return event;
    }

    @ParameterizedTest
    @FieldSource("io.alertbridge.testkit.samples.AwsSamples#ALL")
    void shouldNeverThrowAndAlwaysGiveAReason(String sample) {
        Normalized outcome = normalize(sample);

        assertThat(outcome.reason()).isNotBlank();
        assertThat(outcome instanceof Normalized.Unreadable).isEqualTo(AwsSamples.UNREADABLE.contains(sample));
    }

    @Test
    void shouldRejectTheBrokenSamplesNamingWhatIsWrong() {
        assertThat(normalize("eventbridge_codepipeline_pipeline_execution_FAILED.processed.json"))
                .isInstanceOfSatisfying(Normalized.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo("body is not valid JSON: Unexpected end-of-input: expected close marker for Object "
                                + "(start marker at line: 1, column: 1) (line 27, column 6)"));
        assertThat(normalize("cloudwatch_alarm_sns_Message_SCHEMA_composite_alarm.txt"))
                .isInstanceOfSatisfying(Normalized.Unreadable.class, u -> assertThat(u.reason())
                        .startsWith("body is not valid JSON")
                        .contains("line 10"));
        assertThat(normalize("cloudwatch_alarm_sns_Message_SCHEMA_metric_alarm.json"))
                .isInstanceOfSatisfying(Normalized.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo("CloudWatch alarm message: 'StateChangeTime' is not a timestamp: 'string'"));
    }

    @Test
    void shouldReadAMetricAlarmFromLambdaRecordsWithRegionFromTheTopicNotTheDisplayName() {
        AlertEvent event = single(normalize("cloudwatch_alarm_sns_ALARM_to_OK.lambda_sns_event.json"));

        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.source()).isEqualTo("cloudwatch");
        assertThat(event.eventId()).isEqualTo("f86e3c5b-cd17-1ab8-80e9-c0776d4f1e7a");
        assertThat(event.fingerprint())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:735598076380:alarm:DBMigrationRequired");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(event.labels())
                .containsEntry("region", "us-east-1")
                .containsEntry("account", "735598076380")
                .containsEntry("namespace", "LogMetrics")
                .containsEntry("metric", "DBMigrationRequired")
                .containsEntry("alarm_type", "metric");
        assertThat(event.labels().values()).noneMatch(v -> v.contains("Virginia") || v.contains("London"));
        assertThat(event.annotations())
                .containsEntry("previousState", "ALARM")
                .containsEntry("subject", "'OK: \"DBMigrationRequired\" in EU (London)");
        assertThat(event.links())
                .extracting(Link::url)
                .containsExactly("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
                        + "#alarmsV2:alarm/DBMigrationRequired");
    }

    @Test
    void shouldNotGuessARegionForABareAlarmWithoutArn() {
        AlertEvent event = single(normalize("cloudwatch_alarm_sns_ALARM_to_OK.sns_Message_decoded.json"));

        assertThat(event.labels()).doesNotContainKey("region");
        assertThat(event.links()).isEmpty();
        assertThat(event.fingerprint()).isEqualTo("cloudwatch-alarm:735598076380:DBMigrationRequired");
        assertThat(event.eventId())
                .as("raw delivery: no SNS MessageId, so a content hash")
                .startsWith("sha256:");
    }

    @Test
    void shouldReadASingleMetricAlarmWithDimensionsAsLabels() {
        AlertEvent event = single(normalize("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json"));

        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.severity()).isEqualTo(Severity.ERROR);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2015-06-03T17:43:27.123Z"));
        assertThat(event.fingerprint())
                .as("the AlarmArn as given, placeholder and all")
                .isEqualTo("arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE");
        assertThat(event.labels())
                .containsEntry("InstanceId", "TestInstance")
                .containsEntry("resource", "TestInstance")
                .containsEntry("metric", "NetworkOut")
                .containsEntry("namespace", "AWS/EC2")
                .containsEntry("account", "123456789012")
                .doesNotContainKey("region");
        assertThat(event.annotations())
                .containsEntry("threshold", "0.0")
                .containsEntry("comparison", "GreaterThanThreshold")
                .containsEntry("statistic", "AVERAGE");
    }

    @Test
    void shouldReadAMetricMathAlarmWithItsExpressionAndFirstMetric() {
        AlertEvent event = single(normalize("cloudwatch_alarm_sns_metric_math.lambda_sns_event.json"));

        assertThat(event.eventId()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        assertThat(event.labels())
                .containsEntry("alarm_type", "metric_math")
                .containsEntry("metric", "NetworkOut")
                .containsEntry("InstanceId", "TestInstance")
                .doesNotContainKey("account");
        assertThat(event.annotations()).containsEntry("expression", "m1*1");
    }

    @Test
    void shouldReadACompositeAlarmWithItsTriggeringChildren() {
        AlertEvent event = single(normalizer.normalize(
                RawMessages.inEnvelope("cloudwatch_alarm_sns_composite.sns_Message.json", "sns-composite-1")));

        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.eventId()).isEqualTo("sns-composite-1");
        assertThat(event.fingerprint())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:"
                        + "if-sim-app_111122223333_us-east-1-test_node_monitor");
        assertThat(event.labels())
                .as("region from the AlarmArn, not from the eu-west-2 topic nor 'US East (N. Virginia)'")
                .containsEntry("region", "us-east-1")
                .containsEntry("alarm_type", "composite");
        assertThat(event.annotations().get("triggeringChildren"))
                .isEqualTo("arn:aws:cloudwatch:us-east-1:111122223333:alarm:"
                        + "if-sim-app_111122223333_us-east-1-metric_emitting_node_failure (ALARM)");
        assertThat(event.annotations().get("alarmRule")).startsWith("ALARM(arn:aws:cloudwatch:us-east-1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2021-11-10T02:45:55.640Z"));
    }

    @Test
    void shouldTurnInsufficientDataIntoAWarningInfoByDefaultAndAsConfigured() {
        String message = AwsSamples.text("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json")
                .replace("\"NewStateValue\": \"ALARM\"", "\"NewStateValue\": \"INSUFFICIENT_DATA\"");

        AlertEvent event = single(normalizer.normalize(RawMessages.rawBody(message)));
        assertThat(event.status()).isEqualTo(AlertStatus.INFO);
        assertThat(event.severity()).isEqualTo(Severity.WARNING);

        NormalizeSlice ignore = new NormalizeSlice(
                NormalizeSlice.InsufficientData.IGNORE, Severity.WARNING, Severity.ERROR, 1 << 18, false, true);
        assertThat(new AwsMessageNormalizer(ignore).normalize(RawMessages.rawBody(message)))
                .isInstanceOf(Normalized.Ignored.class);
        NormalizeSlice firing = new NormalizeSlice(
                NormalizeSlice.InsufficientData.FIRING, Severity.CRITICAL, Severity.ERROR, 1 << 18, false, true);
        AlertEvent fired = single(new AwsMessageNormalizer(firing).normalize(RawMessages.rawBody(message)));
        assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(fired.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void shouldRejectAnAlarmStateCloudWatchDoesNotHave() {
        String message = AwsSamples.text("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json")
                .replace("\"NewStateValue\": \"ALARM\"", "\"NewStateValue\": \"PANIC\"");

        assertThat(normalizer.normalize(RawMessages.rawBody(message)))
                .isInstanceOfSatisfying(Normalized.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo("CloudWatch alarm message: state 'PANIC' is not ALARM, OK or INSUFFICIENT_DATA"));
    }

    @Test
    void shouldReadEveryEventBridgeAlarmVariant() {
        AlertEvent single = single(normalize("eventbridge_cloudwatch_alarm_state_change_single_metric.json"));
        AlertEvent math = single(normalize("eventbridge_cloudwatch_alarm_state_change_metric_math.json"));
        AlertEvent anomaly = single(normalize("eventbridge_cloudwatch_alarm_state_change_anomaly_detection.json"));
        AlertEvent composite =
                single(normalize("eventbridge_cloudwatch_alarm_state_change_composite_with_suppressor.json"));

        assertThat(single.fingerprint()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh");
        assertThat(single.eventId()).isEqualTo("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92");
        assertThat(single.occurredAt())
                .as("the alarm's own millisecond clock, not the event's second")
                .isEqualTo(Instant.parse("2019-10-02T17:04:40.989Z"));
        assertThat(single.labels())
                .containsEntry("alarm_type", "metric")
                .containsEntry("metric", "CPUUtilization")
                .containsEntry("InstanceId", "i-12345678901234567")
                .containsEntry("resource", "i-12345678901234567")
                .containsEntry("region", "us-east-1");
        assertThat(math.labels()).containsEntry("alarm_type", "metric_math").containsEntry("metric", "NetworkIn");
        assertThat(math.annotations()).containsEntry("previousState", "INSUFFICIENT_DATA");
        assertThat(anomaly.labels()).containsEntry("alarm_type", "anomaly_detection");
        assertThat(anomaly.annotations()).containsEntry("expression", "ANOMALY_DETECTION_BAND(m1, 0.8)");
        assertThat(anomaly.links().get(0).url()).endsWith("#alarmsV2:alarm/EC2%20CPU%20Utilization%20Anomaly");
        assertThat(composite.labels()).containsEntry("alarm_type", "composite");
        assertThat(composite.annotations())
                .containsEntry("actionsSuppressedBy", "WaitPeriod")
                .containsEntry("actionsSuppressor", "ServiceMaintenanceAlarm")
                .containsEntry(
                        "triggeringChildren",
                        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh (ALARM)");
        assertThat(List.of(single, math, anomaly, composite)).allMatch(e -> e.status() == AlertStatus.FIRING);
    }

    @Test
    void shouldFirePipelineFailuresAndResolveThemOnSuccessInBothShapes() {
        AlertEvent failed = single(normalize("eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json"));
        AlertEvent succeeded =
                single(normalize("eventbridge_codepipeline_pipeline_execution_SUCCEEDED.processed.json"));
        AlertEvent started = single(normalize("eventbridge_codepipeline_pipeline_execution_STARTED.processed.json"));
        AlertEvent stopping = single(normalize("eventbridge_codepipeline_pipeline_execution_STOPPING.emitted.json"));

        assertThat(failed.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(failed.source()).isEqualTo("codepipeline");
        assertThat(failed.fingerprint()).isEqualTo("arn:aws:codepipeline:us-west-2:123456789012:myPipeline");
        assertThat(failed.title()).isEqualTo("Pipeline myPipeline failed");
        assertThat(failed.links())
                .extracting(Link::url)
                .contains("https://us-west-2.console.aws.amazon.com/codesuite/codepipeline/pipelines/myPipeline/"
                        + "executions/12345678-1234-5678-abcd-12345678abcd/timeline?region=us-west-2");
        assertThat(succeeded.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(succeeded.fingerprint())
                .as("the processed shape's resource lives in us-west-2 whatever its region field says")
                .isEqualTo(failed.fingerprint());
        assertThat(succeeded.labels()).containsEntry("region", "us-west-2");
        assertThat(succeeded.eventId())
                .as("the processed shape has no id: content hash")
                .startsWith("sha256:");
        assertThat(started.status()).isEqualTo(AlertStatus.INFO);
        assertThat(started.annotations()).containsEntry("trigger", "StartPipelineExecution");
        assertThat(stopping.status()).isEqualTo(AlertStatus.INFO);
        assertThat(stopping.annotations()).containsEntry("stopComments", "Stopping the pipeline for an update");
    }

    @Test
    void shouldReadTheProcessedFailureDetailsOnceTheBraceIsThere() {
        String repaired = AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.processed.json")
                        .stripTrailing()
                + "\n}";

        AlertEvent event = single(normalizer.normalize(RawMessages.rawBody(repaired)));

        assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.annotations())
                .containsEntry("failedStage", "Deploy")
                .containsEntry("failedActions", "Deploy: Deployment <ID> failed");
    }

    @Test
    void shouldReadStageAndActionChangesWithTheirOwnFingerprints() {
        String stage = AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json")
                .replace("CodePipeline Pipeline Execution State Change", "CodePipeline Stage Execution State Change")
                .replace("\"state\": \"FAILED\"", "\"stage\": \"Deploy\", \"state\": \"FAILED\"");
        String action = stage.replace("CodePipeline Stage Execution", "CodePipeline Action Execution")
                .replace("\"stage\": \"Deploy\"", "\"stage\": \"Deploy\", \"action\": \"DeployToProd\"");

        AlertEvent stageEvent = single(normalizer.normalize(RawMessages.rawBody(stage)));
        AlertEvent actionEvent = single(normalizer.normalize(RawMessages.rawBody(action)));

        assertThat(stageEvent.fingerprint()).endsWith(":myPipeline/stage/Deploy");
        assertThat(stageEvent.labels()).containsEntry("stage", "Deploy").containsEntry("pipeline", "myPipeline");
        assertThat(actionEvent.fingerprint()).endsWith(":myPipeline/stage/Deploy/action/DeployToProd");
        assertThat(actionEvent.title()).isEqualTo("Action DeployToProd of stage Deploy of pipeline myPipeline failed");
    }

    @Test
    void shouldResolveABuildProjectOnSuccessAndIgnorePhaseChangesByDefault() {
        AlertEvent succeeded = single(normalize("eventbridge_codebuild_build_state_change_SUCCEEDED.json"));
        AlertEvent failed = single(normalizer.normalize(
                RawMessages.rawBody(AwsSamples.text("eventbridge_codebuild_build_state_change_SUCCEEDED.json")
                        .replace("\"build-status\": \"SUCCEEDED\"", "\"build-status\": \"FAILED\"")
                        .replace("c030038d-8c4d-6141-9545-00ff7b7153EX", "another-id"))));

        assertThat(succeeded.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(succeeded.fingerprint())
                .isEqualTo("arn:aws:codebuild:us-west-2:123456789012:project/my-sample-project");
        assertThat(failed.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(failed.fingerprint()).isEqualTo(succeeded.fingerprint());
        assertThat(succeeded.links()).extracting(Link::title).containsExactly("Build logs", "CodeBuild build");
        assertThat(succeeded.links().get(1).url())
                .contains("/codesuite/codebuild/123456789012/projects/my-sample-project/build/"
                        + "my-sample-project%3A8745a7a9-c340-456a-9166-edf953571bEX/");
        assertThat(normalize("eventbridge_codebuild_build_phase_change.json"))
                .isInstanceOfSatisfying(
                        Normalized.Ignored.class, i -> assertThat(i.notable()).isFalse());
        NormalizeSlice phases = new NormalizeSlice(
                NormalizeSlice.InsufficientData.INFO, Severity.WARNING, Severity.ERROR, 1 << 18, true, true);
        AlertEvent phase = single(new AwsMessageNormalizer(phases)
                .normalize(RawMessages.raw("eventbridge_codebuild_build_phase_change.json")));
        assertThat(phase.status()).isEqualTo(AlertStatus.INFO);
        assertThat(phase.annotations()).containsEntry("state", "COMPLETED SUCCEEDED");
    }

    @Test
    void shouldReadAnS3ObjectCallFromCloudTrailBareAndViaEventBridge() {
        AlertEvent bare = single(normalize("cloudtrail_record_s3_outposts_PutObject_data_event.json"));
        String viaEventBridge = "{\"version\":\"0\",\"id\":\"eb-1\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"source\":\"aws.s3\",\"account\":\"444455556666\",\"time\":\"2020-11-30T15:44:40Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":"
                + AwsSamples.text("cloudtrail_record_s3_outposts_PutObject_data_event.json") + "}";
        AlertEvent wrapped = single(normalizer.normalize(RawMessages.rawBody(viaEventBridge)));

        assertThat(bare.status()).isEqualTo(AlertStatus.INFO);
        assertThat(bare.source()).isEqualTo("cloudtrail");
        assertThat(bare.eventId()).isEqualTo("ee3b4e0c-ab12-459b-9998-0a5a6f2e4015");
        assertThat(bare.occurredAt()).isEqualTo(Instant.parse("2020-11-30T15:44:33Z"));
        assertThat(bare.title()).isEqualTo("PutObject s3://DOC-EXAMPLE-BUCKET1/path/upload.sh");
        assertThat(bare.labels())
                .containsEntry("bucket", "DOC-EXAMPLE-BUCKET1")
                .containsEntry("key", "path/upload.sh")
                .containsEntry("principal", "arn:aws:iam::111122223333:user/yourUserName")
                .containsEntry("source_ip", "26.29.66.20")
                .containsEntry("region", "us-east-1")
                .containsEntry("account", "444455556666")
                .containsEntry("service", "s3-outposts");
        assertThat(bare.fingerprint())
                .isEqualTo("arn:aws:s3-outposts:us-east-1:YYY:outpost/op-01ac5d28a6a232904/bucket/path/upload.sh");
        assertThat(wrapped.eventId())
                .as("CloudTrail's eventID beats EventBridge's id")
                .isEqualTo(bare.eventId());
        assertThat(wrapped.fingerprint()).isEqualTo(bare.fingerprint());
    }

    @Test
    void shouldFireAnAwsHealthIssueWhileOpenAndResolveItWhenClosed() {
        AlertEvent open = single(normalize("health_issue_open.json"));
        AlertEvent closed = single(normalize("health_issue_closed.json"));

        assertThat(open.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(open.source()).isEqualTo("health");
        assertThat(open.occurredAt()).isEqualTo(Instant.parse("2024-11-06T16:20:00Z"));
        assertThat(open.labels()).containsEntry("region", "eu-west-2").containsEntry("service", "ec2");
        assertThat(open.annotations()).containsEntry("affectedEntities", "i-0abcd1234ef567890");
        assertThat(closed.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(closed.occurredAt()).isEqualTo(Instant.parse("2024-11-06T17:40:00Z"));
        assertThat(closed.fingerprint()).isEqualTo(open.fingerprint());
        assertThat(open.links().get(0).url())
                .startsWith("https://health.aws.amazon.com/health/home#/account/event-log");
    }

    @Test
    void shouldTurnAnyOtherEventBridgeEventIntoAGenericInfo() {
        AlertEvent event = single(normalize("eventbridge_envelope_example_ec2_state_change.json"));

        assertThat(event.status()).isEqualTo(AlertStatus.INFO);
        assertThat(event.source()).isEqualTo("eventbridge");
        assertThat(event.title()).isEqualTo("EC2 Instance State-change Notification");
        assertThat(event.eventId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(event.labels())
                .containsEntry("service", "ec2")
                .containsEntry("resource", "i-1234567890abcdef0")
                .containsEntry("region", "us-west-1");
        assertThat(event.annotations()).containsEntry("state", "terminated");
    }

    @Test
    void shouldLogSubscriptionConfirmationsWithTheirUrlAndNeverAlert() {
        assertThat(normalize("sns_http_subscription_confirmation_post.txt"))
                .isInstanceOfSatisfying(Normalized.Ignored.class, ignored -> {
                    assertThat(ignored.notable()).isTrue();
                    assertThat(ignored.reason())
                            .contains("SubscriptionConfirmation")
                            .contains("arn:aws:sns:us-west-2:123456789012:MyTopic")
                            .contains("https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription")
                            .contains("never visited");
                });
    }

    @Test
    void shouldIgnoreAnUnsubscribeConfirmationToo() {
        String body = AwsSamples.text("sns_http_subscription_confirmation_post.txt")
                .replace("\"SubscriptionConfirmation\"", "\"UnsubscribeConfirmation\"");

        assertThat(normalizer.normalize(RawMessages.rawBody(body)))
                .isInstanceOfSatisfying(Normalized.Ignored.class, ignored -> assertThat(ignored.reason())
                        .startsWith("SNS UnsubscribeConfirmation 165545c9-2a5c-472c-8df2-7ff2be2b3b1b"));
    }

    @Test
    void shouldFingerprintAPipelineWithoutArnOrRegionByName() {
        String body = AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json")
                .replace("\"arn:aws:codepipeline:us-west-2:123456789012:myPipeline\"", "")
                .replace("\"region\": \"us-west-2\"", "\"region\": \"somewhere\"");

        assertThat(single(normalizer.normalize(RawMessages.rawBody(body))).fingerprint())
                .isEqualTo("codepipeline:myPipeline");
    }

    @Test
    void shouldTurnPlainTextNotificationsIntoInfoEventsWithRawDeliveryOnOrOff() {
        AlertEvent enveloped = single(normalize("sns_sqs_body_raw_delivery_DISABLED_envelope.json"));
        AlertEvent raw = single(normalize("sns_sqs_body_raw_delivery_ENABLED.txt"));
        AlertEvent attributes = single(normalize("sns_envelope_with_MessageAttributes.json"));

        assertThat(enveloped.title()).isEqualTo("TestSubject");
        assertThat(enveloped.summary()).isEqualTo("This is a test message.");
        assertThat(enveloped.eventId()).isEqualTo("dc1e94d9-56c5-5e96-808d-cc7f68faa162");
        assertThat(enveloped.fingerprint()).isEqualTo("sns:arn:aws:sns:us-east-2:111122223333:ExampleTopic1");
        assertThat(enveloped.occurredAt()).isEqualTo(Instant.parse("2021-02-16T21:41:19.978Z"));
        assertThat(enveloped.labels()).containsEntry("region", "us-east-2").containsEntry("topic", "ExampleTopic1");
        assertThat(raw.title()).isEqualTo("This is a test message.");
        assertThat(raw.fingerprint()).isEqualTo("sqs:" + RawMessages.QUEUE);
        assertThat(raw.eventId()).startsWith("sha256:");
        assertThat(attributes.annotations())
                .containsEntry("attribute.store", "example_corp")
                .containsEntry("attribute.price_usd", "210.75");
        assertThat(List.of(enveloped, raw, attributes)).allMatch(e -> e.status() == AlertStatus.INFO);

        NormalizeSlice strict = new NormalizeSlice(
                NormalizeSlice.InsufficientData.INFO, Severity.WARNING, Severity.ERROR, 1 << 18, false, false);
        assertThat(new AwsMessageNormalizer(strict).normalize(RawMessages.raw("sns_sqs_body_raw_delivery_ENABLED.txt")))
                .isInstanceOf(Normalized.Unreadable.class);
    }

    @Test
    void shouldUnwrapEventBridgeEventsPublishedThroughSnsKeepingTheirOwnId() {
        AlertEvent event = single(normalizer.normalize(
                RawMessages.inEnvelope("eventbridge_cloudwatch_alarm_state_change_single_metric.json", "sns-1")));

        assertThat(event.eventId())
                .as("EventBridge's id survives SNS retries; the SNS MessageId would not")
                .isEqualTo("c4c1c1c9-6542-e61b-6ef0-8c4d36933a92");
    }

    @Test
    void shouldReadAChatbotCustomNotification() {
        String custom = "{\"version\":\"1.0\",\"source\":\"custom\",\"id\":\"c-1\",\"content\":{\"title\":\"Deploy "
                + "blocked\",\"description\":\"Change freeze until Monday\",\"nextSteps\":[\"Ask #release\"]},"
                + "\"metadata\":{\"threadId\":\"freeze-42\"}}";

        AlertEvent event = single(normalizer.normalize(RawMessages.rawBody(AwsSamples.envelope(custom, "m-1", null))));

        assertThat(event.title()).isEqualTo("Deploy blocked");
        assertThat(event.fingerprint()).isEqualTo("custom:freeze-42");
        assertThat(event.eventId()).isEqualTo("c-1");
        assertThat(event.annotations()).containsEntry("nextSteps", "Ask #release");
    }
}
