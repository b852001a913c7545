package io.alertbridge.connectors.receivers;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void shouldReadDelaySeconds() {
        assertThat(RetryAfter.parse("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDate() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 12:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 11:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldBoundWhatADestinationMayAskFor() {
        assertThat(RetryAfter.parse("86400", NOW)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(RetryAfter.MAX);
    }

    @Test
    void shouldIgnoreWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
    }
}
