package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.aws.AwsClients;
import io.alertbridge.connectors.aws.AwsConnect;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackFile;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.launcher.dev.DevAws;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.alertbridge.testkit.samples.AwsSamples;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on the production path, against moto's server (a real AWS API): two queues connected by the code of
 * {@code aws connect}, one with SNS raw message delivery off and the CodePipeline rule, one with raw delivery on; a real
 * CloudWatch alarm message published with SNS {@code Publish} to each queue's topic and a CodePipeline failure put
 * with EventBridge {@code PutEvents} travel through moto's own delivery into SQS, then {@code alertbridge run}'s
 * bridge, processor and sink, and reach the local Slack workspace as incident messages naming the alarm, its state and
 * the pipeline. The OK that follows the raw-delivery alarm resolves its incident. The alarm's metric, put into moto's
 * CloudWatch beforehand, appears in its message as a graph: {@code GetMetricData} through the SDK's own client, the
 * PNG uploaded to the workspace and shown with an image block.
 */
@ExtendWith(DevkitExtension.class)
class AwsEndToEndIT {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final Map<String, String> AWS = Map.of(
            "aws.accessKeyId", "test",
            "aws.secretAccessKey", "test");

    @BeforeAll
    static void dummyAwsCredentials() {
        AWS.forEach(System::setProperty);
    }

    @AfterAll
    static void clearAwsCredentials() {
        AWS.keySet().forEach(System::clearProperty);
    }

    @Test
    void shouldBringSnsAlarmsWithRawDeliveryOffAndOnAndAPipelineFailureToSlackAsIncidents(
            EmbeddedKafka kafka, MotoServer moto, @TempDir Path dir) throws Exception {
        String enveloped = DevkitExtension.unique("e2e-envelope");
        String raw = DevkitExtension.unique("e2e-raw");
        String pipeline = DevkitExtension.unique("e2e-pipeline");
        try (AwsClients aws = DevAws.clients(moto.endpoint(), moto.region());
                LocalSlackWorkspace slack = LocalSlackWorkspace.start()) {
            String envelopeTopic = aws.sns().createTopic(b -> b.name(enveloped)).topicArn();
            String rawTopic = aws.sns().createTopic(b -> b.name(raw)).topicArn();
            connect(aws, enveloped, envelopeTopic, List.of("codepipeline"), false);
            connect(aws, raw, rawTopic, List.of(), true);
            String envelopeQueue =
                    aws.sqs().getQueueUrl(b -> b.queueName(enveloped)).queueUrl();
            String rawQueue = aws.sqs().getQueueUrl(b -> b.queueName(raw)).queueUrl();
            RunSetup setup = RunSetup.create(
                    kafka,
                    envelopeQueue,
                    dir,
                    "e2e",
                    (prefix, rules, queueUrl) ->
                            config(dir, prefix, rules, kafka, List.of(envelopeQueue, rawQueue), moto, slack));

            String alarmOff = "cpu-high-" + enveloped;
            String alarmOn = "cpu-high-" + raw;
            putNetworkOut(aws, instance(alarmOff));
            try (RunningParts parts = setup.command().start()) {
                aws.sns().publish(b -> b.topicArn(envelopeTopic).message(alarm(alarmOff, "ALARM")));
                aws.sns().publish(b -> b.topicArn(rawTopic).message(alarm(alarmOn, "ALARM")));
                putPipelineFailure(aws, pipeline);

                SlackMessage off = awaitIncident(slack, alarmOff, "OPEN");
                SlackMessage on = awaitIncident(slack, alarmOn, "OPEN");
                SlackMessage failed = awaitIncident(slack, pipeline, "OPEN");
                for (String alarm : List.of(alarmOff, alarmOn)) {
                    assertThat(incidents(slack, alarm))
                            .as("one incident message per alarm")
                            .hasSize(1);
                }
                assertThat(off.visibleText())
                        .contains("*FIRING* <https://us-east-1.console.aws.amazon.com/cloudwatch/")
                        .contains("Network out of " + instance(alarmOff))
                        .contains(instance(alarmOff))
                        .doesNotContain(alarmOn);
                assertThat(on.visibleText())
                        .contains("*FIRING* <https://us-east-1.console.aws.amazon.com/cloudwatch/")
                        .contains("Network out of " + instance(alarmOn))
                        .doesNotContain(alarmOff);
                assertThat(failed.visibleText()).containsIgnoringCase("failed");
                String graph = awaitGraph(slack, alarmOff);
                SlackFile file = slack.file(graph).orElseThrow();
                assertThat(file.altTxt()).contains("NetworkOut of " + alarmOff).contains("30 datapoints");
                assertThat(ImageIO.read(new ByteArrayInputStream(file.bytes())).getWidth())
                        .isEqualTo(800);

                aws.sns().publish(b -> b.topicArn(rawTopic).message(alarm(alarmOn, "OK")));
                awaitIncident(slack, alarmOn, "RESOLVED");
                assertThat(incidents(slack, alarmOn))
                        .as("the OK edits the same message")
                        .hasSize(1);
            }
        }
    }

    /** 30 minutes of the alarm's metric (the sample's AWS/EC2 NetworkOut), climbing over its threshold. */
    private static void putNetworkOut(AwsClients aws, String instance) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<MetricDatum> data = new java.util.ArrayList<>();
        for (int i = 30; i >= 1; i--) {
            data.add(MetricDatum.builder()
                    .metricName("NetworkOut")
                    .dimensions(Dimension.builder()
                            .name("InstanceId")
                            .value(instance)
                            .build())
                    .unit(StandardUnit.BYTES)
                    .timestamp(now.minus(Duration.ofMinutes(i)))
                    .value(i <= 3 ? 5_000.0 : 0.0)
                    .build());
        }
        aws.cloudWatch().putMetricData(b -> b.namespace("AWS/EC2").metricData(data));
    }

    /** The file id of the graph the alarm's incident message shows, once it shows one. */
    private static String awaitGraph(LocalSlackWorkspace slack, String name) {
        String[] id = new String[1];
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (SlackMessage message : incidents(slack, name)) {
                for (com.fasterxml.jackson.databind.JsonNode attachment : message.attachments()) {
                    for (com.fasterxml.jackson.databind.JsonNode block : attachment.path("blocks")) {
                        if ("image".equals(block.path("type").asText())) {
                            id[0] = block.path("slack_file").path("id").asText();
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        return id[0];
    }

    private static void connect(AwsClients aws, String queue, String topic, List<String> presets, boolean raw) {
        AwsConnect.Report report =
                AwsConnect.run(aws, new AwsConnect.Request(queue, List.of(topic), presets, raw, false));
        assertThat(report.succeeded()).as(report.toString()).isTrue();
    }

    /** The real single-metric alarm message, renamed, in {@code state}, changed now, with a well-formed ARN. */
    private static String alarm(String name, String state) {
        ObjectNode message =
                (ObjectNode) sample(AwsSamples.text("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json"));
        message.put("AlarmName", name);
        message.put("AlarmDescription", "Network out of " + instance(name));
        ((ObjectNode) message.get("Trigger").get("Dimensions").get(0)).put("value", instance(name));
        message.put("AlarmArn", "arn:aws:cloudwatch:us-east-1:" + MotoServer.ACCOUNT_ID + ":alarm:" + name);
        message.put("Region", "US East (N. Virginia)");
        message.put("NewStateValue", state);
        message.put("OldStateValue", state.equals("OK") ? "ALARM" : "OK");
        message.put("StateChangeTime", ALARM_TIME.format(Instant.now()));
        return message.toString();
    }

    private static String instance(String alarm) {
        return "i-" + alarm;
    }

    /** The real CodePipeline FAILED event, as its source would put it on the default bus, for {@code pipeline}. */
    private static void putPipelineFailure(AwsClients aws, String pipeline) {
        ObjectNode event =
                (ObjectNode) sample(AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json"));
        ((ObjectNode) event.get("detail")).put("pipeline", pipeline);
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .source(event.get("source").asText())
                .detailType(event.get("detail-type").asText())
                .detail(event.get("detail").toString())
                .resources("arn:aws:codepipeline:us-east-1:" + MotoServer.ACCOUNT_ID + ":" + pipeline)
                .time(Instant.now())
                .build();
        PutEventsResponse response = aws.events().putEvents(b -> b.entries(entry));
        assertThat(response.failedEntryCount()).as(response.toString()).isZero();
    }

    private static com.fasterxml.jackson.databind.JsonNode sample(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SlackMessage awaitIncident(LocalSlackWorkspace slack, String name, String state) {
        Awaitility.await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> incidents(slack, name).stream()
                        .anyMatch(m -> m.visibleText().contains(state)));
        return incidents(slack, name).get(0);
    }

    private static List<SlackMessage> incidents(LocalSlackWorkspace slack, String name) {
        return slack.messages("#alerts").stream()
                .filter(m -> "alertbridge_incident".equals(m.eventType()))
                .filter(m -> m.visibleText().contains(name))
                .toList();
    }

    private static String config(
            Path dir,
            String prefix,
            Path rules,
            EmbeddedKafka kafka,
            List<String> queues,
            MotoServer moto,
            LocalSlackWorkspace slack) {
        return """
                stateDir: "%s"
                aws: {region: "%s", endpoint: "%s"}
                kafka: {bootstrapServers: "%s"}
                topics: {prefix: "%s"}
                streams: {applicationId: "%sapp"}
                rules: {file: "%s"}
                sqs: {queueUrls: ["%s"], endpoint: "%s", region: "%s", waitTime: PT1S}
                slack:
                  apiUrl: "%s"
                  token: "%s"
                  groupId: "%ssink"
                  initialBackoff: PT0.1S
                  maxBackoff: PT1S
                  callTimeout: PT2S
                interactivity:
                  signingSecret: "%s"
                  botToken: "%s"
                  apiUrl: "%s"
                """
                .formatted(
                        dir.resolve(prefix + "state"),
                        moto.region(),
                        moto.endpoint(),
                        kafka.bootstrapServers(),
                        prefix,
                        prefix,
                        rules,
                        String.join("\", \"", queues),
                        moto.endpoint(),
                        moto.region(),
                        slack.apiUrl(),
                        slack.botToken(),
                        prefix,
                        slack.signingSecret(),
                        slack.botToken(),
                        slack.apiUrl());
    }
}
