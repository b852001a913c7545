package io.alertbridge.connectors.slack.files;

import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.files.UploadResult.Outcome;

/**
 * Sorts a failed file call into the four failures a caller acts on, from the sink's own classifier's decision:
 * a 429 is {@link Outcome#RATE_LIMITED} with its {@code Retry-After}; a bad token {@link Outcome#INVALID_TOKEN};
 * what a retry may fix (I/O, timeouts, 5xx, Slack's transient errors) {@link Outcome#UNREACHABLE}; everything else
 * {@link Outcome#REFUSED} ({@code missing_scope} included: the app lacks {@code files:write}, messages still work).
 * Stateless; thread-safe.
 */
final class UploadFailures {

    private static final SlackErrorClassifier CLASSIFIER = new SlackErrorClassifier();

    private UploadFailures() {}

    /** A failure thrown by the SDK's synchronous client (or the upload POST). */
    static UploadResult of(String method, Throwable failure) {
        return of(CLASSIFIER.classify(method, failure));
    }

    /** An answer with {@code "ok": false}. */
    static UploadResult ofError(String method, String error) {
        if ("missing_scope".equals(error)) {
            return UploadResult.failed(
                    Outcome.REFUSED, null, error, method + ": the app lacks the files:write or files:read scope");
        }
        return of(CLASSIFIER.classifyError(method, error));
    }

    /** A non-200 answer of the upload URL. */
    static UploadResult ofUploadStatus(int status, String retryAfter) {
        return of(CLASSIFIER.classifyHttp("upload_url", status, retryAfter, null));
    }

    private static UploadResult of(Decision decision) {
        Outcome outcome =
                switch (decision.action()) {
                    case RETRY_AFTER -> Outcome.RATE_LIMITED;
                    case HALT -> Outcome.INVALID_TOKEN;
                    case RETRY_BACKOFF -> Outcome.UNREACHABLE;
                    default -> Outcome.REFUSED;
                };
        return UploadResult.failed(outcome, decision.retryAfter(), decision.error(), decision.reason());
    }
}
