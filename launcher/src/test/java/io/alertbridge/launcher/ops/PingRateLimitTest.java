package io.alertbridge.launcher.ops;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class PingRateLimitTest {

    /** A clock a test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T03:00:00Z");

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

    private static int acquired(PingRateLimit limit, String heartbeat, int attempts) {
        int passed = 0;
        for (int i = 0; i < attempts; i++) {
            if (limit.tryAcquire(heartbeat)) {
                passed++;
            }
        }
        return passed;
    }

    @Test
    void shouldLetTenThroughAtOnceThenRefillAtTenASecond() {
        ManualClock clock = new ManualClock();
        PingRateLimit limit = new PingRateLimit(10, clock);

        assertThat(acquired(limit, "backup", 15)).isEqualTo(10);
        clock.advance(Duration.ofMillis(300));
        assertThat(acquired(limit, "backup", 15)).as("three refilled in 300 ms").isEqualTo(3);
        clock.advance(Duration.ofMinutes(5));
        assertThat(acquired(limit, "backup", 15))
                .as("never more than a second's worth")
                .isEqualTo(10);
    }

    @Test
    void shouldKeepOneBucketPerHeartbeat() {
        PingRateLimit limit = new PingRateLimit(10, new ManualClock());

        assertThat(acquired(limit, "backup", 12)).isEqualTo(10);
        assertThat(acquired(limit, "deploy", 12)).isEqualTo(10);
    }
}
