package io.alertbridge.connectors.secrets;

import io.alertbridge.connectors.secrets.SecretReference.Store;
import io.alertbridge.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotatingSecretTest {

    private static final SecretReference REFERENCE = new SecretReference(Store.SSM, "/slack/token", null);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private final Deque<Object> answers = new ArrayDeque<>();
    private int fetches;

    private String fetch() {
        fetches++;
        Object next = answers.size() > 1 ? answers.poll() : answers.peek();
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return (String) next;
    }

    private RotatingSecret secret(Object... sequence) {
        answers.addAll(List.of(sequence));
        return RotatingSecret.fetchNow(REFERENCE, this::fetch, clock, INTERVAL);
    }

    @Test
    void shouldFetchOnceAtStartAndServeFromMemory() {
        RotatingSecret secret = secret("xoxb-one", "xoxb-two");

        assertThat(secret.get()).isEqualTo("xoxb-one");
        clock.advance(Duration.ofHours(1));
        assertThat(secret.get()).isEqualTo("xoxb-one");
        assertThat(fetches).isEqualTo(1);
    }

    @Test
    void shouldRefuseToStartWhenTheFirstFetchFails() {
        answers.add(new InvalidConfigException("slack.token: secret ssm:/slack/token not found in SSM"));

        assertThatThrownBy(() -> RotatingSecret.fetchNow(REFERENCE, this::fetch, clock, INTERVAL))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("ssm:/slack/token");
    }

    @Test
    void shouldFetchAgainAfterItWasRefused() {
        RotatingSecret secret = secret("xoxb-one", "xoxb-two");
        clock.advance(INTERVAL);

        secret.stale();

        assertThat(secret.get()).isEqualTo("xoxb-two");
        assertThat(secret.get()).isEqualTo("xoxb-two");
        assertThat(fetches).isEqualTo(2);
    }

    @Test
    void shouldFetchAtMostOncePerIntervalHoweverOftenItIsRefused() {
        RotatingSecret secret = secret("xoxb-one", "xoxb-two", "xoxb-three");
        clock.advance(INTERVAL);
        secret.stale();
        assertThat(secret.get()).isEqualTo("xoxb-two");

        for (int i = 0; i < 100; i++) {
            secret.stale();
            assertThat(secret.get()).isEqualTo("xoxb-two");
        }
        assertThat(fetches).isEqualTo(2);

        clock.advance(INTERVAL);
        assertThat(secret.get()).isEqualTo("xoxb-three");
        assertThat(fetches).isEqualTo(3);
    }

    @Test
    void shouldKeepTheOldValueWhenTheRefetchFailsAndTryAgainLater() {
        RotatingSecret secret = secret("xoxb-one", new InvalidConfigException("unreachable"), "xoxb-two");
        clock.advance(INTERVAL);
        secret.stale();

        assertThat(secret.get()).isEqualTo("xoxb-one");

        clock.advance(INTERVAL);
        assertThat(secret.get()).isEqualTo("xoxb-two");
    }

    @Test
    void shouldShowOnlyTheReference() {
        assertThat(secret("xoxb-HIDDEN")).hasToString("ssm:/slack/token");
    }

    /** A clock moved by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
