package io.alertbridge.connectors.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exists in AWS for one queue, as {@link AwsReader} read it. Plain data; the decisions over it are
 * {@link ConnectPlan} and {@link CheckFindings}.
 *
 * @param queue the queue, if it exists
 * @param dlq the dead-letter queue, if it exists
 * @param topics per topic ARN asked about: whether it exists and its subscriptions to the queue
 * @param rules per rule name asked about: the rule, if it exists
 */
public record ObservedState(
        Optional<Queue> queue, Optional<Queue> dlq, Map<String, Topic> topics, Map<String, Rule> rules) {

    /**
     * A queue as read.
     *
     * @param url its URL
     * @param attributes every attribute SQS returned
     */
    public record Queue(String url, Map<String, String> attributes) {}

    /**
     * A topic as read.
     *
     * @param exists false when SNS answered that the topic does not exist
     * @param subscriptions its subscriptions whose endpoint is the queue
     */
    public record Topic(boolean exists, List<Subscription> subscriptions) {

        /** A topic that does not exist. */
        public static Topic missing() {
            return new Topic(false, List.of());
        }
    }

    /**
     * A subscription of a topic to the queue.
     *
     * @param arn its ARN, or {@code PendingConfirmation}
     * @param pending true until the subscription is confirmed
     * @param raw its {@code RawMessageDelivery}
     */
    public record Subscription(String arn, boolean pending, boolean raw) {}

    /**
     * An EventBridge rule as read.
     *
     * @param name its name
     * @param enabled whether its state is {@code ENABLED}
     * @param pattern its event pattern
     * @param targetArns the ARNs of its targets
     */
    public record Rule(String name, boolean enabled, String pattern, List<String> targetArns) {}
}
