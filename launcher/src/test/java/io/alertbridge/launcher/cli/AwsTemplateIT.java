package io.alertbridge.launcher.cli;

import io.alertbridge.devkit.MotoServer;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudFormation template {@code deploy/aws/alertbridge-queue.yaml} deployed into moto makes what
 * {@code aws connect} makes, as far as moto's CloudFormation goes: {@code aws check} reads the stack's queue and
 * rules, and {@code aws connect} with the same topic and presets finds them in place.
 */
@ExtendWith(DevkitExtension.class)
class AwsTemplateIT {

    private static final Path TEMPLATE = Path.of("..", "deploy", "aws", "alertbridge-queue.yaml");

    @BeforeEach
    void pointTheSdkAtMoto(MotoServer moto) {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", moto.region());
        System.setProperty("aws.endpointUrl", moto.endpoint().toString());
    }

    @AfterEach
    void clear() {
        for (String key : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.region", "aws.endpointUrl"}) {
            System.clearProperty(key);
        }
    }

    @Test
    void shouldDeployAQueueThatCheckFindsConnectedAndConnectLeavesAlone() throws Exception {
        String queue = DevkitExtension.unique("stack");
        String template = Files.readString(TEMPLATE);
        try (SnsClient sns = SnsClient.create();
                CloudFormationClient cloudFormation = CloudFormationClient.create()) {
            String topic = sns.createTopic(b -> b.name(queue + "-alarms")).topicArn();

            cloudFormation.createStack(b -> b.stackName(queue)
                    .templateBody(template)
                    .parameters(
                            parameter("QueueName", queue),
                            parameter("TopicArn1", topic),
                            parameter("CloudWatchAlarmsEvents", "true"),
                            parameter("CodeBuildEvents", "true")));
            StackStatus status = cloudFormation
                    .waiter()
                    .waitUntilStackCreateComplete(b -> b.stackName(queue))
                    .matched()
                    .response()
                    .orElseThrow()
                    .stacks()
                    .get(0)
                    .stackStatus();
            CliRun check = CliRun.of("aws", "check", "--queue", queue);
            CliRun plan = CliRun.of(
                    "aws",
                    "connect",
                    "--queue",
                    queue,
                    "--sns-topic",
                    topic,
                    "--events",
                    "cloudwatch-alarms",
                    "--events",
                    "codebuild",
                    "--dry-run");
            CliRun repair = CliRun.of(
                    "aws",
                    "connect",
                    "--queue",
                    queue,
                    "--sns-topic",
                    topic,
                    "--events",
                    "cloudwatch-alarms",
                    "--events",
                    "codebuild");
            CliRun checkAfter = CliRun.of("aws", "check", "--queue", queue);

            assertThat(status).isEqualTo(StackStatus.CREATE_COMPLETE);
            // The queue, its dead-letter queue and the rules the template made are what connect makes.
            assertThat(plan.out)
                    .as(plan.err)
                    .contains("ok: queue " + queue + "-dlq is in place")
                    .contains("ok: rule " + queue + "-cloudwatch-alarms is in place")
                    .contains("ok: rule " + queue + "-codebuild is in place");
            // moto 5.2.1's CloudFormation skips AWS::SQS::QueuePolicy and AWS::SNS::Subscription (it implements
            // neither, and still reports CREATE_COMPLETE): exactly those two are left to do, and check names them.
            assertThat(plan.out.lines().filter(line -> line.startsWith("would ")))
                    .containsExactly(
                            "would set Policy on queue " + queue + ": they differ from what the bridge needs",
                            "would subscribe the queue to topic " + topic + ": the topic has no subscription to the"
                                    + " queue");
            assertThat(check.code).isEqualTo(1);
            assertThat(check.out)
                    .contains("broken: the queue policy does not admit rule " + queue + "-cloudwatch-alarms")
                    .contains("broken: the queue policy does not admit rule " + queue + "-codebuild");
            assertThat(repair.code).as(repair.err).isZero();
            assertThat(checkAfter.code).as(checkAfter.out).isZero();
            assertThat(checkAfter.out).contains("ok: topic " + topic + " delivers to the queue");
        }
    }

    private static Parameter parameter(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }
}
