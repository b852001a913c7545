package io.alertbridge.connectors.receivers;

import java.time.Duration;
import java.util.Objects;

/**
 * How a receiver delivers, whatever its destination.
 *
 * @param groupId its consumer group
 * @param timeout how long one call may take before it counts as no answer (then retried)
 * @param initialBackoff first wait before a retry
 * @param maxBackoff longest wait between retries
 * @param giveUpAfter how long one message is retried before it goes to the dead-letter topic
 */
public record DeliverySettings(
        String groupId, Duration timeout, Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    public DeliverySettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    }
}
