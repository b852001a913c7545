package io.alertbridge.connectors.aws;

import io.alertbridge.connectors.aws.ConnectPlan.Action;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectPlanTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alarms";
    private static final DesiredState DESIRED = DesiredState.of(
                    "eu-west-2", "123456789012", "alerts", List.of(TOPIC), List.of("codebuild"), false)
            .state();
    private static final String RULE = "alerts-codebuild";

    private static ObservedState nothing() {
        return new ObservedState(
                Optional.empty(), Optional.empty(), Map.of(TOPIC, new ObservedState.Topic(true, List.of())), Map.of());
    }

    private static ObservedState everything() {
        return new ObservedState(
                Optional.of(new ObservedState.Queue("url", DESIRED.queueAttributes())),
                Optional.of(new ObservedState.Queue("dlq-url", DESIRED.dlqAttributes())),
                Map.of(
                        TOPIC,
                        new ObservedState.Topic(true, List.of(new ObservedState.Subscription("sub", false, false)))),
                Map.of(RULE, rule(true, EventPreset.CODEBUILD.pattern(), DESIRED.queueArn())));
    }

    private static ObservedState.Rule rule(boolean enabled, String pattern, String... targets) {
        return new ObservedState.Rule(RULE, enabled, pattern, List.of(targets));
    }

    @Test
    void shouldCreateEverythingInTheOrderAwsNeedsFromNothing() {
        ConnectPlan plan = ConnectPlan.of(DESIRED, nothing());

        assertThat(plan.steps())
                .extracting(ConnectPlan.Step::action, ConnectPlan.Step::resource)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.CREATE_QUEUE, "alerts-dlq"),
                        org.assertj.core.groups.Tuple.tuple(Action.CREATE_QUEUE, "alerts"),
                        org.assertj.core.groups.Tuple.tuple(Action.SUBSCRIBE, TOPIC),
                        org.assertj.core.groups.Tuple.tuple(Action.PUT_RULE, RULE),
                        org.assertj.core.groups.Tuple.tuple(Action.PUT_TARGET, RULE));
        assertThat(plan.steps().get(2).values()).containsEntry("RawMessageDelivery", "false");
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.reason()).isNotBlank());
    }

    @Test
    void shouldChangeNothingWhenEverythingIsInPlace() {
        ConnectPlan plan = ConnectPlan.of(DESIRED, everything());

        assertThat(plan.isNoChange()).isTrue();
        assertThat(plan.inPlace()).hasSize(4);
    }

    @Test
    void shouldTreatAPolicyAndRedriveWrittenDifferentlyAsTheSame() {
        Map<String, String> attributes = new LinkedHashMap<>(DESIRED.queueAttributes());
        attributes.put("Policy", DESIRED.policy().replace(",", ", "));
        attributes.put(
                "RedrivePolicy", "{\"maxReceiveCount\":\"10\", \"deadLetterTargetArn\":\"" + DESIRED.dlqArn() + "\"}");
        ObservedState observed = new ObservedState(
                Optional.of(new ObservedState.Queue("url", attributes)),
                everything().dlq(),
                everything().topics(),
                everything().rules());

        assertThat(ConnectPlan.of(DESIRED, observed).isNoChange()).isTrue();
    }

    @Test
    void shouldSetOnlyTheAttributesThatDiffer() {
        Map<String, String> attributes = new LinkedHashMap<>(DESIRED.queueAttributes());
        attributes.put("MessageRetentionPeriod", "345600");
        attributes.remove("Policy");
        ObservedState observed = new ObservedState(
                Optional.of(new ObservedState.Queue("url", attributes)),
                everything().dlq(),
                everything().topics(),
                everything().rules());

        ConnectPlan plan = ConnectPlan.of(DESIRED, observed);

        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.action()).isEqualTo(Action.SET_QUEUE_ATTRIBUTES);
            assertThat(step.values()).containsOnlyKeys("MessageRetentionPeriod", "Policy");
        });
    }

    @Test
    void shouldFlipRawDeliveryOnTheExistingSubscription() {
        ObservedState observed = new ObservedState(
                everything().queue(),
                everything().dlq(),
                Map.of(
                        TOPIC,
                        new ObservedState.Topic(true, List.of(new ObservedState.Subscription("sub", false, true)))),
                everything().rules());

        ConnectPlan plan = ConnectPlan.of(DESIRED, observed);

        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.action()).isEqualTo(Action.SET_RAW_DELIVERY);
            assertThat(step.subscriptionArn()).isEqualTo("sub");
            assertThat(step.reason()).isEqualTo("raw delivery is on, asked off");
        });
    }

    @Test
    void shouldReEnableADisabledRuleAndRepointATargetElsewhere() {
        ObservedState observed = new ObservedState(
                everything().queue(),
                everything().dlq(),
                everything().topics(),
                Map.of(RULE, rule(false, EventPreset.CODEBUILD.pattern(), "arn:aws:sqs:eu-west-2:123456789012:other")));

        ConnectPlan plan = ConnectPlan.of(DESIRED, observed);

        assertThat(plan.steps())
                .extracting(ConnectPlan.Step::action, ConnectPlan.Step::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Action.PUT_RULE, "it is disabled"),
                        org.assertj.core.groups.Tuple.tuple(
                                Action.PUT_TARGET,
                                "it targets arn:aws:sqs:eu-west-2:123456789012:other, not the queue"));
    }

    @Test
    void shouldPutARuleWhosePatternDiffers() {
        ObservedState observed = new ObservedState(
                everything().queue(),
                everything().dlq(),
                everything().topics(),
                Map.of(RULE, rule(true, "{\"source\":[\"aws.codebuild\"]}", DESIRED.queueArn())));

        assertThat(ConnectPlan.of(DESIRED, observed).steps())
                .singleElement()
                .satisfies(step -> assertThat(step.reason()).contains("pattern differs from preset codebuild"));
    }

    @Test
    void shouldReportAPendingSubscriptionWithoutChangingIt() {
        ObservedState observed = new ObservedState(
                everything().queue(),
                everything().dlq(),
                Map.of(
                        TOPIC,
                        new ObservedState.Topic(
                                true, List.of(new ObservedState.Subscription("PendingConfirmation", true, false)))),
                everything().rules());

        ConnectPlan plan = ConnectPlan.of(DESIRED, observed);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.notes()).singleElement().asString().contains("pending confirmation");
        assertThat(plan.inPlace()).noneSatisfy(line -> assertThat(line).contains("pending"));
    }

    @Test
    void shouldRefuseToPlanWhenATopicDoesNotExist() {
        ObservedState observed = new ObservedState(
                Optional.empty(), Optional.empty(), Map.of(TOPIC, ObservedState.Topic.missing()), Map.of());

        ConnectPlan plan = ConnectPlan.of(DESIRED, observed);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.isNoChange()).isFalse();
        assertThat(plan.errors()).singleElement().asString().contains("topic " + TOPIC + " does not exist");
    }
}
