package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransientHoldTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final RouteRule.Hold HOLD =
            new RouteRule.Hold(Duration.ofMinutes(4), 0.8, 20, 5, Duration.ofMinutes(4));

    /** A history of firings lasting these many minutes, one after the other. */
    private static FiringHistory history(List<Integer> minutes) {
        FiringHistory history = FiringHistory.EMPTY;
        Instant at = T0;
        for (int m : minutes) {
            history = history.after(AlertStatus.FIRING, at);
            at = at.plus(Duration.ofMinutes(m));
            history = history.after(AlertStatus.RESOLVED, at);
            at = at.plus(Duration.ofHours(1));
        }
        return history;
    }

    private static List<Integer> firings(int short2m, int long30m) {
        List<Integer> minutes = new ArrayList<>();
        for (int i = 0; i < long30m; i++) {
            minutes.add(30);
        }
        for (int i = 0; i < short2m; i++) {
            minutes.add(2);
        }
        return minutes;
    }

    @Test
    void shouldHoldWhenEightyPercentOfTheLastTwentyClearedWithinFourMinutes() {
        TransientHold.Decision decision = TransientHold.decide(history(firings(16, 4)), HOLD);

        assertThat(decision.hold()).isTrue();
        assertThat(decision.holdFor()).isEqualTo(Duration.ofMinutes(4));
        assertThat(decision.reason()).isEqualTo("held for 4m because 16 of its last 20 firings cleared within 4m");
    }

    @Test
    void shouldNotHoldWhenFewerThanTheShareCleared() {
        TransientHold.Decision decision = TransientHold.decide(history(firings(15, 5)), HOLD);

        assertThat(decision.hold()).isFalse();
        assertThat(decision.reason()).contains("only 15 of its last 20 firings cleared within 4m");
    }

    @Test
    void shouldLookOnlyAtTheLastFirings() {
        // 30 old long firings, then 20 short ones: the old ones fell out of the window.
        List<Integer> minutes = new ArrayList<>(firings(0, 30));
        minutes.addAll(firings(20, 0));

        assertThat(TransientHold.decide(history(minutes), HOLD).hold()).isTrue();
        // And the other way round: 20 short firings long ago, then 5 long ones: 15 of the last 20 cleared.
        List<Integer> reversed = new ArrayList<>(firings(20, 0));
        reversed.addAll(firings(0, 5));
        assertThat(TransientHold.decide(history(reversed), HOLD).hold()).isFalse();
    }

    @Test
    void shouldNotHoldWithTooFewFiringsKnown() {
        TransientHold.Decision decision = TransientHold.decide(history(firings(4, 0)), HOLD);

        assertThat(decision.hold()).isFalse();
        assertThat(decision.reason()).isEqualTo("only 4 firings known, the hold needs 5");
        assertThat(TransientHold.decide(history(firings(5, 0)), HOLD).hold()).isTrue();
    }

    @Test
    void shouldNotHoldOnARouteWithoutHold() {
        assertThat(TransientHold.decide(history(firings(20, 0)), null).hold()).isFalse();
    }

    @Test
    void shouldCountAFiringOfExactlyClearedWithinAsCleared() {
        assertThat(TransientHold.decide(history(List.of(4, 4, 4, 4, 4)), HOLD).hold())
                .isTrue();
        assertThat(TransientHold.decide(history(List.of(4, 4, 4, 4, 5)), HOLD).hold())
                .isTrue();
        assertThat(TransientHold.decide(history(List.of(4, 4, 4, 5, 5)), HOLD).hold())
                .isFalse();
    }

    @Test
    void shouldRecordDurationsFromFiringToResolvedOnly() {
        FiringHistory history = FiringHistory.EMPTY
                .after(AlertStatus.RESOLVED, T0)
                .after(AlertStatus.FIRING, T0.plusSeconds(10))
                .after(AlertStatus.FIRING, T0.plusSeconds(50))
                .after(AlertStatus.RESOLVED, T0.plusSeconds(70));

        assertThat(history.last(20)).containsExactly(Duration.ofSeconds(60));
        assertThat(history.firingSince()).isNull();
    }

    @Test
    void shouldKeepAtMostAHundredFirings() {
        FiringHistory history = history(firings(120, 0));

        assertThat(history.durationsMillis()).hasSize(FiringHistory.MAX_KEPT);
    }
}
