package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.TokenWatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When to open the Socket Mode connection again, and whether to read the app token ({@code xapp-}) again first:
 * the decision after each attempt, a pure function ({@link #after}).
 *
 * <ul>
 *   <li>Slack refused the app token as a credential ({@code apps.connections.open} answered one of
 *       {@link TokenWatch#REREAD_ON}: rotated, revoked): read it again from its secret store and retry, at most once
 *       per {@code minReread} (a token that stays refused costs one secret read per interval, not a loop).
 *   <li>Any other failure (Slack down, a network error): retry with the given backoff delay, same token.
 *   <li>The attempt went through: the WebSocket says {@code hello} shortly after; only when it is still not connected
 *       after {@code grace} (or drops later) is it opened again.
 * </ul>
 */
final class SocketModeRetry {

    private static final Pattern ERROR = Pattern.compile("error: ([a-z_]+)");

    private SocketModeRetry() {}

    /**
     * The next attempt.
     *
     * @param due not before this instant
     * @param reread whether to read the app token again first
     * @param why for the log and {@code /health}
     */
    record Step(Instant due, boolean reread, String why) {
        Step {
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The step after an attempt at {@code now}.
     *
     * @param error Slack's error code of the failed attempt ({@link #errorOf}), "" for a failure without one, null
     *     when the attempt went through
     * @param lastReread when the token was last read again, or null when never
     * @param minReread the least time between two reads of the token
     * @param backoff the wait before retrying after a failure that is not the token's
     * @param grace how long a connection that went through may take to say hello
     */
    static Step after(
            String error, Instant now, Instant lastReread, Duration minReread, Duration backoff, Duration grace) {
        if (error == null) {
            return new Step(now.plus(grace), false, "connecting");
        }
        if (TokenWatch.REREAD_ON.contains(error)) {
            Instant allowed = lastReread == null ? now : lastReread.plus(minReread);
            return new Step(
                    allowed.isAfter(now) ? allowed : now, true, "app token refused (" + error + "), reading it again");
        }
        return new Step(
                now.plus(backoff), false, error.isEmpty() ? "cannot connect" : "cannot connect (" + error + ")");
    }

    /**
     * Slack's error code in the SDK's failure message ({@code "... (error: invalid_auth)"}), or "" when it names none
     * (an I/O failure, an HTTP status).
     */
    static String errorOf(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e.getMessage() != null) {
                Matcher m = ERROR.matcher(e.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return "";
    }
}
