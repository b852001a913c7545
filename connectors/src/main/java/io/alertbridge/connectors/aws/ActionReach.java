package io.alertbridge.connectors.aws;

import io.alertbridge.schemas.aws.Arn;

import java.util.Objects;

/**
 * Whether one alarm action reaches Alertbridge: an SNS topic that a bridge queue is subscribed to
 * ({@link ConnectedTopics}). Decided by {@link #of}, a pure function. Immutable.
 *
 * @param action the action's ARN as the alarm lists it
 * @param reach the verdict
 * @param why a short phrase saying why, for people
 */
public record ActionReach(String action, Reach reach, String why) {

    /** The verdicts. */
    public enum Reach {
        /** An SNS topic a bridge queue is subscribed to: its messages become incidents. */
        CONNECTED,
        /** An SNS topic no bridge queue is subscribed to. */
        NOT_CONNECTED,
        /** Not an SNS topic (an EC2, Auto Scaling, Lambda or Systems Manager action): never reaches Alertbridge. */
        NOT_A_TOPIC,
        /** An SNS topic, but the connected topics could not be read. */
        UNKNOWN
    }

    public ActionReach {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(why, "why");
    }

    /**
     * Where {@code action} leads, given the topics connected to the bridge's queues.
     *
     * @param action an alarm action's ARN
     * @param connected the connected topics as last read
     */
    public static ActionReach of(String action, ConnectedTopics.Snapshot connected) {
        Arn arn = Arn.parse(action).toOptional().orElse(null);
        if (arn == null || !"sns".equals(arn.service())) {
            String what = arn == null ? "not an ARN" : "a " + arn.service() + " action, not an SNS topic";
            return new ActionReach(action, Reach.NOT_A_TOPIC, what + ": it never reaches Alertbridge");
        }
        if (!connected.known()) {
            return new ActionReach(
                    action, Reach.UNKNOWN, "whether it reaches Alertbridge is unknown (" + connected.unknown() + ")");
        }
        if (connected.topics().contains(action)) {
            return new ActionReach(action, Reach.CONNECTED, "reaches Alertbridge");
        }
        return new ActionReach(
                action,
                Reach.NOT_CONNECTED,
                connected.queues() == 0
                        ? "no bridge queue is configured here, so no topic is connected"
                        : "no bridge queue is subscribed to this topic: it does not reach Alertbridge");
    }
}
