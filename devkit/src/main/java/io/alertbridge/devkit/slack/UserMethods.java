package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code auth.test}, {@code users.info} and {@code users.lookupByEmail}. Called with the state's lock held.
 */
final class UserMethods {

    private final WorkspaceState state;
    private final SlackShapes shapes;
    private final Supplier<String> pageUrl;

    UserMethods(WorkspaceState state, SlackShapes shapes, Supplier<String> pageUrl) {
        this.state = state;
        this.shapes = shapes;
        this.pageUrl = pageUrl;
    }

    void register(Map<String, ApiMethod.Spec> methods) {
        methods.put("auth.test", new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::authTest));
        methods.put("users.info", new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::info));
        methods.put("users.lookupByEmail", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::lookupByEmail));
    }

    ObjectNode authTest(ApiRequest request) {
        ObjectNode answer = SlackJson.object();
        answer.put("url", pageUrl.get());
        answer.put("team", state.teamName);
        answer.put("user", state.bot.name());
        answer.put("team_id", state.teamId);
        answer.put("user_id", state.bot.id());
        answer.put("bot_id", state.botId);
        answer.put("is_enterprise_install", false);
        return answer;
    }

    ObjectNode info(ApiRequest request) throws SlackApiError {
        String id = request.required("user", "user_not_found");
        SlackUser user = state.userById(id).orElseThrow(() -> SlackApiError.of("user_not_found"));
        ObjectNode answer = SlackJson.object();
        answer.set("user", shapes.user(user));
        return answer;
    }

    ObjectNode lookupByEmail(ApiRequest request) throws SlackApiError {
        String email = request.required("email", "users_not_found");
        SlackUser user = state.userByEmail(email).orElseThrow(() -> SlackApiError.of("users_not_found"));
        ObjectNode answer = SlackJson.object();
        answer.set("user", shapes.user(user));
        return answer;
    }
}
