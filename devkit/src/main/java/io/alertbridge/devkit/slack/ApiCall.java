package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One Web API call that a {@link LocalSlackWorkspace} answered, as its recorder saw it.
 *
 * @param sequence the call's position among all calls of the workspace, from 1
 * @param at when the call arrived
 * @param method the Web API method ({@code chat.postMessage})
 * @param params the arguments as sent: form and query fields as JSON strings, a JSON body as it was; the token is
 *     never recorded
 * @param httpStatus the HTTP status answered (200, 429, or an injected 5xx)
 * @param response the JSON body answered
 * @param retryAfterSeconds the {@code Retry-After} answered with a 429, otherwise 0
 */
public record ApiCall(
        long sequence,
        Instant at,
        String method,
        JsonNode params,
        int httpStatus,
        JsonNode response,
        int retryAfterSeconds) {

    /** Whether Slack would call this a success: HTTP 200 and {@code "ok": true}. */
    public boolean ok() {
        return httpStatus == 200 && response.path("ok").asBoolean(false);
    }

    /** The {@code error} answered, or {@code null} on success. */
    public String error() {
        return response.path("error").asText(null);
    }

    /** An argument as text (JSON text for a structured value in a JSON body), or {@code null}. */
    public String param(String name) {
        JsonNode value = params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
