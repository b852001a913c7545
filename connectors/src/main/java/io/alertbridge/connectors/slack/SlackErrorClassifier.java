package io.alertbridge.connectors.slack;

import com.google.gson.JsonParseException;
import com.slack.api.methods.SlackApiException;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what the sink does about a failed Slack call. The one place that knows which failures a retry can fix.
 *
 * <ul>
 *   <li>HTTP 429: wait {@code Retry-After} (1 s when absent), then retry the same call.
 *   <li>HTTP 5xx and 408, network and I/O errors, a body that is not JSON (a proxy's error page), and Slack's own
 *       transient {@code ok:false} errors ({@code internal_error}, {@code fatal_error}, {@code service_unavailable},
 *       {@code request_timeout}, {@code ratelimited}): retry with backoff.
 *   <li>Every other {@code ok:false}: never retried as it is. It has a fallback where one exists (render smaller for
 *       {@code invalid_blocks} and {@code msg_too_long}, join a public channel for {@code not_in_channel}, the
 *       default channel for a missing or archived one, a new message when the old one is gone, the existing channel
 *       for {@code name_taken}); it counts as done where it means the effect is already there
 *       ({@code already_in_channel}, {@code already_archived}); a user who cannot be invited is skipped; a bad token
 *       halts the sink; the rest go to the dead-letter topic with the error as reason.
 * </ul>
 *
 * <p>Stateless and thread-safe; an exhaustive table of cases is in its test.
 */
public final class SlackErrorClassifier {

    /** What to do. */
    public enum Action {
        /** Wait {@link Decision#retryAfter()} (Slack's Retry-After), then call again. */
        RETRY_AFTER,
        /** Wait with exponential backoff, then call again. */
        RETRY_BACKOFF,
        /** Render the message with less detail and try once more. */
        RENDER_SMALLER,
        /** Join the (public) channel, then try once more. */
        JOIN_CHANNEL,
        /** Post to the configured default channel instead, saying why. */
        USE_DEFAULT_CHANNEL,
        /** The message to update is gone: post a new one. */
        POST_NEW_MESSAGE,
        /** The channel exists already (a crash after creating it): look it up and use it. */
        ADOPT_EXISTING_CHANNEL,
        /** The effect is already there: treat as success. */
        ALREADY_DONE,
        /** This one item (a user) cannot be acted on: skip it, go on with the rest. */
        SKIP,
        /** The token or app is unusable: stop the sink, commit nothing, report unhealthy. */
        HALT,
        /** Not fixable here: log, count and send the command to the dead-letter topic with the reason. */
        DEAD_LETTER;

        /** True for the two actions that call again unchanged. */
        public boolean isRetry() {
            return this == RETRY_AFTER || this == RETRY_BACKOFF;
        }
    }

    /**
     * A decision with its reason.
     *
     * @param action what to do
     * @param retryAfter how long to wait first, for {@link Action#RETRY_AFTER}; zero otherwise
     * @param error Slack's error name, {@code http_<code>}, or the exception's simple class name
     * @param reason a sentence for logs and the dead-letter header
     */
    public record Decision(Action action, Duration retryAfter, String error, String reason) {
        public Decision {
            Objects.requireNonNull(action, "action");
            retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static final String POST = "chat.postMessage";
    public static final String UPDATE = "chat.update";
    public static final String HISTORY = "conversations.history";
    public static final String REPLIES = "conversations.replies";
    public static final String JOIN = "conversations.join";
    public static final String CREATE = "conversations.create";
    public static final String INVITE = "conversations.invite";
    public static final String KICK = "conversations.kick";
    public static final String ARCHIVE = "conversations.archive";
    public static final String LIST = "conversations.list";
    public static final String LOOKUP_BY_EMAIL = "users.lookupByEmail";
    public static final String AUTH_TEST = "auth.test";

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final Set<String> TRANSIENT =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited");
    private static final Set<String> AUTH = Set.of(
            "not_authed",
            "invalid_auth",
            "account_inactive",
            "token_revoked",
            "token_expired",
            "not_allowed_token_type",
            "no_permission",
            "ekm_access_denied",
            "org_login_required",
            "team_access_not_granted",
            "two_factor_setup_required",
            "access_denied");
    private static final Set<String> TOO_BIG = Set.of(
            "invalid_blocks", "invalid_blocks_format", "msg_too_long", "too_many_attachments", "invalid_attachments");
    private static final Set<String> CHANNEL_UNUSABLE = Set.of(
            "channel_not_found",
            "is_archived",
            "is_inactive",
            "restricted_action",
            "restricted_action_read_only_channel",
            "restricted_action_thread_only_channel",
            "restricted_action_non_threadable_channel");
    private static final Set<String> MESSAGE_GONE =
            Set.of("message_not_found", "cant_update_message", "edit_window_closed");
    private static final Set<String> USER_UNUSABLE = Set.of(
            "user_not_found",
            "users_not_found",
            "cant_invite",
            "user_is_restricted",
            "user_is_ultra_restricted",
            "ura_max_channels",
            "user_disabled",
            "user_is_bot",
            "no_user");
    private static final Set<String> ALREADY = Set.of("already_in_channel", "cant_invite_self", "already_archived");

    /** Classifies an exception thrown by the SDK's synchronous client. */
    public Decision classify(String method, Throwable failure) {
        if (failure instanceof SlackApiException api) {
            int code = api.getResponse().code();
            String slackError = api.getError() == null ? null : api.getError().getError();
            return classifyHttp(method, code, api.getResponse().header("Retry-After"), slackError);
        }
        if (failure instanceof IOException) {
            return new Decision(
                    Action.RETRY_BACKOFF,
                    null,
                    failure.getClass().getSimpleName(),
                    method + ": network or I/O error, retried with backoff: " + failure.getMessage());
        }
        if (failure instanceof JsonParseException) {
            return new Decision(
                    Action.RETRY_BACKOFF,
                    null,
                    "unparseable_response",
                    method + ": the answer was not Slack's JSON (a proxy error page?), retried with backoff");
        }
        return new Decision(
                Action.DEAD_LETTER,
                null,
                failure.getClass().getSimpleName(),
                method + ": unexpected failure, not retried: " + failure.getMessage());
    }

    /** Classifies a non-2xx HTTP answer. */
    public Decision classifyHttp(String method, int status, String retryAfter, String slackError) {
        String error = "http_" + status;
        if (status == 429) {
            Duration wait = parseRetryAfter(retryAfter);
            return new Decision(
                    Action.RETRY_AFTER, wait, error, method + ": rate limited, retry after " + wait.toSeconds() + " s");
        }
        if (status >= 500 || status == 408) {
            return new Decision(
                    Action.RETRY_BACKOFF,
                    null,
                    error,
                    method + ": Slack answered " + status + ", retried with backoff");
        }
        if (status == 401 || status == 403 || status == 404 || status == 410) {
            return new Decision(
                    Action.HALT,
                    null,
                    error,
                    method + ": HTTP " + status + ": check the token and SLACK_API_URL (it must end in /api/)");
        }
        if (status == 413) {
            return new Decision(Action.RENDER_SMALLER, null, error, method + ": request too large, render smaller");
        }
        if (slackError != null) {
            return classifyError(method, slackError);
        }
        return new Decision(Action.DEAD_LETTER, null, error, method + ": HTTP " + status + ", not retried");
    }

    /** Classifies an HTTP 200 answer with {@code "ok": false}. */
    public Decision classifyError(String method, String error) {
        String name = error == null || error.isBlank() ? "unknown_error" : error;
        if (TRANSIENT.contains(name)) {
            return decision(Action.RETRY_BACKOFF, name, method, "Slack-side transient error, retried with backoff");
        }
        if (AUTH.contains(name) || (name.equals("missing_scope") && (method.equals(POST) || method.equals(UPDATE)))) {
            return decision(Action.HALT, name, method, "the token cannot do this; fix SLACK_BOT_TOKEN or the app");
        }
        Decision specific = byMethod(method, name);
        if (specific != null) {
            return specific;
        }
        if (ALREADY.contains(name)) {
            return decision(Action.ALREADY_DONE, name, method, "already done");
        }
        if (USER_UNUSABLE.contains(name)) {
            return decision(Action.SKIP, name, method, "this user cannot be acted on; skipped");
        }
        return decision(Action.DEAD_LETTER, name, method, "not retried");
    }

    private static Decision byMethod(String method, String name) {
        boolean message = method.equals(POST) || method.equals(UPDATE);
        if (message && TOO_BIG.contains(name)) {
            return decision(Action.RENDER_SMALLER, name, method, "the message is too big or invalid; render smaller");
        }
        if (name.equals("not_in_channel")) {
            return method.equals(KICK)
                    ? decision(Action.ALREADY_DONE, name, method, "the user is not in the channel")
                    : decision(Action.JOIN_CHANNEL, name, method, "the bot is not in the channel; join it");
        }
        if (method.equals(POST) && CHANNEL_UNUSABLE.contains(name)) {
            return decision(Action.USE_DEFAULT_CHANNEL, name, method, "the channel cannot take it; default channel");
        }
        if (method.equals(UPDATE) && (MESSAGE_GONE.contains(name) || CHANNEL_UNUSABLE.contains(name))) {
            return decision(Action.POST_NEW_MESSAGE, name, method, "the message cannot be edited; post a new one");
        }
        if (method.equals(ARCHIVE) && name.equals("is_archived")) {
            return decision(Action.ALREADY_DONE, name, method, "already archived");
        }
        if (method.equals(CREATE) && name.equals("name_taken")) {
            return decision(Action.ADOPT_EXISTING_CHANNEL, name, method, "the channel exists; use it");
        }
        return null;
    }

    private static Decision decision(Action action, String error, String method, String why) {
        return new Decision(action, null, error, method + ": " + error + ": " + why);
    }

    /** Slack sends whole seconds (fractions are honoured too); an HTTP date or garbage falls back to one second. */
    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            double seconds = Double.parseDouble(header.strip());
            return seconds <= 0 || Double.isNaN(seconds)
                    ? DEFAULT_RETRY_AFTER
                    : Duration.ofMillis((long) Math.ceil(Math.min(seconds, 86_400) * 1000));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
