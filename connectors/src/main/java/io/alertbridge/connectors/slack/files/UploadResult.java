package io.alertbridge.connectors.slack.files;

import java.time.Duration;
import java.util.Objects;

/**
 * How an upload or a delete ended.
 *
 * @param outcome what happened
 * @param fileId the file uploaded or deleted; {@code null} when an upload failed
 * @param retryAfter Slack's {@code Retry-After} for {@link Outcome#RATE_LIMITED}, zero otherwise
 * @param error Slack's error name, {@code http_<status>} or the exception's class name; {@code null} on success
 * @param reason a sentence for logs and metrics
 * @param replaced how deleting the replaced file ended, or {@code null} when nothing was replaced
 */
public record UploadResult(
        Outcome outcome, String fileId, Duration retryAfter, String error, String reason, UploadResult replaced) {

    /** What happened. */
    public enum Outcome {
        /** The file is uploaded (and shared where asked). */
        UPLOADED,
        /** The file is deleted, or was gone already. */
        DELETED,
        /** Slack answered 429: try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The token is not valid (revoked, wrong, inactive): nothing will work until it is fixed. */
        INVALID_TOKEN,
        /** Slack refused this request ({@code ok: false}, a 4xx from the upload URL): the same call fails again. */
        REFUSED,
        /** Slack could not be reached or failed (I/O error, timeout, 5xx): a later try may work. */
        UNREACHABLE
    }

    public UploadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    /** Whether the upload or delete did what was asked. */
    public boolean ok() {
        return outcome == Outcome.UPLOADED || outcome == Outcome.DELETED;
    }

    static UploadResult failed(Outcome outcome, Duration retryAfter, String error, String reason) {
        return new UploadResult(outcome, null, retryAfter, error, reason, null);
    }
}
