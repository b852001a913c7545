package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.text.LogText;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

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

    /**
     * What an HTTP destination's answer says: its status, its {@code Retry-After} (read against {@code now}), and
     * what its body said, bounded and without control characters (it goes to logs and dead letters); or, when
     * {@code failure} is set, that there was no answer.
     */
    public static DeliveryAnswer ofHttp(HttpResponse<String> response, Throwable failure, Instant now) {
        if (failure != null) {
            return failed(
                    failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure);
        }
        Duration retryAfter =
                RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now);
        String said = response.body() == null || response.body().isBlank() ? null : LogText.safe(response.body(), 200);
        return of(response.statusCode(), retryAfter, said);
    }
}
