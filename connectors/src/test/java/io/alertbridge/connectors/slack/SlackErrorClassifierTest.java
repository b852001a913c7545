package io.alertbridge.connectors.slack;

import com.google.gson.JsonSyntaxException;
import com.slack.api.methods.SlackApiException;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.alertbridge.connectors.slack.SlackErrorClassifier.ARCHIVE;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.CREATE;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.HISTORY;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.INVITE;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.JOIN;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.KICK;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.LOOKUP_BY_EMAIL;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.POST;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.REPLIES;
import static io.alertbridge.connectors.slack.SlackErrorClassifier.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/** Every failure the sink can meet, and what it does about it. */
class SlackErrorClassifierTest {

    private final SlackErrorClassifier classifier = new SlackErrorClassifier();

    static Stream<Arguments> okFalseAnswers() {
        List<Arguments> cases = new ArrayList<>();
        for (String method : List.of(POST, UPDATE, HISTORY, REPLIES, CREATE, INVITE, KICK, ARCHIVE, JOIN)) {
            for (String transientError :
                    List.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited")) {
                cases.add(Arguments.of(method, transientError, Action.RETRY_BACKOFF));
            }
            for (String auth : List.of(
                    "not_authed",
                    "invalid_auth",
                    "account_inactive",
                    "token_revoked",
                    "token_expired",
                    "not_allowed_token_type",
                    "no_permission",
                    "ekm_access_denied",
                    "org_login_required",
                    "team_access_not_granted",
                    "two_factor_setup_required",
                    "access_denied")) {
                cases.add(Arguments.of(method, auth, Action.HALT));
            }
            cases.add(Arguments.of(method, "unknown_method", Action.DEAD_LETTER));
            cases.add(Arguments.of(method, "invalid_arguments", Action.DEAD_LETTER));
            cases.add(Arguments.of(method, "something_slack_adds_next_year", Action.DEAD_LETTER));
        }
        cases.addAll(List.of(
                // chat.postMessage
                Arguments.of(POST, "invalid_blocks", Action.RENDER_SMALLER),
                Arguments.of(POST, "invalid_blocks_format", Action.RENDER_SMALLER),
                Arguments.of(POST, "msg_too_long", Action.RENDER_SMALLER),
                Arguments.of(POST, "too_many_attachments", Action.RENDER_SMALLER),
                Arguments.of(POST, "invalid_attachments", Action.RENDER_SMALLER),
                Arguments.of(POST, "not_in_channel", Action.JOIN_CHANNEL),
                Arguments.of(POST, "channel_not_found", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "is_archived", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "is_inactive", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "restricted_action", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "restricted_action_read_only_channel", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "restricted_action_thread_only_channel", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "restricted_action_non_threadable_channel", Action.USE_DEFAULT_CHANNEL),
                Arguments.of(POST, "missing_scope", Action.HALT),
                Arguments.of(POST, "no_text", Action.DEAD_LETTER),
                Arguments.of(POST, "thread_not_found", Action.DEAD_LETTER),
                Arguments.of(POST, "invalid_metadata_format", Action.DEAD_LETTER),
                Arguments.of(POST, "metadata_too_large", Action.DEAD_LETTER),
                // chat.update
                Arguments.of(UPDATE, "invalid_blocks", Action.RENDER_SMALLER),
                Arguments.of(UPDATE, "msg_too_long", Action.RENDER_SMALLER),
                Arguments.of(UPDATE, "not_in_channel", Action.JOIN_CHANNEL),
                Arguments.of(UPDATE, "message_not_found", Action.POST_NEW_MESSAGE),
                Arguments.of(UPDATE, "cant_update_message", Action.POST_NEW_MESSAGE),
                Arguments.of(UPDATE, "edit_window_closed", Action.POST_NEW_MESSAGE),
                Arguments.of(UPDATE, "channel_not_found", Action.POST_NEW_MESSAGE),
                Arguments.of(UPDATE, "is_archived", Action.POST_NEW_MESSAGE),
                Arguments.of(UPDATE, "missing_scope", Action.HALT),
                // reading history and threads
                Arguments.of(HISTORY, "not_in_channel", Action.JOIN_CHANNEL),
                Arguments.of(HISTORY, "channel_not_found", Action.DEAD_LETTER),
                Arguments.of(HISTORY, "invalid_cursor", Action.DEAD_LETTER),
                Arguments.of(HISTORY, "missing_scope", Action.DEAD_LETTER),
                Arguments.of(REPLIES, "thread_not_found", Action.DEAD_LETTER),
                Arguments.of(REPLIES, "not_in_channel", Action.JOIN_CHANNEL),
                // joining
                Arguments.of(JOIN, "method_not_supported_for_channel_type", Action.DEAD_LETTER),
                Arguments.of(JOIN, "is_archived", Action.DEAD_LETTER),
                Arguments.of(JOIN, "channel_not_found", Action.DEAD_LETTER),
                // incident channels
                Arguments.of(CREATE, "name_taken", Action.ADOPT_EXISTING_CHANNEL),
                Arguments.of(CREATE, "invalid_name", Action.DEAD_LETTER),
                Arguments.of(CREATE, "invalid_name_specials", Action.DEAD_LETTER),
                Arguments.of(CREATE, "invalid_name_maxlength", Action.DEAD_LETTER),
                Arguments.of(CREATE, "restricted_action", Action.DEAD_LETTER),
                Arguments.of(CREATE, "missing_scope", Action.DEAD_LETTER),
                Arguments.of(INVITE, "already_in_channel", Action.ALREADY_DONE),
                Arguments.of(INVITE, "cant_invite_self", Action.ALREADY_DONE),
                Arguments.of(INVITE, "user_not_found", Action.SKIP),
                Arguments.of(INVITE, "users_not_found", Action.SKIP),
                Arguments.of(INVITE, "cant_invite", Action.SKIP),
                Arguments.of(INVITE, "user_is_restricted", Action.SKIP),
                Arguments.of(INVITE, "user_is_ultra_restricted", Action.SKIP),
                Arguments.of(INVITE, "ura_max_channels", Action.SKIP),
                Arguments.of(INVITE, "user_disabled", Action.SKIP),
                Arguments.of(INVITE, "user_is_bot", Action.SKIP),
                Arguments.of(INVITE, "not_in_channel", Action.JOIN_CHANNEL),
                Arguments.of(INVITE, "is_archived", Action.DEAD_LETTER),
                Arguments.of(INVITE, "channel_not_found", Action.DEAD_LETTER),
                Arguments.of(KICK, "not_in_channel", Action.ALREADY_DONE),
                Arguments.of(KICK, "user_not_found", Action.SKIP),
                Arguments.of(KICK, "cant_kick_self", Action.DEAD_LETTER),
                Arguments.of(KICK, "channel_not_found", Action.DEAD_LETTER),
                Arguments.of(ARCHIVE, "already_archived", Action.ALREADY_DONE),
                Arguments.of(ARCHIVE, "is_archived", Action.ALREADY_DONE),
                Arguments.of(ARCHIVE, "channel_not_found", Action.DEAD_LETTER),
                Arguments.of(ARCHIVE, "cant_archive_general", Action.DEAD_LETTER),
                Arguments.of(LOOKUP_BY_EMAIL, "users_not_found", Action.SKIP),
                Arguments.of(LOOKUP_BY_EMAIL, "missing_scope", Action.DEAD_LETTER)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ok:false {1} -> {2}")
    @MethodSource("okFalseAnswers")
    void shouldNeverRetryAnOkFalseBlindly(String method, String error, Action expected) {
        Decision decision = classifier.classifyError(method, error);

        assertThat(decision.action()).isEqualTo(expected);
        assertThat(decision.error()).isEqualTo(error);
        assertThat(decision.reason()).contains(method).contains(error);
    }

    @Test
    void shouldRetryOnlyTheErrorsThatSlackDocumentsAsTransient() {
        long retried = okFalseAnswers()
                .filter(a -> classifier
                        .classifyError((String) a.get()[0], (String) a.get()[1])
                        .action()
                        .isRetry())
                .map(a -> (String) a.get()[1])
                .distinct()
                .count();

        assertThat(retried).isEqualTo(5);
    }

    @Test
    void shouldNameAnEmptyErrorUnknownAndDeadLetterIt() {
        Decision decision = classifier.classifyError(POST, null);

        assertThat(decision.action()).isEqualTo(Action.DEAD_LETTER);
        assertThat(decision.error()).isEqualTo("unknown_error");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "500, RETRY_BACKOFF",
        "502, RETRY_BACKOFF",
        "503, RETRY_BACKOFF",
        "504, RETRY_BACKOFF",
        "408, RETRY_BACKOFF",
        "401, HALT",
        "403, HALT",
        "404, HALT",
        "410, HALT",
        "413, RENDER_SMALLER",
        "400, DEAD_LETTER",
        "422, DEAD_LETTER",
    })
    void shouldClassifyHttpStatuses(int status, Action expected) throws IOException {
        Decision decision = classifier.classify(POST, apiException(status, null, "{\"ok\":false}"));

        assertThat(decision.action()).isEqualTo(expected);
        assertThat(decision.error()).isEqualTo("http_" + status);
    }

    @Test
    void shouldWaitRetryAfterOn429() {
        Decision decision =
                classifier.classify(POST, apiException(429, "7", "{\"ok\":false,\"error\":\"ratelimited\"}"));

        assertThat(decision.action()).isEqualTo(Action.RETRY_AFTER);
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @CsvSource(
            value = {"'', 1000", "abc, 1000", "0, 1000", "-3, 1000", "2, 2000", "1.5, 1500"},
            nullValues = "NULL")
    void shouldFallBackToOneSecondWhenRetryAfterIsMissingOrOdd(String header, long millis) {
        Decision decision = classifier.classifyHttp(UPDATE, 429, header, "ratelimited");

        assertThat(decision.retryAfter()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void shouldReadSlacksErrorFromAFourHundredBody() {
        Decision decision =
                classifier.classify(POST, apiException(400, null, "{\"ok\":false,\"error\":\"invalid_blocks\"}"));

        assertThat(decision.action()).isEqualTo(Action.RENDER_SMALLER);
        assertThat(decision.error()).isEqualTo("invalid_blocks");
    }

    @Test
    void shouldRetryNetworkAndIoErrorsWithBackoff() {
        for (IOException e : List.of(
                new SocketTimeoutException("read timed out"),
                new ConnectException("connection refused"),
                new UnknownHostException("slack.com"),
                new IOException("stream reset"))) {
            assertThat(classifier.classify(UPDATE, e).action()).as(e.toString()).isEqualTo(Action.RETRY_BACKOFF);
        }
    }

    @Test
    void shouldRetryAnAnswerThatIsNotJsonAsAProxyHiccup() {
        assertThat(classifier.classify(POST, new JsonSyntaxException("<html>")).action())
                .isEqualTo(Action.RETRY_BACKOFF);
    }

    @Test
    void shouldDeadLetterAnyOtherException() {
        Decision decision = classifier.classify(POST, new IllegalStateException("bug"));

        assertThat(decision.action()).isEqualTo(Action.DEAD_LETTER);
        assertThat(decision.error()).isEqualTo("IllegalStateException");
    }

    private static SlackApiException apiException(int status, String retryAfter, String body) {
        Response.Builder response = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://localhost/api/chat.postMessage")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(status)
                .message("status " + status)
                .body(ResponseBody.create(body, MediaType.get("application/json")));
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return new SlackApiException(response.build(), body);
    }
}
