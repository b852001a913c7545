package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.aws.AwsAccess;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /alerts alarm NAME} end to end: alarms created in moto with the AWS SDK ({@code PutMetricAlarm}), a bridge
 * queue subscribed to one of two SNS topics, an incident of the alarm on the incidents topic; the command goes
 * through the real HTTP endpoint signed as Slack signs it, is acknowledged at once, and the definition arrives at
 * the response URL. AWS being unreachable is one plain sentence, still acknowledged at once.
 */
@ExtendWith(DevkitExtension.class)
class AlarmCommandIT {

    private static final Duration ACK = Duration.ofSeconds(3);

    private static Harness harness;
    private static HttpEndpoint endpoint;
    private static AlarmLookup lookup;
    private static String connectedTopic;
    private static String otherTopic;
    private static String alarmName;
    private static String alarmArn;
    private static String region;

    @BeforeAll
    static void start(EmbeddedKafka kafka, MotoServer moto) {
        // The lookup takes credentials from the SDK's default chain, as in production; these are its system properties.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        region = moto.region();
        String suffix = DevkitExtension.unique("al");
        alarmName = "checkout-" + suffix + "-p99 latency";
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Region region = Region.of(moto.region());
        String queueUrl;
        try (SqsClient sqs = SqsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(region)
                        .credentialsProvider(credentials)
                        .build();
                SnsClient sns = SnsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(region)
                        .credentialsProvider(credentials)
                        .build();
                CloudWatchClient cloudWatch = CloudWatchClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(region)
                        .credentialsProvider(credentials)
                        .build()) {
            queueUrl = sqs.createQueue(b -> b.queueName("bridge-" + suffix)).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            connectedTopic = sns.createTopic(b -> b.name("alarms-" + suffix)).topicArn();
            otherTopic = sns.createTopic(b -> b.name("elsewhere-" + suffix)).topicArn();
            sns.subscribe(b -> b.topicArn(connectedTopic).protocol("sqs").endpoint(queueArn));
            cloudWatch.putMetricAlarm(b -> b.alarmName(alarmName)
                    .alarmDescription("p99 <!channel> too slow")
                    .namespace("AWS/ApplicationELB")
                    .metricName("TargetResponseTime")
                    .dimensions(d -> d.name("LoadBalancer").value("app/checkout/50dc6c495c0c9188"))
                    .statistic(Statistic.AVERAGE)
                    .period(300)
                    .evaluationPeriods(3)
                    .datapointsToAlarm(2)
                    .threshold(1.5)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData("notBreaching")
                    .alarmActions(connectedTopic)
                    .okActions(otherTopic)
                    .actionsEnabled(true));
            cloudWatch.putMetricAlarm(b -> b.alarmName("checkout-" + suffix + "-errors")
                    .namespace("AWS/ApplicationELB")
                    .metricName("HTTPCode_Target_5XX_Count")
                    .statistic(Statistic.SUM)
                    .period(60)
                    .evaluationPeriods(1)
                    .threshold(10.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            alarmArn = cloudWatch
                    .describeAlarms(b -> b.alarmNames(alarmName))
                    .metricAlarms()
                    .get(0)
                    .alarmArn();
        }
        lookup = new AlarmLookup(
                new AwsAccess(moto.region(), moto.endpoint(), null), List.of(queueUrl), Clock.systemUTC());
        harness = new Harness(kafka, 1);
        harness.publish(incidentOf(alarmArn));
        Interactivity interactivity = harness.start(
                harness.config(),
                Clock.systemUTC(),
                new Interactivity.Sources(() -> harness.workspace.signingSecret(), () -> null, lookup));
        endpoint = new HttpEndpoint(
                interactivity.path(), interactivity.httpHandler().orElseThrow());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        harness.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static Incident incidentOf(String arn) {
        Incident base = Fixtures.open("INC-AL1", "checkout", Severity.CRITICAL, 0);
        Instant first = base.firstSeen();
        return base.toBuilder()
                .members(List.of(new IncidentMember(
                        arn, "cloudwatch", alarmName, AlertStatus.FIRING, Severity.CRITICAL, "e-1", first, false)))
                .timeline(List.of(
                        new TimelineEntry(first, TimelineEntry.Kind.OPENED, "Opened by " + alarmName, null),
                        new TimelineEntry(
                                first.plusSeconds(120), TimelineEntry.Kind.ACKNOWLEDGED, "Acknowledged", "U0ALICE")))
                .build();
    }

    private static String command(String text, String responseUrl, Duration[] took) throws Exception {
        SignedRequests.Signed signed =
                harness.requests.sign(SignedRequests.slashCommandBody(ALICE, "/alerts", text, responseUrl));
        long started = System.nanoTime();
        HttpResponse<String> response = endpoint.post(signed.body(), signed.headers());
        took[0] = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("text").asText();
    }

    @Test
    void shouldAnswerWithTheDefinitionActionsReachAndTheAlarmsIncidents() throws Exception {
        String url = harness.responses.url();
        Duration[] took = new Duration[1];

        String first = command("alarm " + alarmName, url, took);

        assertThat(took[0]).isLessThan(ACK);
        assertThat(first).contains("Looking up");
        JsonNode answer = harness.responses.await(url, 1);
        String text = answer.get("text").asText();
        assertThat(answer.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.get("replace_original").asBoolean()).isTrue();
        assertThat(text)
                .contains("`AWS/ApplicationELB TargetResponseTime`")
                .contains("`LoadBalancer=app/checkout/50dc6c495c0c9188`")
                .contains("Average over 5 minutes is greater than or equal to 1.5, for 2 of the last 3 periods")
                .contains("treated as good (not breaching)")
                .contains("on ALARM: `" + connectedTopic + "` :white_check_mark: reaches Alertbridge")
                .contains("on OK: `" + otherTopic + "` :x: no bridge queue is subscribed to this topic")
                .contains("*INC-AL1*")
                .contains("Acknowledged (<@U0ALICE>)")
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void shouldSayWhichRegionAndAccountItLookedInAndOfferNamesByPrefix() throws Exception {
        String url = harness.responses.url();
        String prefix = alarmName.substring(0, alarmName.indexOf("-p99"));

        command("alarm " + prefix + "-p90 --public", url, new Duration[1]);

        JsonNode answer = harness.responses.await(url, 1);
        assertThat(answer.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(answer.get("text").asText())
                .contains("no CloudWatch alarm named")
                .contains("in " + region + " (account ********9012)")
                .contains("account ********9012")
                .contains("`/alerts alarm " + prefix + "-errors`")
                .contains("`/alerts alarm " + prefix + "-p99 latency`")
                .doesNotContain("123456789012");
    }

    @Test
    void shouldSayInOneSentenceWhenAwsCannotBeReached() {
        AlarmLookup unreachable = new AlarmLookup(
                new AwsAccess("eu-west-1", URI.create("http://127.0.0.1:9/"), null), List.of(), Clock.systemUTC());
        AlarmCommand command =
                new AlarmCommand(unreachable::find, new IncidentIndex(), null, Clock.systemUTC(), "/alerts");

        long started = System.nanoTime();
        String text = command.answer("anything");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(text)
                .isEqualTo(":warning: I could not read the alarm *anything*: CloudWatch could not be reached"
                        + " (SdkClientException).");
        assertThat(took).isLessThan(AlarmLookup.CALL_TIMEOUT.plusSeconds(2));
        unreachable.close();
    }
}
