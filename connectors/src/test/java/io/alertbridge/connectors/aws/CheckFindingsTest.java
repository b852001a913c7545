package io.alertbridge.connectors.aws;

import io.alertbridge.connectors.aws.CheckFindings.Finding;
import io.alertbridge.connectors.aws.CheckFindings.Severity;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CheckFindingsTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alarms";
    private static final String OTHER_TOPIC = "arn:aws:sns:eu-west-2:123456789012:elsewhere";
    private static final DesiredState DESIRED = DesiredState.of(
                    "eu-west-2", "123456789012", "alerts", List.of(TOPIC), List.of("codebuild"), false)
            .state();
    private static final String RULE = "alerts-codebuild";

    private static Map<String, String> dlq(String held) {
        Map<String, String> attributes = new HashMap<>(DESIRED.dlqAttributes());
        attributes.put("ApproximateNumberOfMessages", held);
        return attributes;
    }

    private static ObservedState healthy() {
        return observed(
                DESIRED.queueAttributes(),
                new ObservedState.Topic(true, List.of(new ObservedState.Subscription("sub", false, false))),
                new ObservedState.Rule(RULE, true, EventPreset.CODEBUILD.pattern(), List.of(DESIRED.queueArn())));
    }

    private static ObservedState observed(
            Map<String, String> queueAttributes, ObservedState.Topic topic, ObservedState.Rule rule) {
        Map<String, ObservedState.Rule> rules = new LinkedHashMap<>();
        rules.put(RULE, rule);
        return new ObservedState(
                Optional.of(new ObservedState.Queue("url", queueAttributes)),
                Optional.of(new ObservedState.Queue("dlq-url", dlq("0"))),
                Map.of(TOPIC, topic),
                rules);
    }

    private static List<Finding> check(ObservedState observed, CheckFindings.Alarm... alarms) {
        return CheckFindings.of(
                new CheckFindings.Input("alerts", DESIRED.queueArn(), observed, false, List.of(alarms), null));
    }

    private static CheckFindings.Alarm alarm(String name, List<String> alarmActions, List<String> okActions) {
        return new CheckFindings.Alarm(name, true, alarmActions, okActions);
    }

    @Test
    void shouldFindEveryLinkHoldingInAConnectedQueue() {
        List<Finding> findings = check(healthy(), alarm("api-5xx", List.of(TOPIC), List.of(TOPIC)));

        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(CheckFindings.anyBroken(findings)).isFalse();
    }

    @Test
    void shouldNameATopicThePolicyDoesNotAdmit() {
        Map<String, String> attributes = new HashMap<>(DESIRED.queueAttributes());
        attributes.put(
                "Policy",
                QueuePolicy.build(DESIRED.queueArn(), List.of(), List.of(DESIRED.ruleArn(EventPreset.CODEBUILD))));

        List<Finding> findings = check(observed(
                attributes, healthy().topics().get(TOPIC), healthy().rules().get(RULE)));

        assertThat(findings)
                .filteredOn(f -> f.severity() == Severity.BROKEN)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.problem())
                            .isEqualTo(
                                    "the queue policy does not admit topic " + TOPIC + ": SQS refuses its deliveries");
                    assertThat(f.fix()).contains("aws connect --queue alerts --sns-topic " + TOPIC);
                });
    }

    @Test
    void shouldNameADeletedAndAPendingSubscriptionAndRawDeliveryThatDiffers() {
        assertThat(problems(observed(
                        DESIRED.queueAttributes(),
                        new ObservedState.Topic(true, List.of()),
                        healthy().rules().get(RULE))))
                .containsExactly("topic " + TOPIC + " has no subscription to the queue (deleted)");
        assertThat(problems(observed(
                        DESIRED.queueAttributes(),
                        new ObservedState.Topic(true, List.of(new ObservedState.Subscription("p", true, false))),
                        healthy().rules().get(RULE))))
                .singleElement()
                .asString()
                .contains("pending confirmation");
        assertThat(problems(observed(
                        DESIRED.queueAttributes(),
                        new ObservedState.Topic(true, List.of(new ObservedState.Subscription("s", false, true))),
                        healthy().rules().get(RULE))))
                .containsExactly("the subscription of topic " + TOPIC + " has raw delivery on, the bridge expects off");
    }

    @Test
    void shouldNameADisabledRuleAndOneTargetingAnotherQueue() {
        String other = "arn:aws:sqs:eu-west-2:123456789012:other";

        List<String> problems = problems(observed(
                DESIRED.queueAttributes(),
                healthy().topics().get(TOPIC),
                new ObservedState.Rule(RULE, false, EventPreset.CODEBUILD.pattern(), List.of(other))));

        assertThat(problems)
                .containsExactly(
                        "rule " + RULE + " is disabled: its events are dropped",
                        "rule " + RULE + " targets " + other + ", not the queue");
    }

    @Test
    void shouldCountWhatTheDeadLetterQueueHolds() {
        ObservedState base = healthy();
        ObservedState observed = new ObservedState(
                base.queue(), Optional.of(new ObservedState.Queue("dlq-url", dlq("3"))), base.topics(), base.rules());

        assertThat(problems(observed)).singleElement().asString().contains("holds 3 message(s)");
    }

    @Test
    void shouldNameAMissingQueueAndStopThere() {
        ObservedState observed = new ObservedState(Optional.empty(), Optional.empty(), Map.of(), Map.of());

        assertThat(check(observed)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BROKEN);
            assertThat(f.problem()).isEqualTo("queue alerts does not exist");
        });
    }

    @Test
    void shouldNameAlarmsThatNeverPageAndAlarmsThatNeverResolve() {
        List<Finding> findings = check(
                healthy(),
                alarm("silent", List.of(OTHER_TOPIC), List.of(OTHER_TOPIC)),
                alarm("no-ok", List.of(TOPIC), List.of()),
                new CheckFindings.Alarm("muted", false, List.of(TOPIC), List.of(TOPIC)));

        assertThat(findings)
                .filteredOn(f -> f.severity() != Severity.OK)
                .extracting(Finding::severity, Finding::problem)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.BROKEN, "alarm silent notifies no connected topic: it will never page"),
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.WARNING,
                                "alarm no-ok has no OK action to a connected topic: its incidents never resolve on"
                                        + " their own"),
                        org.assertj.core.groups.Tuple.tuple(
                                Severity.BROKEN, "alarm muted notifies no connected topic: it will never page"));
    }

    @Test
    void shouldNotAuditAlarmActionsWhenAHealthyRuleCarriesEveryAlarmStateChange() {
        ObservedState base = healthy();
        Map<String, ObservedState.Rule> rules = Map.of(
                "alerts-cloudwatch-alarms",
                new ObservedState.Rule(
                        "alerts-cloudwatch-alarms",
                        true,
                        EventPreset.CLOUDWATCH_ALARMS.pattern(),
                        List.of(DESIRED.queueArn())));
        Map<String, String> attributes = new HashMap<>(DESIRED.queueAttributes());
        attributes.put(
                "Policy",
                QueuePolicy.build(
                        DESIRED.queueArn(), List.of(TOPIC), List.of(DESIRED.ruleArn(EventPreset.CLOUDWATCH_ALARMS))));
        ObservedState observed = new ObservedState(
                Optional.of(new ObservedState.Queue("url", attributes)), base.dlq(), base.topics(), rules);

        assertThat(check(observed, alarm("silent", List.of(OTHER_TOPIC), List.of())))
                .extracting(Finding::severity)
                .containsOnly(Severity.OK);
    }

    @Test
    void shouldWarnWhenTheAlarmsCouldNotBeRead() {
        List<Finding> findings = CheckFindings.of(
                new CheckFindings.Input("alerts", DESIRED.queueArn(), healthy(), false, List.of(), "Access denied"));

        assertThat(findings)
                .filteredOn(f -> f.severity() == Severity.WARNING)
                .singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("Access denied"));
        assertThat(CheckFindings.anyBroken(findings)).isFalse();
    }

    @Test
    void shouldWarnOfAShortRetentionAnUnencryptedQueueAndAWidePolicyStatement() {
        Map<String, String> attributes = new HashMap<>(DESIRED.queueAttributes());
        attributes.put("MessageRetentionPeriod", "345600");
        attributes.remove("SqsManagedSseEnabled");
        attributes.put(
                "Policy",
                attributes
                        .get("Policy")
                        .replace(
                                "\"Statement\":[",
                                "\"Statement\":[{\"Sid\":\"Open\","
                                        + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\"},"));

        List<Finding> findings = check(observed(
                attributes, healthy().topics().get(TOPIC), healthy().rules().get(RULE)));

        assertThat(findings)
                .filteredOn(f -> f.severity() == Severity.WARNING)
                .extracting(Finding::problem)
                .containsExactly(
                        "queue alerts is not encrypted",
                        "queue alerts keeps messages 96 hours: an outage of the bridge longer than that loses alerts",
                        "the queue policy's statement Open admits senders without naming their source ARN");
    }

    private static List<String> problems(ObservedState observed) {
        return check(observed).stream()
                .filter(f -> f.severity() == Severity.BROKEN)
                .map(Finding::problem)
                .toList();
    }
}
