package io.alertbridge.connectors.receivers;

import java.time.Duration;

/**
 * Decides what follows a destination's answer (house rule: whether an error is retried is decided by a small
 * classifier with an exhaustive test):
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>408, 425, 429 and every 5xx: retried, after {@code Retry-After} when given; no answer at all (time-out,
 *       connection refused, reset) too.
 *   <li>every other status (4xx: invalid key, payload refused; 3xx: a redirect is not followed for a signed POST;
 *       1xx): refused, never retried; the reason is recorded and counted.
 * </ul>
 *
 * <p>A pure function.
 */
public final class DeliveryClassifier {

    private DeliveryClassifier() {}

    /** What to do. */
    public enum Action {
        DELIVERED,
        RETRY,
        REFUSED
    }

    /**
     * A decision.
     *
     * @param action what to do
     * @param retryAfter for {@link Action#RETRY}, the wait the destination asked for, or null to back off
     * @param reason why, for logs, metrics and the dead-letter record
     */
    public record Verdict(Action action, Duration retryAfter, String reason) {}

    /** Classifies one answer. */
    public static Verdict classify(DeliveryAnswer answer) {
        if (answer.failure() != null || answer.status() == 0) {
            return new Verdict(Action.RETRY, null, "no answer: " + answer.reason());
        }
        int status = answer.status();
        String reason = "HTTP " + status + (answer.reason() == null ? "" : " " + answer.reason());
        if (status >= 200 && status < 300) {
            return new Verdict(Action.DELIVERED, null, reason);
        }
        if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600)) {
            return new Verdict(Action.RETRY, answer.retryAfter(), reason);
        }
        return new Verdict(Action.REFUSED, null, reason);
    }
}
