package io.alertbridge.connectors.slack;

import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.TokenVerdict.Standing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.alertbridge.connectors.slack.SlackErrorClassifier.AUTH_TEST;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of auth.test answer, with and without a token that once worked: whether the process may start. */
class TokenVerdictTest {

    private static final SlackErrorClassifier CLASSIFIER = new SlackErrorClassifier();
    private static final String NAME = "SLACK_BOT_TOKEN";

    static Stream<Arguments> everyAnswer() {
        List<Arguments> cases = new ArrayList<>();
        for (boolean everWorked : new boolean[] {false, true}) {
            cases.add(Arguments.of("ok", null, everWorked, Standing.USABLE));
            for (int status : new int[] {500, 502, 503, 504, 408}) {
                cases.add(Arguments.of("HTTP " + status, http(status), everWorked, Standing.UNREACHABLE));
            }
            cases.add(Arguments.of(
                    "HTTP 429", CLASSIFIER.classifyHttp(AUTH_TEST, 429, "3", null), everWorked, Standing.UNREACHABLE));
            for (IOException e : List.of(
                    new ConnectException("Connection refused"),
                    new SocketTimeoutException("timeout"),
                    new InterruptedIOException("timeout"))) {
                cases.add(Arguments.of(
                        e.getClass().getSimpleName(),
                        CLASSIFIER.classify(AUTH_TEST, e),
                        everWorked,
                        Standing.UNREACHABLE));
            }
            for (String transientError :
                    List.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited")) {
                cases.add(Arguments.of(transientError, okFalse(transientError), everWorked, Standing.UNREACHABLE));
            }
            for (String definite : List.of("invalid_auth", "not_authed", "account_inactive")) {
                cases.add(Arguments.of(
                        definite, okFalse(definite), everWorked, everWorked ? Standing.REJECTED : Standing.INVALID));
            }
            for (String refusal : List.of(
                    "token_revoked",
                    "token_expired",
                    "not_allowed_token_type",
                    "no_permission",
                    "ekm_access_denied",
                    "org_login_required",
                    "team_access_not_granted",
                    "two_factor_setup_required",
                    "access_denied",
                    "some_future_error")) {
                cases.add(Arguments.of(refusal, okFalse(refusal), everWorked, Standing.REJECTED));
            }
            for (int status : new int[] {401, 403, 404, 410}) {
                cases.add(Arguments.of("HTTP " + status, http(status), everWorked, Standing.REJECTED));
            }
            cases.add(Arguments.of(
                    "unexpected exception",
                    CLASSIFIER.classify(AUTH_TEST, new IllegalStateException("?")),
                    everWorked,
                    Standing.REJECTED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, ever worked {2}: {3}")
    @MethodSource("everyAnswer")
    void shouldDecideEveryAnswer(String answer, Decision failure, boolean everWorked, Standing expected) {
        TokenVerdict verdict = TokenVerdict.decide(failure, everWorked, NAME);

        assertThat(verdict.standing()).isEqualTo(expected);
        assertThat(verdict.refusesStart()).isEqualTo(expected == Standing.INVALID);
        assertThat(verdict.usable()).isEqualTo(expected == Standing.USABLE);
        assertThat(verdict.reason()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SLACK_BOT_TOKEN", "slack.token", "interactivity.botToken"})
    void shouldNameWhereTheTokenCameFromWhenRefusingToStart(String name) {
        TokenVerdict verdict = TokenVerdict.decide(okFalse("invalid_auth"), false, name);

        assertThat(verdict.refusesStart()).isTrue();
        assertThat(verdict.reason()).contains(name).contains("invalid_auth").contains("never worked");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "503| slack unreachable: HTTP 503 at auth.test, retrying",
                "502| slack unreachable: HTTP 502 at auth.test, retrying",
                "429| slack unreachable: rate limited (HTTP 429) at auth.test, retrying"
            })
    void shouldSayWhySlackIsUnreachable(int status, String reason) {
        assertThat(TokenVerdict.decide(http(status), false, NAME).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"token_revoked", "invalid_auth", "account_inactive"})
    void shouldPauseNotRefuseWhenATokenThatWorkedIsRefused(String error) {
        TokenVerdict verdict = TokenVerdict.decide(okFalse(error), true, NAME);

        assertThat(verdict.standing()).isEqualTo(Standing.REJECTED);
        assertThat(verdict.error()).isEqualTo(error);
        assertThat(verdict.reason())
                .contains(NAME)
                .contains(error)
                .contains("after it had worked")
                .contains("paused");
    }

    private static Decision okFalse(String error) {
        return CLASSIFIER.classifyError(AUTH_TEST, error);
    }

    private static Decision http(int status) {
        return CLASSIFIER.classifyHttp(AUTH_TEST, status, null, null);
    }
}
