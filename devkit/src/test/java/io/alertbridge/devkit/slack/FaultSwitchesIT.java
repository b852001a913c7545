package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The fault switches and the recorder, as a sink's tests would use them. */
class FaultSwitchesIT {

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
    void shouldFailTheNextCallsWithTheGivenStatusThenRecover() throws Exception {
        workspace.failNext(2, 503);

        for (int i = 0; i < 2; i++) {
            SlackApiException failed = catchThrowableOfType(
                    SlackApiException.class,
                    () -> slack.chatPostMessage(r -> r.channel("#alerts").text("x")));
            assertThat(failed.getResponse().code()).isEqualTo(503);
        }
        assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text("x")).isOk())
                .isTrue();
        assertThat(workspace.messages("alerts")).hasSize(1);
    }

    @Test
    void shouldTargetOneMethodAndLeaveOthersAlone() throws Exception {
        workspace.failNext("chat.update", 1, 500);

        ChatPostMessageResponse posted =
                slack.chatPostMessage(r -> r.channel("#alerts").text("x"));
        SlackApiException failed = catchThrowableOfType(
                SlackApiException.class,
                () -> slack.chatUpdate(
                        r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("y")));

        assertThat(posted.isOk()).isTrue();
        assertThat(failed.getResponse().code()).isEqualTo(500);
        assertThat(workspace.messages("alerts").get(0).text()).isEqualTo("x");
    }

    @Test
    void shouldForce429sForACountAndForADuration() throws Exception {
        workspace.force429(1, 7);
        SlackApiException limited = catchThrowableOfType(
                SlackApiException.class,
                () -> slack.chatPostMessage(r -> r.channel("#alerts").text("x")));
        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("7");

        workspace.force429(Duration.ofMinutes(1), 2);
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(SlackApiException.class, () -> slack.conversationsList(r -> r))
                            .getResponse()
                            .code())
                    .isEqualTo(429);
        }
        workspace.resetFaults();
        assertThat(slack.conversationsList(r -> r).isOk()).isTrue();
    }

    @Test
    void shouldAnswerLateButStillDoTheWorkWhenDelayed() throws Exception {
        Duration delay = Duration.ofSeconds(4);
        workspace.delay(delay);
        MethodsClient impatient = sdk.methodsWithReadTimeout(Duration.ofMillis(300));

        Throwable timedOut = catchThrowable(
                () -> impatient.chatPostMessage(r -> r.channel("#alerts").text("late")));

        assertThat(timedOut).isInstanceOfAny(SocketTimeoutException.class, IOException.class);
        assertThat(workspace.messages("alerts"))
                .as("posted although the client gave up")
                .singleElement()
                .extracting(SlackMessage::text)
                .isEqualTo("late");
        workspace.resetFaults();
        long started = System.nanoTime();
        assertThat(slack.conversationsList(r -> r).isOk()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered without the delay once faults are reset")
                .isLessThan(delay);
    }

    @Test
    void shouldRecordEveryCallInOrderWithArgumentsAndAnswerButNoToken() throws Exception {
        workspace.clearCalls();
        slack.chatPostMessage(r -> r.channel("#alerts").text("hello"));
        slack.chatPostMessage(r -> r.channel("#nowhere").text("lost"));

        assertThat(workspace.calls())
                .extracting(ApiCall::method)
                .containsSubsequence("chat.postMessage", "chat.postMessage");
        ApiCall ok = workspace.calls("chat.postMessage").get(0);
        ApiCall failed = workspace.calls("chat.postMessage").get(1);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.param("channel")).isEqualTo("#alerts");
        assertThat(ok.param("text")).isEqualTo("hello");
        assertThat(ok.response().path("ts").asText()).isNotEmpty();
        assertThat(ok.params().has("token")).isFalse();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).isEqualTo("channel_not_found");
        assertThat(failed.sequence()).isGreaterThan(ok.sequence());
    }
}
