package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alarms";

    private static DesiredState.Result of(String queue, List<String> topics, List<String> presets) {
        return DesiredState.of("eu-west-2", "123456789012", queue, topics, presets, false);
    }

    @Test
    void shouldComputeEveryArnBeforeAnythingExists() {
        DesiredState state = of("alerts", List.of(TOPIC, TOPIC), List.of("codebuild", "CodeBuild"))
                .state();

        assertThat(state.topicArns()).containsExactly(TOPIC);
        assertThat(state.presets()).containsExactly(EventPreset.CODEBUILD);
        assertThat(state.queueArn()).isEqualTo("arn:aws:sqs:eu-west-2:123456789012:alerts");
        assertThat(state.dlqArn()).isEqualTo("arn:aws:sqs:eu-west-2:123456789012:alerts-dlq");
        assertThat(state.ruleArn(EventPreset.CODEBUILD))
                .isEqualTo("arn:aws:events:eu-west-2:123456789012:rule/alerts-codebuild");
    }

    @Test
    void shouldAskForSseFourteenDaysRedriveAndThePolicy() {
        DesiredState state = of("alerts", List.of(TOPIC), List.of()).state();

        assertThat(state.queueAttributes())
                .containsEntry("SqsManagedSseEnabled", "true")
                .containsEntry("MessageRetentionPeriod", "1209600")
                .containsEntry(
                        "RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-2:123456789012:alerts-dlq\","
                                + "\"maxReceiveCount\":10}")
                .containsKey("Policy");
        assertThat(state.dlqAttributes()).doesNotContainKeys("RedrivePolicy", "Policy");
    }

    @Test
    void shouldRefuseAFifoQueue() {
        assertThat(of("alerts.fifo", List.of(TOPIC), List.of()).errors())
                .singleElement()
                .asString()
                .contains("queue alerts.fifo is a FIFO queue");
    }

    @Test
    void shouldNameEachBadTopicAndPreset() {
        DesiredState.Result result = of(
                "alerts",
                List.of("alarms", "arn:aws:sqs:eu-west-2:123456789012:q", "arn:aws:sns:eu-west-2:123456789012:t.fifo"),
                List.of("cloudwatch"));

        assertThat(result.state()).isNull();
        assertThat(result.errors())
                .anySatisfy(e -> assertThat(e).contains("topic alarms is not an ARN: it does not start with arn:"))
                .anySatisfy(e -> assertThat(e).contains("is not an SNS topic ARN (its service is sqs)"))
                .anySatisfy(e -> assertThat(e).contains("t.fifo is a FIFO topic"))
                .anySatisfy(
                        e -> assertThat(e).contains("events preset cloudwatch is unknown; known: cloudwatch-alarms"));
    }

    @Test
    void shouldRefuseARuleNameLongerThanEventBridgeAllows() {
        assertThat(of("q".repeat(50), List.of(), List.of("cloudwatch-alarms")).errors())
                .singleElement()
                .asString()
                .contains("longer than 64 characters");
    }

    @Test
    void shouldUseThePartitionOfTheRegion() {
        DesiredState state = DesiredState.of("cn-north-1", "123456789012", "alerts", List.of(), List.of(), true)
                .state();

        assertThat(state.queueArn()).startsWith("arn:aws-cn:sqs:cn-north-1:");
    }
}
