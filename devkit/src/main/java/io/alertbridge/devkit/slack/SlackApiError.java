package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Web API method's refusal: Slack's {@code "ok": false} with an error name, or a 429. Carries what the answer
 * adds beside the error (Block Kit's {@code errors}, {@code response_metadata}).
 */
final class SlackApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final transient ObjectNode extra;
    private final int retryAfterSeconds;

    private SlackApiError(String error, ObjectNode extra, int retryAfterSeconds) {
        super(error, null, false, false);
        this.error = error;
        this.extra = extra;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** {@code "ok": false, "error": error}, HTTP 200. */
    static SlackApiError of(String error) {
        return new SlackApiError(error, SlackJson.object(), 0);
    }

    /** {@code "ok": false, "error": error} plus the given fields, HTTP 200. */
    static SlackApiError of(String error, ObjectNode extra) {
        return new SlackApiError(error, extra, 0);
    }

    /** HTTP 429 with {@code Retry-After}, body {@code "ok": false, "error": "ratelimited"}. */
    static SlackApiError rateLimited(int retryAfterSeconds) {
        return new SlackApiError("ratelimited", SlackJson.object(), Math.max(1, retryAfterSeconds));
    }

    String error() {
        return error;
    }

    ObjectNode extra() {
        return extra;
    }

    /** 0 unless this is a 429. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int httpStatus() {
        return retryAfterSeconds > 0 ? 429 : 200;
    }
}
