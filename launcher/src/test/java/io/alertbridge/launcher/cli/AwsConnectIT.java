package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.processor.aws.AwsMessageNormalizer;
import io.alertbridge.processor.aws.Normalized;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alertbridge aws connect} and {@code aws check} against moto's server, a real AWS API. The launcher finds
 * moto the way it finds AWS: through the SDK's default chains, here their system properties ({@code aws.region},
 * {@code aws.endpointUrl}, {@code aws.accessKeyId}), so nothing in the command knows it is a test.
 */
@ExtendWith(DevkitExtension.class)
class AwsConnectIT {

    private static final Map<String, String> SDK_PROPERTIES = Map.of(
            "aws.accessKeyId", "test",
            "aws.secretAccessKey", "test");

    private MotoServer moto;
    private SqsClient sqs;
    private SnsClient sns;
    private EventBridgeClient events;

    @BeforeEach
    void pointTheSdkAtMoto(MotoServer moto) {
        this.moto = moto;
        SDK_PROPERTIES.forEach(System::setProperty);
        System.setProperty("aws.region", moto.region());
        System.setProperty("aws.endpointUrl", moto.endpoint().toString());
        sqs = SqsClient.create();
        sns = SnsClient.create();
        events = EventBridgeClient.create();
    }

    @AfterEach
    void close() {
        sqs.close();
        sns.close();
        events.close();
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.region");
        System.clearProperty("aws.endpointUrl");
    }

    @Test
    void shouldConnectFromNothingThenChangeNothingOnASecondRunAndCheckGreen() {
        String queue = DevkitExtension.unique("connect");
        String topic = topic();

        CliRun first = connect(queue, topic);
        CliRun second = connect(queue, topic);
        CliRun check = CliRun.of("aws", "check", "--queue", queue);

        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out)
                .contains("done: create queue " + queue + "-dlq")
                .contains("done: create queue " + queue + ":")
                .contains("done: subscribe the queue to topic " + topic)
                .contains("done: put rule " + queue + "-cloudwatch-alarms")
                .contains("done: point rule " + queue + "-codepipeline at the queue");
        Map<String, String> attributes = attributes(queue);
        assertThat(attributes)
                .containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("MessageRetentionPeriod", "1209600");
        assertThat(attributes.get("RedrivePolicy")).contains(queue + "-dlq");
        assertThat(attributes.get("Policy"))
                .contains(topic)
                .contains("rule/" + queue + "-cloudwatch-alarms")
                .contains("sns.amazonaws.com")
                .contains("events.amazonaws.com");
        assertThat(second.code).as(second.err).isZero();
        assertThat(second.out).contains("No change").doesNotContain("done:");
        assertThat(check.code).as(check.out).isZero();
        assertThat(check.out).contains("ok: topic " + topic).contains("All links hold.");
    }

    @Test
    void shouldMakeNoChangeOnADryRun() {
        String queue = DevkitExtension.unique("dry");
        String topic = topic();

        CliRun dry = CliRun.of(
                "aws", "connect", "--queue", queue, "--sns-topic", topic, "--events", "codebuild", "--dry-run");

        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out)
                .contains("would create queue " + queue + ":")
                .contains("would subscribe the queue to topic " + topic)
                .contains("Dry run: ");
        assertThat(sqs.listQueues(b -> b.queueNamePrefix(queue)).queueUrls()).isEmpty();
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                .isEmpty();
        assertThat(events.listRules(b -> b.namePrefix(queue)).rules()).isEmpty();
    }

    @Test
    void shouldNameATopicRemovedFromThePolicy() {
        String queue = DevkitExtension.unique("policy");
        String topic = topic();
        String other = topic();
        assertThat(connect(queue, topic, other).code).isZero();
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        String policy = attributes(queue).get("Policy");
        String withoutTopic = io.alertbridge.connectors.aws.QueuePolicy.build(
                attributes(queue).get("QueueArn"),
                java.util.List.of(other),
                java.util.List.of(
                        "arn:aws:events:" + moto.region() + ":" + MotoServer.ACCOUNT_ID + ":rule/" + queue
                                + "-cloudwatch-alarms",
                        "arn:aws:events:" + moto.region() + ":" + MotoServer.ACCOUNT_ID + ":rule/" + queue
                                + "-codepipeline"));
        assertThat(withoutTopic).isNotEqualTo(policy);
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, withoutTopic)));

        CliRun check = CliRun.of("aws", "check", "--queue", queue);
        CliRun repair = connect(queue, topic, other);

        assertThat(check.code).isEqualTo(1);
        assertThat(check.out)
                .contains("broken: the queue policy does not admit topic " + topic)
                .contains("ok: topic " + other);
        assertThat(repair.out).contains("done: set Policy on queue " + queue);
        assertThat(CliRun.of("aws", "check", "--queue", queue).code).isZero();
    }

    @Test
    void shouldNameADeletedSubscription() {
        String queue = DevkitExtension.unique("unsub");
        String topic = topic();
        assertThat(connect(queue, topic).code).isZero();
        sns.listSubscriptionsByTopic(b -> b.topicArn(topic))
                .subscriptions()
                .forEach(s -> sns.unsubscribe(b -> b.subscriptionArn(s.subscriptionArn())));

        CliRun check = CliRun.of("aws", "check", "--queue", queue);

        assertThat(check.code).isEqualTo(1);
        assertThat(check.out).contains("broken: topic " + topic + " has no subscription to the queue");
    }

    @Test
    void shouldNameADisabledRuleAndARuleTargetingAnotherQueue() {
        String queue = DevkitExtension.unique("rules");
        String topic = topic();
        assertThat(connect(queue, topic).code).isZero();
        events.disableRule(b -> b.name(queue + "-cloudwatch-alarms"));
        String elsewhere = sqs.getQueueAttributes(b -> b.queueUrl(
                                sqs.createQueue(c -> c.queueName(queue + "-x")).queueUrl())
                        .attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributesAsStrings()
                .get("QueueArn");
        events.putTargets(b -> b.rule(queue + "-codepipeline")
                .targets(t -> t.id(io.alertbridge.connectors.aws.DesiredState.TARGET_ID)
                        .arn(elsewhere)));

        CliRun check = CliRun.of("aws", "check", "--queue", queue, "--events", "codepipeline");

        assertThat(check.code).isEqualTo(1);
        assertThat(check.out)
                .contains("broken: rule " + queue + "-cloudwatch-alarms is disabled")
                .contains("broken: rule " + queue + "-codepipeline targets " + elsewhere + ", not the queue");
    }

    @Test
    void shouldNameRawDeliveryThatDiffersAndRepairIt() {
        String queue = DevkitExtension.unique("raw");
        String topic = topic();
        assertThat(connect(queue, topic).code).isZero();
        String subscription = sns.listSubscriptionsByTopic(b -> b.topicArn(topic))
                .subscriptions()
                .get(0)
                .subscriptionArn();
        sns.setSubscriptionAttributes(b -> b.subscriptionArn(subscription)
                .attributeName("RawMessageDelivery")
                .attributeValue("true"));

        CliRun check = CliRun.of("aws", "check", "--queue", queue);
        CliRun repair = connect(queue, topic);

        assertThat(check.code).isEqualTo(1);
        assertThat(check.out)
                .contains(
                        "broken: the subscription of topic " + topic + " has raw delivery on, the bridge expects off");
        assertThat(repair.out).contains("done: set RawMessageDelivery=false on the subscription of topic " + topic);
    }

    @Test
    void shouldCountMessagesInTheDeadLetterQueue() {
        String queue = DevkitExtension.unique("dlq");
        assertThat(connect(queue, topic()).code).isZero();
        String dlqUrl = sqs.getQueueUrl(b -> b.queueName(queue + "-dlq")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("{\"AlarmName\":\"lost\"}"));
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("{\"AlarmName\":\"lost too\"}"));

        CliRun check = CliRun.of("aws", "check", "--queue", queue);

        assertThat(check.code).isEqualTo(1);
        assertThat(check.out).contains("holds 2 message(s)");
    }

    @Test
    void shouldAuditTheAlarmsThatReachTheQueueOnlyThroughTheirActions() {
        // No cloudwatch-alarms rule: alarms reach the queue only through their actions, so check reads them all
        // (DescribeAlarms through the SDK's own CloudWatch client) and names those that will never page.
        String queue = DevkitExtension.unique("alarms");
        String connected = topic();
        String elsewhere = topic();
        CliRun connect = CliRun.of("aws", "connect", "--queue", queue, "--sns-topic", connected);
        assertThat(connect.code).as(connect.err).isZero();
        String healthy = DevkitExtension.unique("healthy");
        String silent = DevkitExtension.unique("silent");
        String neverResolves = DevkitExtension.unique("never-resolves");
        try (CloudWatchClient cloudWatch = CloudWatchClient.create()) {
            putAlarm(cloudWatch, healthy, List.of(connected), List.of(connected));
            putAlarm(cloudWatch, silent, List.of(elsewhere), List.of(elsewhere));
            putAlarm(cloudWatch, neverResolves, List.of(connected), List.of());
        }

        CliRun check = CliRun.of("aws", "check", "--queue", queue);

        assertThat(check.code).as(check.out).isEqualTo(1);
        assertThat(check.out)
                .contains("broken: alarm " + silent + " notifies no connected topic: it will never page")
                .contains("alarm " + neverResolves + " has no OK action to a connected topic")
                .doesNotContain("alarm " + healthy + " ")
                .doesNotContain("the alarms could not be read");
    }

    private static void putAlarm(
            CloudWatchClient cloudWatch, String name, List<String> alarmActions, List<String> okActions) {
        cloudWatch.putMetricAlarm(b -> b.alarmName(name)
                .namespace("AWS/ApiGateway")
                .metricName("5XXError")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .actionsEnabled(true)
                .alarmActions(alarmActions)
                .okActions(okActions));
    }

    @Test
    void shouldDeliverARealAlarmMessagePublishedToAConnectedTopicInTheShapeTheBridgeReads() throws Exception {
        String queue = DevkitExtension.unique("e2e");
        String topic = topic();
        assertThat(connect(queue, topic).code).isZero();
        String alarm = sample("cloudwatch_alarm_sns_single_metric.sns_Message_decoded.json");

        sns.publish(b -> b.topicArn(topic)
                .subject("ALARM: \"EXAMPLE\" in US East (N. Virginia)")
                .message(alarm));
        Message received = receiveOne(queue);

        JsonNode envelope = Json.mapper().readTree(received.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
        Normalized normalized =
                normalize(queue, received, envelope.path("MessageId").asText());
        assertThat(normalized).isInstanceOf(Normalized.Events.class);
        assertThat(((Normalized.Events) normalized).events()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo("cloudwatch");
            assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
        });
    }

    @Test
    void shouldDeliverAnAlarmStateChangeEventThroughTheConnectedRule() throws Exception {
        String queue = DevkitExtension.unique("e2e-events");
        assertThat(connect(queue).code).isZero();
        JsonNode event = Json.mapper().readTree(sample("eventbridge_cloudwatch_alarm_state_change_single_metric.json"));

        // AWS itself refuses PutEvents with an aws.* source; moto accepts it, which lets the real event shape through.
        var put = events.putEvents(
                b -> b.entries(e -> e.source(event.path("source").asText())
                        .detailType(event.path("detail-type").asText())
                        .detail(event.path("detail").toString())));
        Message received = receiveOne(queue);

        assertThat(put.failedEntryCount()).isZero();
        assertThat(Json.mapper().readTree(received.body()).path("detail-type").asText())
                .isEqualTo("CloudWatch Alarm State Change");
        assertThat(normalize(queue, received, null)).isInstanceOf(Normalized.Events.class);
    }

    @Test
    void shouldRefuseAFifoQueueAndAMissingTopicAndAMalformedArnChangingNothing() {
        String queue = DevkitExtension.unique("bad");
        String missing = "arn:aws:sns:" + moto.region() + ":" + MotoServer.ACCOUNT_ID + ":" + queue + "-nope";

        CliRun fifo = CliRun.of("aws", "connect", "--queue", queue + ".fifo", "--sns-topic", topic());
        CliRun absent = CliRun.of("aws", "connect", "--queue", queue, "--sns-topic", missing);
        CliRun malformed = CliRun.of("aws", "connect", "--queue", queue, "--sns-topic", "sns:my-topic");

        assertThat(fifo.code).isEqualTo(1);
        assertThat(fifo.err)
                .contains("queue " + queue + ".fifo is a FIFO queue")
                .contains("Nothing was changed.");
        assertThat(absent.code).isEqualTo(1);
        assertThat(absent.err)
                .contains("error: topic " + missing + " does not exist")
                .contains("does not exist: queue " + queue)
                .contains("Nothing was changed.");
        assertThat(malformed.code).isEqualTo(1);
        assertThat(malformed.err).contains("topic sns:my-topic is not an ARN");
        CliRun check = CliRun.of("aws", "check", "--queue", queue, "--sns-topic", "sns:my-topic");
        assertThat(check.code).isEqualTo(2);
        assertThat(check.err).contains("--sns-topic sns:my-topic is not an SNS topic ARN: it does not start with arn:");
        assertThat(sqs.listQueues(b -> b.queueNamePrefix(queue)).queueUrls()).isEmpty();
    }

    private CliRun connect(String queue, String... topics) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "aws", "connect", "--queue", queue, "--events", "cloudwatch-alarms", "--events", "codepipeline"));
        for (String topic : topics) {
            args.add("--sns-topic");
            args.add(topic);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private Message receiveOne(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10))
                .messages();
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static Normalized normalize(String queue, Message message, String snsMessageId) {
        RawAwsMessage raw = new RawAwsMessage(
                queue, message.messageId(), snsMessageId, message.body(), Map.of(), Map.of(), 1, null, Instant.now());
        return new AwsMessageNormalizer(NormalizeSlice.defaults()).normalize(raw);
    }

    private static String sample(String name) throws Exception {
        try (var in = AwsConnectIT.class.getResourceAsStream("/aws-samples/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private String topic() {
        return sns.createTopic(b -> b.name(DevkitExtension.unique("alarms-topic")))
                .topicArn();
    }

    private Map<String, String> attributes(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
    }
}
