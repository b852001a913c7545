package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Slack's rate limits: the tiers per method and about one post per second per channel, answered 429. */
class SlackLimitsIT {

    private LocalSlackWorkspace workspace;
    private SlackSdk sdk;
    private MethodsClient slack;

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        slack = sdk.methods();
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        workspace.close();
    }

    @Test
    void shouldTolerateABurstThenAnswer429WithRetryAfterForPostsToOneChannel() throws Exception {
        for (int i = 0; i < RateLimiter.POST_BURST_PER_CHANNEL; i++) {
            assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text("burst"))
                            .isOk())
                    .isTrue();
        }

        SlackApiException limited = catchThrowableOfType(
                SlackApiException.class,
                () -> slack.chatPostMessage(r -> r.channel("#alerts").text("one too many")));

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(limited.getResponseBody()).contains("\"error\":\"ratelimited\"");
        assertThat(workspace.messages("alerts")).hasSize(RateLimiter.POST_BURST_PER_CHANNEL);
        assertThat(slack.chatPostMessage(r -> r.channel("#payments-alerts").text("another channel"))
                        .isOk())
                .as("the limit is per channel")
                .isTrue();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> postQuietly("#alerts").isOk());
    }

    @Test
    void shouldAnswer429OnceAMethodsTierBudgetIsSpent() throws Exception {
        int tier2 = RateLimiter.Tier.TIER_2.perMinute;
        for (int i = 0; i < tier2; i++) {
            assertThat(slack.conversationsList(r -> r).isOk()).isTrue();
        }

        SlackApiException limited =
                catchThrowableOfType(SlackApiException.class, () -> slack.conversationsList(r -> r));

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.getResponse().header("Retry-After")))
                .isBetween(1, 3);
        assertThat(slack.conversationsInfo(r -> r.channel(
                                workspace.channel("alerts").orElseThrow().id()))
                        .isOk())
                .as("budgets are per method")
                .isTrue();
        assertThat(workspace.calls("conversations.list"))
                .last()
                .satisfies(call -> assertThat(call.httpStatus()).isEqualTo(429))
                .satisfies(call -> assertThat(call.retryAfterSeconds()).isPositive());
        workspace.resetRateLimits();
        assertThat(slack.conversationsList(r -> r).isOk()).isTrue();
    }

    @Test
    void shouldNotLimitWhenRateLimitsAreOff() throws Exception {
        workspace.setRateLimits(false);
        for (int i = 0; i < RateLimiter.POST_BURST_PER_CHANNEL * 2; i++) {
            assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text("fast"))
                            .isOk())
                    .isTrue();
        }
    }

    private ChatPostMessageResponse postQuietly(String channel) {
        try {
            return slack.chatPostMessage(r -> r.channel(channel).text("after Retry-After"));
        } catch (SlackApiException | IOException e) {
            return new ChatPostMessageResponse();
        }
    }
}
