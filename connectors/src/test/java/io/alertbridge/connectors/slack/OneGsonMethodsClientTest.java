package io.alertbridge.connectors.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client that reads answers with one Gson answers as the SDK's own client does, over real HTTP to the local
 * workspace: the same fields for the same call, Slack's errors as {@code ok: false}, and HTTP failures as the SDK's
 * exception carrying what the sink's classifier reads (status, {@code Retry-After}).
 */
class OneGsonMethodsClientTest {

    private static LocalSlackWorkspace workspace;
    private static Slack slack;
    private static MethodsClient client;
    private static MethodsClient sdk;

    @BeforeAll
    static void start() {
        workspace =
                LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withRateLimits(false));
        slack = Slack.getInstance(TokenWatch.slackConfig(workspace.apiUrl(), Duration.ofSeconds(10)));
        client = new OneGsonMethodsClient(slack, workspace.botToken());
        sdk = slack.methods(workspace.botToken());
    }

    @AfterAll
    static void stop() throws Exception {
        slack.close();
        workspace.close();
    }

    @AfterEach
    void resetFaults() {
        workspace.resetFaults();
    }

    @Test
    void shouldReadAPostsAnswerAsTheSdkReadsIt() throws Exception {
        ChatPostMessageResponse ours = client.chatPostMessage(r -> r.channel("#alerts")
                .text("CPU high on i-0abc")
                .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*CPU high* on i-0abc"))))));
        ChatPostMessageResponse theirs = sdk.chatPostMessage(r -> r.channel("#alerts")
                .text("CPU high on i-0abc")
                .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*CPU high* on i-0abc"))))));

        assertThat(ours.isOk()).isTrue();
        assertThat(ours.getChannel()).isEqualTo(theirs.getChannel());
        assertThat(ours.getTs()).isNotBlank().isNotEqualTo(theirs.getTs());
        assertThat(ours.getMessage().getText()).isEqualTo(theirs.getMessage().getText());
        assertThat(ours.getMessage().getBlocks())
                .hasSameSizeAs(theirs.getMessage().getBlocks());
        assertThat(ours.getHttpResponseHeaders())
                .containsOnlyKeys(theirs.getHttpResponseHeaders().keySet());
        SlackMessage shown = workspace.message(ours.getChannel(), ours.getTs()).orElseThrow();
        assertThat(shown.text()).isEqualTo("CPU high on i-0abc");
        assertThat(shown.blocks().toString()).contains("*CPU high* on i-0abc");
    }

    @Test
    void shouldEditTheMessageInPlace() throws Exception {
        ChatPostMessageResponse posted =
                client.chatPostMessage(r -> r.channel("#alerts").text("firing"));

        ChatUpdateResponse edited = client.chatUpdate(
                r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("acknowledged by @maria"));

        assertThat(edited.isOk()).isTrue();
        assertThat(edited.getTs()).isEqualTo(posted.getTs());
        assertThat(edited.getChannel()).isEqualTo(posted.getChannel());
        assertThat(workspace
                        .message(posted.getChannel(), posted.getTs())
                        .orElseThrow()
                        .text())
                .isEqualTo("acknowledged by @maria");
    }

    @Test
    void shouldAnswerSlacksRefusalAsNotOk() throws Exception {
        String channel =
                client.chatPostMessage(r -> r.channel("#alerts").text("firing")).getChannel();

        ChatUpdateResponse refused = client.chatUpdate(
                r -> r.channel(channel).ts("1700000000.000100").text("gone"));

        assertThat(refused.isOk()).isFalse();
        assertThat(refused.getError()).isEqualTo("message_not_found");
    }

    @Test
    void shouldThrowTheSdksExceptionWithRetryAfterWhenRateLimited() {
        workspace.force429("chat.postMessage", 1, 7);

        SlackApiException limited = catchThrowableOfType(
                () -> client.chatPostMessage(r -> r.channel("#alerts").text("storm")), SlackApiException.class);

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("7");
        SlackErrorClassifier.Decision decision =
                new SlackErrorClassifier().classify(SlackErrorClassifier.POST, limited);
        assertThat(decision.action()).isEqualTo(SlackErrorClassifier.Action.RETRY_AFTER);
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldThrowTheSdksExceptionWhenSlackFails() {
        workspace.failNext("chat.update", 1, 503);

        SlackApiException failed = catchThrowableOfType(
                () -> client.chatUpdate(r -> r.channel("#alerts").ts("1.2").text("x")), SlackApiException.class);

        assertThat(failed.getResponse().code()).isEqualTo(503);
        assertThat(new SlackErrorClassifier()
                        .classify(SlackErrorClassifier.UPDATE, failed)
                        .action())
                .isEqualTo(SlackErrorClassifier.Action.RETRY_BACKOFF);
    }
}
