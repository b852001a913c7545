package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Web API method: reads an authenticated request and answers the fields of a successful response (the
 * handler adds {@code "ok": true}), or throws the Slack error. Called with the workspace state's lock held.
 */
@FunctionalInterface
interface ApiMethod {

    ObjectNode call(ApiRequest request) throws SlackApiError;

    /** A method with its rate-limit tier. */
    record Spec(RateLimiter.Tier tier, ApiMethod method) {}
}
