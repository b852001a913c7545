package io.alertbridge.connectors.slack;

import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.secrets.SecretReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A token kept in AWS is read again when Slack refuses it as a credential, and only then. */
class TokenWatchRereadTest {

    private static final SecretReference REFERENCE =
            new SecretReference(SecretReference.Store.SECRETS_MANAGER, "slack", "botToken");

    private final SlackErrorClassifier classifier = new SlackErrorClassifier();
    private final AtomicReference<String> stored = new AtomicReference<>("xoxb-old");
    private final List<String> fetched = new ArrayList<>();
    private final AtomicReference<String> accepted = new AtomicReference<>("xoxb-old");
    private final AtomicReference<String> refusal = new AtomicReference<>("token_revoked");

    private RotatingSecret secret() {
        return RotatingSecret.fetchNow(
                REFERENCE,
                () -> {
                    fetched.add(stored.get());
                    return stored.get();
                },
                Clock.systemUTC(),
                Duration.ZERO);
    }

    private TokenWatch watch(java.util.function.Supplier<String> token) {
        return new TokenWatch(
                "slack.token",
                token,
                value -> value.equals(accepted.get())
                        ? null
                        : classifier.classifyError(SlackErrorClassifier.AUTH_TEST, refusal.get()),
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"token_revoked", "invalid_auth", "token_expired"})
    void shouldReadTheRotatedSecretAfterSlackRefusesTheOldToken(String error) {
        refusal.set(error);
        try (TokenWatch watch = watch(secret())) {
            assertThat(watch.check().usable()).isTrue();
            stored.set("xoxb-new");
            accepted.set("xoxb-new");

            TokenVerdict refused = watch.check();
            TokenVerdict afterReread = watch.check();

            assertThat(refused.usable()).isFalse();
            assertThat(afterReread.usable()).isTrue();
            assertThat(watch.token()).isEqualTo("xoxb-new");
            assertThat(fetched).containsExactly("xoxb-old", "xoxb-new");
        }
    }

    @Test
    void shouldReadTheSecretAgainWhenACallOfThePartIsRefused() {
        try (TokenWatch watch = watch(secret())) {
            watch.check();
            stored.set("xoxb-new");
            accepted.set("xoxb-new");

            watch.refused(classifier.classifyError("chat.postMessage", "token_revoked"));

            assertThat(watch.check().usable()).isTrue();
            assertThat(watch.token()).isEqualTo("xoxb-new");
        }
    }

    @Test
    void shouldNotReadTheSecretAgainWhileSlackIsMerelyUnreachableOrTheTokenWorks() {
        try (TokenWatch watch = watch(secret())) {
            watch.check();
            watch.check();
            watch.refused(classifier.classifyError("chat.postMessage", "missing_scope"));
            watch.check();
            refusal.set("fatal_error");
            stored.set("xoxb-new");
            accepted.set("xoxb-new");
            watch.check();
            watch.check();

            assertThat(fetched).containsExactly("xoxb-old");
        }
    }

    @Test
    void shouldKeepAFixedTokenAsItWas() {
        try (TokenWatch watch = watch(() -> "xoxb-old")) {
            accepted.set("xoxb-other");
            assertThat(watch.check().usable()).isFalse();
            assertThat(watch.check().usable()).isFalse();
            assertThat(watch.token()).isEqualTo("xoxb-old");
        }
    }

    @Test
    void shouldNamePlacesNotValuesInTheVerdict() {
        try (TokenWatch watch = watch(secret())) {
            accepted.set("xoxb-other");
            assertThat(watch.check().reason()).contains("slack.token").doesNotContain("xoxb-old");
        }
    }
}
