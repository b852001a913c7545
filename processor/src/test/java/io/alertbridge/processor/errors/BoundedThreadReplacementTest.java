package io.alertbridge.processor.errors;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class BoundedThreadReplacementTest {

    private Instant now = Instant.parse("2024-11-06T10:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shouldReplaceTheThreadABoundedNumberOfTimesThenShutDown() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(2, Duration.ofMinutes(10), clock);
        RuntimeException failure = new IllegalStateException("boom");

        assertThat(handler.handle(failure)).isEqualTo(REPLACE_THREAD);
        now = now.plusSeconds(60);
        assertThat(handler.handle(failure)).isEqualTo(REPLACE_THREAD);
        now = now.plusSeconds(60);
        assertThat(handler.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetReplacementsOlderThanTheWindow() {
        BoundedThreadReplacement handler = new BoundedThreadReplacement(1, Duration.ofMinutes(10), clock);
        RuntimeException failure = new IllegalStateException("boom");

        assertThat(handler.handle(failure)).isEqualTo(REPLACE_THREAD);
        now = now.plus(Duration.ofMinutes(11));
        assertThat(handler.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(handler.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutDownAtTheFirstFailureWhenNoReplacementIsAllowed() {
        assertThat(new BoundedThreadReplacement(0, Duration.ofMinutes(1), clock).handle(new Error("x")))
                .isEqualTo(SHUTDOWN_CLIENT);
    }
}
