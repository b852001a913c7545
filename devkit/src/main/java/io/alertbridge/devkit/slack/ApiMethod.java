package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Web API method: reads an authenticated request and answers the fields of a successful response (the
 * handler adds {@code "ok": true}), or throws the Slack error. Called with the workspace state's lock held.
 */
@FunctionalInterface
interface ApiMethod {

    ObjectNode call(ApiRequest request) throws SlackApiError;

    /**
     * A method with its rate-limit tier and the OAuth scope it needs.
     *
     * @param tier the rate-limit tier
     * @param method the method
     * @param scope the scope the token must hold ({@code files:write}), or {@code null} when not modelled
     */
    record Spec(RateLimiter.Tier tier, ApiMethod method, String scope) {
        Spec(RateLimiter.Tier tier, ApiMethod method) {
            this(tier, method, null);
        }
    }
}
