package io.alertbridge.connectors.slack;

import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;

import java.util.Objects;
import java.util.Set;

/**
 * What one {@code auth.test} answer means for the parts that talk to Slack (the sink, interactivity): a pure
 * decision, {@link #decide}, with the reason that {@code /health} and the logs show. The rule is that Slack is never
 * a reason to stop ingesting:
 *
 * <ul>
 *   <li>{@link Standing#USABLE}: Slack answered {@code ok: true}.
 *   <li>{@link Standing#UNREACHABLE}: what {@link SlackErrorClassifier} retries (5xx, 408, 429, timeouts, refused
 *       connections, a proxy's error page, Slack's own transient errors). The part starts, or goes on, degraded and
 *       checks again with backoff.
 *   <li>{@link Standing#INVALID}: {@code invalid_auth}, {@code not_authed} or {@code account_inactive} for a token
 *       that never worked. The only verdict that refuses a start: the configuration is wrong and no wait will fix
 *       it. Found while already running (the first check was unreachable), it pauses like {@link Standing#REJECTED}.
 *   <li>{@link Standing#REJECTED}: any other refusal, and those three after the token had worked (a revoked token,
 *       a deactivated workspace, a wrong {@code SLACK_API_URL}, a missing scope). The part pauses, keeps its
 *       place, and checks again with backoff so that a fixed token resumes it. {@code token_revoked} and
 *       {@code token_expired} never refuse a start: Slack only says them of a token that once worked, so a restart
 *       after a revocation does not stop the process.
 * </ul>
 *
 * <p>The reason names where the token came from ({@code SLACK_BOT_TOKEN}, {@code slack.token},
 * {@code interactivity.botToken}), never its value. Immutable.
 *
 * @param standing what the answer means
 * @param error Slack's error name, {@code http_<code>} or the exception's class name; {@code ok} when usable
 * @param reason a sentence for {@code /health}, logs and the refusal message
 */
public record TokenVerdict(Standing standing, String error, String reason) {

    /** Where a token stands with Slack. */
    public enum Standing {
        /** Slack accepts the token. */
        USABLE,
        /** Slack did not answer usefully (outage, rate limit, network): degraded, checked again with backoff. */
        UNREACHABLE,
        /** Definitely bad and never worked: refuse to start (if already running: paused, checked again). */
        INVALID,
        /** Refused (revoked, deactivated, misconfigured): paused, checked again with backoff. */
        REJECTED
    }

    /** Slack's errors that say the token itself is not a working credential. */
    static final Set<String> DEFINITE = Set.of("invalid_auth", "not_authed", "account_inactive");

    public TokenVerdict {
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Decides what an {@code auth.test} answer means.
     *
     * @param failure the classified failure of the call ({@link SlackErrorClassifier}); null when Slack answered
     *     {@code ok: true}
     * @param everWorked whether this token was accepted by Slack before (in this process)
     * @param tokenName where the token came from, for the reason
     */
    public static TokenVerdict decide(Decision failure, boolean everWorked, String tokenName) {
        if (failure == null) {
            return new TokenVerdict(Standing.USABLE, "ok", "token in " + tokenName + " verified");
        }
        String error = failure.error();
        if (failure.action().isRetry()) {
            return new TokenVerdict(
                    Standing.UNREACHABLE,
                    error,
                    "slack unreachable: " + describe(error) + " at " + SlackErrorClassifier.AUTH_TEST + ", retrying");
        }
        if (DEFINITE.contains(error) && !everWorked) {
            return new TokenVerdict(
                    Standing.INVALID,
                    error,
                    "Slack rejects the bot token in " + tokenName + " (" + error + ") and it has never worked: set "
                            + tokenName + " to the app's bot token (xoxb-...)");
        }
        String when = everWorked ? " after it had worked" : "";
        return new TokenVerdict(
                Standing.REJECTED,
                error,
                "slack refuses the token in " + tokenName + when + " (" + describe(error) + "): Slack calls paused, "
                        + "auth retried; fix " + tokenName + " or the app");
    }

    /** True when Slack accepts the token. */
    public boolean usable() {
        return standing == Standing.USABLE;
    }

    /** True when the process must not start with this token. */
    public boolean refusesStart() {
        return standing == Standing.INVALID;
    }

    private static String describe(String error) {
        if (error.startsWith("http_")) {
            String code = error.substring("http_".length());
            return code.equals("429") ? "rate limited (HTTP 429)" : "HTTP " + code;
        }
        return error;
    }
}
