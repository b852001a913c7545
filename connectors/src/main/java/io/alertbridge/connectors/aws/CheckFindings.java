package io.alertbridge.connectors.aws;

import io.alertbridge.schemas.aws.Arn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code aws check}'s decision: over what was read (the queue, its dead-letter queue, the topics and rules that
 * point at it or that its policy admits, the account's alarms), every link, whether it holds, and the fix when it
 * does not. A pure function ({@link #of}); the reading is {@link AwsReader}'s.
 */
public final class CheckFindings {

    private CheckFindings() {}

    /** How bad a finding is. */
    public enum Severity {
        /** The link holds. */
        OK,
        /** Works, but weaker than it should be. */
        WARNING,
        /** Alerts are lost or never resolve: {@code aws check} exits non-zero. */
        BROKEN
    }

    /**
     * One finding.
     *
     * @param severity how bad
     * @param problem what holds or what is wrong, in plain words, naming the resource
     * @param fix what to do, or empty for {@link Severity#OK}
     */
    public record Finding(Severity severity, String problem, String fix) {}

    /**
     * A CloudWatch alarm as read from {@code DescribeAlarms}.
     *
     * @param name its name
     * @param actionsEnabled whether its actions run at all
     * @param alarmActions ARNs notified on ALARM
     * @param okActions ARNs notified on OK
     */
    public record Alarm(String name, boolean actionsEnabled, List<String> alarmActions, List<String> okActions) {}

    /**
     * What {@code aws check} read.
     *
     * @param queueName the queue's name
     * @param queueArn the queue's ARN
     * @param observed the queue, its dead-letter queue (read from the redrive policy), and every topic and rule found
     * @param expectRaw the raw delivery the bridge expects on every subscription
     * @param alarms every alarm of the account in the region
     * @param alarmsUnread why the alarms could not be read, or null when {@code alarms} is complete
     */
    public record Input(
            String queueName,
            String queueArn,
            ObservedState observed,
            boolean expectRaw,
            List<Alarm> alarms,
            String alarmsUnread) {}

    /** Every finding, links first, then alarms. Pure. */
    public static List<Finding> of(Input input) {
        List<Finding> findings = new ArrayList<>();
        ObservedState observed = input.observed();
        if (observed.queue().isEmpty()) {
            findings.add(broken(
                    "queue " + input.queueName() + " does not exist",
                    "alertbridge aws connect --queue " + input.queueName() + " (with your topics and presets)"));
            return findings;
        }
        Map<String, String> attributes = observed.queue().get().attributes();
        queueFindings(input, attributes, findings);
        QueuePolicy.Admitted admitted = QueuePolicy.read(attributes.get("Policy"));
        admitted.wider()
                .forEach(sid -> findings.add(new Finding(
                        Severity.WARNING,
                        "the queue policy's statement " + sid + " admits senders without naming their source ARN",
                        "remove it; aws connect writes one statement per topic and rule")));
        observed.topics().forEach((arn, topic) -> topicFindings(input, admitted, arn, topic, findings));
        Set<String> admittedRuleNames = admitted.rules().stream()
                .map(arn -> Arn.parse(arn).toOptional().map(Arn::resourceName).orElse(arn))
                .collect(Collectors.toSet());
        observed.rules().forEach((name, rule) -> ruleFindings(input, admittedRuleNames, name, rule, findings));
        alarmFindings(input, admitted.topics(), findings);
        return findings;
    }

    /** True when any finding is {@link Severity#BROKEN}. */
    public static boolean anyBroken(Collection<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.BROKEN);
    }

    private static void queueFindings(Input input, Map<String, String> attributes, List<Finding> findings) {
        String connect = "alertbridge aws connect --queue " + input.queueName() + " (repairs it)";
        if (!"true".equals(attributes.get("SqsManagedSseEnabled")) && attributes.get("KmsMasterKeyId") == null) {
            findings.add(new Finding(Severity.WARNING, "queue " + input.queueName() + " is not encrypted", connect));
        }
        long retention = parseLong(attributes.get("MessageRetentionPeriod"));
        if (retention < Long.parseLong(DesiredState.RETENTION_SECONDS)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "queue " + input.queueName() + " keeps messages " + retention / 3600
                            + " hours: an outage of the bridge longer than that loses alerts",
                    connect));
        }
        if (attributes.get("RedrivePolicy") == null) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "queue " + input.queueName() + " has no dead-letter queue: a message the bridge cannot take is"
                            + " retried until it expires",
                    connect));
            return;
        }
        if (input.observed().dlq().isEmpty()) {
            findings.add(broken(
                    "the dead-letter queue named by the redrive policy of " + input.queueName() + " does not exist",
                    connect));
            return;
        }
        long held = parseLong(input.observed().dlq().get().attributes().get("ApproximateNumberOfMessages"));
        if (held > 0) {
            findings.add(broken(
                    "the dead-letter queue " + input.observed().dlq().get().url() + " holds " + held + " message(s):"
                            + " alerts the bridge failed to take",
                    "read them (aws sqs receive-message), fix the cause, then move them back (aws sqs"
                            + " start-message-move-task)"));
        } else {
            findings.add(ok("queue " + input.queueName() + " and its dead-letter queue (empty) are in place"));
        }
    }

    private static void topicFindings(
            Input input, QueuePolicy.Admitted admitted, String arn, ObservedState.Topic topic, List<Finding> out) {
        String reconnect = "alertbridge aws connect --queue " + input.queueName() + " --sns-topic " + arn;
        if (!topic.exists()) {
            out.add(broken("topic " + arn + " does not exist", "correct the ARN or remove it from the connection"));
            return;
        }
        int before = out.size();
        if (!admitted.topics().contains(arn)) {
            out.add(broken("the queue policy does not admit topic " + arn + ": SQS refuses its deliveries", reconnect));
        }
        if (topic.subscriptions().isEmpty()) {
            out.add(broken("topic " + arn + " has no subscription to the queue (deleted)", reconnect));
        }
        for (ObservedState.Subscription subscription : topic.subscriptions()) {
            if (subscription.pending()) {
                out.add(broken(
                        "the subscription of topic " + arn + " is pending confirmation: nothing is delivered",
                        "the topic's owner confirms it, or run aws connect again"));
            } else if (subscription.raw() != input.expectRaw()) {
                out.add(broken(
                        "the subscription of topic " + arn + " has raw delivery "
                                + ConnectPlan.onOff(subscription.raw()) + ", the bridge expects "
                                + ConnectPlan.onOff(input.expectRaw()),
                        reconnect + " --raw-delivery " + ConnectPlan.onOff(input.expectRaw())));
            }
        }
        if (out.size() == before) {
            out.add(ok("topic " + arn + " delivers to the queue"));
        }
    }

    private static void ruleFindings(
            Input input, Set<String> admittedRules, String name, ObservedState.Rule rule, List<Finding> out) {
        String reconnect = "alertbridge aws connect --queue " + input.queueName() + " --events <its preset>";
        if (rule == null) {
            out.add(broken("rule " + name + " does not exist", reconnect));
            return;
        }
        int before = out.size();
        if (!rule.enabled()) {
            out.add(broken("rule " + name + " is disabled: its events are dropped", reconnect));
        }
        if (!rule.targetArns().contains(input.queueArn())) {
            out.add(broken(
                    "rule " + name + " targets "
                            + (rule.targetArns().isEmpty() ? "nothing" : String.join(", ", rule.targetArns()))
                            + ", not the queue",
                    reconnect));
        }
        if (!admittedRules.contains(name)) {
            out.add(broken("the queue policy does not admit rule " + name + ": SQS refuses its events", reconnect));
        }
        if (out.size() == before) {
            out.add(ok("rule " + name + " is enabled and delivers to the queue"));
        }
    }

    private static void alarmFindings(Input input, Set<String> admittedTopics, List<Finding> out) {
        Set<String> connected = input.observed().topics().entrySet().stream()
                .filter(e -> e.getValue().exists()
                        && admittedTopics.contains(e.getKey())
                        && e.getValue().subscriptions().stream().anyMatch(s -> !s.pending()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        // With a healthy CloudWatch alarm rule every state change reaches the queue through EventBridge, actions or
        // not.
        boolean eventsCarryAlarms = input.observed().rules().values().stream()
                .anyMatch(r -> r != null
                        && r.enabled()
                        && r.targetArns().contains(input.queueArn())
                        && r.pattern() != null
                        && r.pattern().contains("aws.cloudwatch"));
        if (eventsCarryAlarms) {
            return;
        }
        if (input.alarmsUnread() != null) {
            out.add(new Finding(
                    Severity.WARNING,
                    "the alarms could not be read (" + input.alarmsUnread() + "): whether they page is unknown",
                    "allow cloudwatch:DescribeAlarms to whoever runs aws check"));
        }
        for (Alarm alarm : input.alarms()) {
            boolean pages =
                    alarm.actionsEnabled() && alarm.alarmActions().stream().anyMatch(connected::contains);
            if (!pages) {
                out.add(broken(
                        "alarm " + alarm.name() + " notifies no connected topic: it will never page",
                        alarm.actionsEnabled()
                                ? "add a connected topic to its alarm actions, or connect a topic it notifies"
                                : "enable its actions (aws cloudwatch enable-alarm-actions)"));
            } else if (alarm.okActions().stream().noneMatch(connected::contains)) {
                out.add(new Finding(
                        Severity.WARNING,
                        "alarm " + alarm.name() + " has no OK action to a connected topic: its incidents never"
                                + " resolve on their own",
                        "add the topic of its alarm action to its OK actions"));
            }
        }
    }

    private static Finding broken(String problem, String fix) {
        return new Finding(Severity.BROKEN, problem, fix);
    }

    private static Finding ok(String problem) {
        return new Finding(Severity.OK, problem, "");
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
