package io.alertbridge.connectors.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(20));

    @Test
    void shouldDoubleTheCeilingPerAttemptUpToTheMaximum() {
        assertThat(backoff.ceiling(0)).isEqualTo(100);
        assertThat(backoff.ceiling(1)).isEqualTo(200);
        assertThat(backoff.ceiling(7)).isEqualTo(12_800);
        assertThat(backoff.ceiling(8)).isEqualTo(20_000);
        assertThat(backoff.ceiling(1_000)).isEqualTo(20_000);
        assertThat(backoff.ceiling(-1)).isEqualTo(100);
    }

    @Test
    void shouldDrawEachDelayFromTheUpperHalfOfItsCeiling() {
        for (int attempt = 0; attempt < 12; attempt++) {
            long ceiling = backoff.ceiling(attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void shouldSpreadDelaysSoThatReceiversDoNotRetryTogether() {
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToLong(i -> backoff.delay(5).toMillis())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void shouldStayBetweenHalfAndAllOfTheMaximumLongAfterItIsReached() {
        Backoff small = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

        for (int i = 0; i < 50; i++) {
            assertThat(small.delay(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(small.delay(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
            assertThat(small.delay(40)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(small.delay(Integer.MAX_VALUE)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
        assertThat(small.max()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
