package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SocketModeRetryTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration MIN = Duration.ofSeconds(5);
    private static final Duration BACKOFF = Duration.ofSeconds(8);
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Test
    void shouldReadARefusedTokenAgainAtOnceTheFirstTime() {
        SocketModeRetry.Step step = SocketModeRetry.after("invalid_auth", NOW, null, MIN, BACKOFF, GRACE);

        assertThat(step.reread()).isTrue();
        assertThat(step.due()).isEqualTo(NOW);
        assertThat(step.why()).contains("invalid_auth");
    }

    @Test
    void shouldReadARefusedTokenAgainAtMostOncePerInterval() {
        SocketModeRetry.Step soon =
                SocketModeRetry.after("token_revoked", NOW, NOW.minusSeconds(2), MIN, BACKOFF, GRACE);
        SocketModeRetry.Step later =
                SocketModeRetry.after("token_revoked", NOW, NOW.minusSeconds(6), MIN, BACKOFF, GRACE);

        assertThat(soon.reread()).isTrue();
        assertThat(soon.due()).isEqualTo(NOW.plusSeconds(3));
        assertThat(later.due()).isEqualTo(NOW);
    }

    @Test
    void shouldBackOffWithTheSameTokenWhenSlackIsDown() {
        SocketModeRetry.Step step = SocketModeRetry.after("", NOW, null, MIN, BACKOFF, GRACE);
        SocketModeRetry.Step ratelimited = SocketModeRetry.after("ratelimited", NOW, null, MIN, BACKOFF, GRACE);

        assertThat(step.reread()).isFalse();
        assertThat(step.due()).isEqualTo(NOW.plus(BACKOFF));
        assertThat(ratelimited.reread()).isFalse();
        assertThat(ratelimited.why()).isEqualTo("cannot connect (ratelimited)");
    }

    @Test
    void shouldGiveAConnectionThatWentThroughTimeToSayHello() {
        SocketModeRetry.Step step = SocketModeRetry.after(null, NOW, null, MIN, BACKOFF, GRACE);

        assertThat(step.reread()).isFalse();
        assertThat(step.due()).isEqualTo(NOW.plus(GRACE));
    }

    @Test
    void shouldFindSlacksErrorCodeInTheSdksFailure() {
        assertThat(SocketModeRetry.errorOf(new IllegalStateException(
                        "Failed to connect to the Socket Mode endpoint URL (error: invalid_auth)")))
                .isEqualTo("invalid_auth");
        assertThat(SocketModeRetry.errorOf(new RuntimeException(
                        new IOException("Failed to connect to the Socket Mode API endpoint. (status: 503, error: )"))))
                .isEmpty();
        assertThat(SocketModeRetry.errorOf(new IOException((String) null))).isEmpty();
    }
}
