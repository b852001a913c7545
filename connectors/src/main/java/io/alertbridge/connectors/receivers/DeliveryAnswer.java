package io.alertbridge.connectors.receivers;

import java.time.Duration;

/**
 * What a destination answered to one delivery: an HTTP status (or an SMTP reply mapped onto one), the wait it asked
 * for ({@code Retry-After}), and a short reason; or the failure that prevented an answer (time-out, connection
 * refused). Immutable.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param retryAfter the wait the destination asked for, or null
 * @param reason a short, bounded description of the answer (never a secret)
 * @param failure the exception when there was no answer, else null
 */
public record DeliveryAnswer(int status, Duration retryAfter, String reason, Throwable failure) {

    /** An answer with a status. */
    public static DeliveryAnswer of(int status, Duration retryAfter, String reason) {
        return new DeliveryAnswer(status, retryAfter, reason, null);
    }

    /** No answer: the call failed. */
    public static DeliveryAnswer failed(Throwable failure) {
        return new DeliveryAnswer(0, null, failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
    }
}
