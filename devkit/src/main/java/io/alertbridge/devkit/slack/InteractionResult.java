package io.alertbridge.devkit.slack;

/**
 * What happened when the workspace sent a signed request to the app (a button click or a slash command).
 *
 * @param httpStatus the app's HTTP status, or 0 when there was no answer
 * @param body the app's answer body ({@code ""} when none)
 * @param error {@code null} when the app answered 200; otherwise what Slack would show: {@code
 *     no_interactivity_url}, {@code operation_timeout} (no answer within 3 seconds), {@code connection_failed},
 *     {@code http_error} (a status other than 200), {@code action_not_found}, {@code message_not_found},
 *     {@code channel_not_found}, {@code user_not_found}
 */
public record InteractionResult(int httpStatus, String body, String error) {

    /** Whether the app took the request (HTTP 200 within 3 seconds). */
    public boolean delivered() {
        return error == null;
    }

    static InteractionResult failed(String error) {
        return new InteractionResult(0, "", error);
    }
}
