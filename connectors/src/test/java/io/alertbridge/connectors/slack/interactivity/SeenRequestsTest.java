package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SeenRequestsTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void shouldTakeARequestOnceWithinTheWindow() {
        SeenRequests seen = new SeenRequests(Duration.ofMinutes(10), 100);

        assertThat(seen.firstTime("a", T)).isTrue();
        assertThat(seen.firstTime("a", T.plusSeconds(1))).isFalse();
        assertThat(seen.firstTime("a", T.plus(Duration.ofMinutes(9)))).isFalse();
        assertThat(seen.firstTime("b", T.plusSeconds(2))).isTrue();
    }

    @Test
    void shouldForgetARequestOnceItsWindowIsOver() {
        SeenRequests seen = new SeenRequests(Duration.ofMinutes(10), 100);
        seen.firstTime("a", T);
        seen.firstTime("b", T.plus(Duration.ofMinutes(5)));

        assertThat(seen.firstTime("c", T.plus(Duration.ofMinutes(10)))).isTrue();

        assertThat(seen.size()).isEqualTo(2);
        assertThat(seen.firstTime("a", T.plus(Duration.ofMinutes(10)))).isTrue();
    }

    @Test
    void shouldStayWithinItsCapacityForgettingTheOldestFirst() {
        SeenRequests seen = new SeenRequests(Duration.ofMinutes(10), 3);
        for (String key : new String[] {"a", "b", "c", "d"}) {
            seen.firstTime(key, T);
        }

        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.evictedEarly()).isEqualTo(1);
        assertThat(seen.firstTime("d", T)).isFalse();
        assertThat(seen.firstTime("a", T)).isTrue();
    }
}
