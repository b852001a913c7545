package io.alertbridge.connectors.aws;

import io.alertbridge.schemas.aws.Arn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a connected queue is: the queue and its dead-letter queue with their attributes, the topics subscribed to it,
 * the rules targeting it, and the policy admitting exactly those. Built by {@link #of}, a pure function that
 * validates the command line and names every bad input; every ARN here is computed from the region and the
 * caller's account, so the desired state is known before anything exists.
 *
 * @param region the region the queue and rules live in
 * @param account the caller's 12-digit account id
 * @param queueName the queue's name
 * @param topicArns topics whose notifications the queue receives, in the order given, without repeats
 * @param presets EventBridge presets routed to the queue, in the order given, without repeats
 * @param rawDelivery whether SNS delivers the bare message ({@code RawMessageDelivery=true}) instead of its envelope
 */
public record DesiredState(
        String region,
        String account,
        String queueName,
        List<String> topicArns,
        List<EventPreset> presets,
        boolean rawDelivery) {

    /** Fourteen days, SQS's longest retention: a week-long outage of the bridge loses nothing. */
    public static final String RETENTION_SECONDS = "1209600";

    /** Receives before SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 10;

    /** The id of the queue target on every rule. */
    public static final String TARGET_ID = "alertbridge-queue";

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,76}");
    private static final int MAX_RULE_NAME = 64;

    /**
     * A desired state, or the reasons there is none.
     *
     * @param state the state, or null
     * @param errors what is wrong with the input, each naming the resource; empty when {@code state} is set
     */
    public record Result(DesiredState state, List<String> errors) {}

    /** Validates the command line's values and builds the desired state. Pure; never throws. */
    public static Result of(
            String region,
            String account,
            String queueName,
            List<String> topics,
            List<String> presetIds,
            boolean rawDelivery) {
        List<String> errors = new ArrayList<>();
        queueError(queueName).ifPresent(errors::add);
        LinkedHashSet<String> topicArns = new LinkedHashSet<>();
        for (String text : topics) {
            topicError(text).ifPresentOrElse(errors::add, () -> topicArns.add(text));
        }
        LinkedHashSet<EventPreset> presets = new LinkedHashSet<>();
        for (String id : presetIds) {
            EventPreset.byId(id)
                    .ifPresentOrElse(
                            presets::add,
                            () -> errors.add("events preset " + id + " is unknown; known: " + EventPreset.ids()));
        }
        if (!Arn.isRegionCode(region)) {
            errors.add("region " + region + " is not a region code (set AWS_REGION)");
        }
        if (!Arn.isAccountId(account)) {
            errors.add("account " + account + " is not a 12-digit account id");
        }
        DesiredState state =
                new DesiredState(region, account, queueName, List.copyOf(topicArns), List.copyOf(presets), rawDelivery);
        for (EventPreset preset : presets) {
            if (errors.isEmpty() && state.ruleName(preset).length() > MAX_RULE_NAME) {
                errors.add("rule " + state.ruleName(preset) + " would be longer than 64 characters; choose a"
                        + " shorter queue name");
            }
        }
        return errors.isEmpty() ? new Result(state, List.of()) : new Result(null, List.copyOf(errors));
    }

    private static Optional<String> queueError(String queueName) {
        if (queueName == null || queueName.endsWith(".fifo")) {
            return Optional.of("queue " + queueName + " is a FIFO queue: SNS standard topics and these EventBridge"
                    + " rules cannot deliver to it; name a standard queue (without .fifo)");
        }
        if (!QUEUE_NAME.matcher(queueName).matches()) {
            return Optional.of("queue name " + queueName + " is not 1 to 76 letters, digits, - or _ (76 leaves room"
                    + " for the -dlq of its dead-letter queue)");
        }
        return Optional.empty();
    }

    private static Optional<String> topicError(String text) {
        Arn.Parsed parsed = Arn.parse(text);
        if (!parsed.isArn()) {
            return Optional.of("topic " + text + " is not an ARN: it " + parsed.reason());
        }
        Arn arn = parsed.arn();
        if (!"sns".equals(arn.service())) {
            return Optional.of("topic " + text + " is not an SNS topic ARN (its service is " + arn.service() + ")");
        }
        if (arn.region() == null || arn.account() == null) {
            return Optional.of("topic " + text + " names no region or account");
        }
        if (arn.resource().endsWith(".fifo")) {
            return Optional.of("topic " + text + " is a FIFO topic: it can deliver only to FIFO queues");
        }
        return Optional.empty();
    }

    /** The dead-letter queue's name. */
    public String dlqName() {
        return queueName + "-dlq";
    }

    /** The queue's ARN. */
    public String queueArn() {
        return sqsArn(queueName);
    }

    /** The dead-letter queue's ARN. */
    public String dlqArn() {
        return sqsArn(dlqName());
    }

    /** The name of the rule for {@code preset}. */
    public String ruleName(EventPreset preset) {
        return queueName + "-" + preset.id();
    }

    /** The ARN of the rule for {@code preset}, on the default bus. */
    public String ruleArn(EventPreset preset) {
        return "arn:" + partition() + ":events:" + region + ":" + account + ":rule/" + ruleName(preset);
    }

    /** The queue policy admitting exactly this state's topics and rules. */
    public String policy() {
        return QueuePolicy.build(
                queueArn(), topicArns, presets.stream().map(this::ruleArn).toList());
    }

    /** The dead-letter queue's attributes. */
    public Map<String, String> dlqAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SqsManagedSseEnabled", "true");
        attributes.put("MessageRetentionPeriod", RETENTION_SECONDS);
        return attributes;
    }

    /** The queue's attributes: SSE, retention, redrive to its dead-letter queue, the policy. */
    public Map<String, String> queueAttributes() {
        Map<String, String> attributes = dlqAttributes();
        attributes.put(
                "RedrivePolicy",
                "{\"deadLetterTargetArn\":\"" + dlqArn() + "\",\"maxReceiveCount\":" + MAX_RECEIVE_COUNT + "}");
        attributes.put("Policy", policy());
        return attributes;
    }

    private String sqsArn(String name) {
        return "arn:" + partition() + ":sqs:" + region + ":" + account + ":" + name;
    }

    private String partition() {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
