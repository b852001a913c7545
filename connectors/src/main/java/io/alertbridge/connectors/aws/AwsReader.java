package io.alertbridge.connectors.aws;

import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what exists for a queue: the queue and its dead-letter queue, the named topics with their subscriptions to
 * the queue, the named rules with their targets. Only read calls; nothing here changes anything, so
 * {@code --dry-run} and {@code aws check} use it freely. Thread-safe if the clients are.
 */
public final class AwsReader {

    private final AwsClients aws;

    /** A reader over {@code aws}. */
    public AwsReader(AwsClients aws) {
        this.aws = aws;
    }

    /** Everything the plan for {@code desired} depends on. */
    public ObservedState observe(
            String queueName,
            String dlqName,
            String queueArn,
            Collection<String> topicArns,
            Collection<String> ruleNames) {
        Map<String, ObservedState.Topic> topics = new LinkedHashMap<>();
        topicArns.forEach(arn -> topics.put(arn, topic(arn, queueArn)));
        Map<String, ObservedState.Rule> rules = new LinkedHashMap<>();
        ruleNames.forEach(name -> rule(name).ifPresent(rule -> rules.put(name, rule)));
        return new ObservedState(queue(queueName), queue(dlqName), topics, rules);
    }

    /** The queue named {@code name}, if it exists. */
    public Optional<ObservedState.Queue> queue(String name) {
        String url;
        try {
            url = aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
        Map<String, String> attributes = aws.sqs()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        return Optional.of(new ObservedState.Queue(url, attributes));
    }

    /** The topic and its subscriptions whose endpoint is {@code queueArn}. */
    public ObservedState.Topic topic(String topicArn, String queueArn) {
        try {
            aws.sns().getTopicAttributes(b -> b.topicArn(topicArn));
        } catch (NotFoundException e) {
            return ObservedState.Topic.missing();
        }
        List<ObservedState.Subscription> subscriptions = new ArrayList<>();
        aws.sns().listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions().stream()
                .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()))
                .forEach(s -> subscriptions.add(subscription(s.subscriptionArn())));
        return new ObservedState.Topic(true, subscriptions);
    }

    /** Topic ARNs with an SQS subscription whose endpoint is {@code queueArn}, across the account. */
    public List<String> topicsSubscribing(String queueArn) {
        return aws.sns().listSubscriptionsPaginator(b -> {}).subscriptions().stream()
                .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()))
                .map(s -> s.topicArn())
                .distinct()
                .toList();
    }

    /** Names of the rules on the default bus with a target {@code queueArn}. */
    public List<String> rulesTargeting(String queueArn) {
        return aws.events().listRuleNamesByTarget(b -> b.targetArn(queueArn)).ruleNames();
    }

    private ObservedState.Subscription subscription(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return new ObservedState.Subscription(arn, true, false);
        }
        Map<String, String> attributes =
                aws.sns().getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
        boolean pending = "true".equals(attributes.get("PendingConfirmation"));
        return new ObservedState.Subscription(arn, pending, "true".equals(attributes.get("RawMessageDelivery")));
    }

    /** The rule named {@code name} on the default bus, if it exists. */
    public Optional<ObservedState.Rule> rule(String name) {
        DescribeRuleResponse rule;
        try {
            rule = aws.events().describeRule(b -> b.name(name));
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
        List<String> targets = aws.events().listTargetsByRule(b -> b.rule(name)).targets().stream()
                .map(Target::arn)
                .toList();
        return Optional.of(
                new ObservedState.Rule(name, rule.state() == RuleState.ENABLED, rule.eventPattern(), targets));
    }
}
