package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.ThresholdRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HysteresisTest {

    /** Fire when 2 of the last 5 reach 0.5; resolve after 3 consecutive below 0.3. */
    private static final ThresholdRule RULE = new ThresholdRule("t", 1, List.of(), 0.5, 0.3, 2, 5, 3, null);

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private SeriesState state;
    private final List<Transition> transitions = new ArrayList<>();

    private Hysteresis.Step feed(int minute, double score) {
        AnomalyScore point = new AnomalyScore(
                "rcf", "cpu-1", "i-1", "CPUUtilization", T0.plusSeconds(60L * minute), score, minute * 10.0, Map.of());
        Hysteresis.Step step = Hysteresis.step(state, point, RULE);
        state = step.state();
        if (step.transition() != null) {
            transitions.add(step.transition());
        }
        return step;
    }

    private void feedAll(double... scores) {
        int minute = state == null || state.lastAt() == null
                ? 0
                : (int) ((state.lastAt().getEpochSecond() - T0.getEpochSecond()) / 60) + 1;
        for (double score : scores) {
            feed(minute++, score);
        }
    }

    @Test
    void shouldFireWhenKOfTheLastNScoresReachTheFireThreshold() {
        feedAll(0.6, 0.1, 0.1);
        assertThat(transitions).isEmpty();

        Hysteresis.Step step = feed(3, 0.9);

        assertThat(step.transition().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(step.transition().episode().startedAt()).isEqualTo(T0);
        assertThat(step.transition().episode().peak().score()).isEqualTo(0.9);
        assertThat(step.reason()).isEqualTo("2 of the last 4 scores at or above 0.5 (rule t)");
    }

    @Test
    void shouldNotFireWhenTheHitsAreFurtherApartThanTheWindow() {
        feedAll(0.6, 0.1, 0.1, 0.1, 0.1, 0.7);

        assertThat(transitions).isEmpty();
        assertThat(state.recent()).hasSize(5);
    }

    @Test
    void shouldGiveOneFiringAndOneResolvedPerEpisodeWithThePeak() {
        feedAll(0.1, 0.8, 0.9, 0.95, 0.7, 0.99, 0.6, 0.2, 0.1, 0.25);

        assertThat(transitions)
                .extracting(Transition::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        Transition resolved = transitions.get(1);
        assertThat(resolved.episode().peak().score()).isEqualTo(0.99);
        assertThat(resolved.episode().peak().value()).isEqualTo(50.0);
        assertThat(resolved.episode().points()).isEqualTo(8);
        assertThat(resolved.point().at()).isEqualTo(T0.plusSeconds(60 * 9));
    }

    @Test
    void shouldRestartTheClearCountWhenAScoreLandsBetweenTheThresholds() {
        feedAll(0.8, 0.8, 0.1, 0.1, 0.4, 0.1, 0.1);
        assertThat(transitions).extracting(Transition::status).containsExactly(AlertStatus.FIRING);
        assertThat(state.below()).isEqualTo(2);

        feedAll(0.1);

        assertThat(transitions)
                .extracting(Transition::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    }

    @Test
    void shouldNeverFlipOnDuplicateOrLateScores() {
        feedAll(0.8, 0.8);
        SeriesState firing = state;

        Hysteresis.Step duplicate = feed(1, 0.0);
        Hysteresis.Step late = feed(0, 0.0);

        assertThat(duplicate.accepted()).isFalse();
        assertThat(duplicate.reason()).startsWith("duplicate of the point at");
        assertThat(late.accepted()).isFalse();
        assertThat(late.reason()).startsWith("late: before");
        assertThat(state).isEqualTo(firing);
        assertThat(transitions).hasSize(1);
    }

    @Test
    void shouldNotLetALateHighScoreFireAQuietSeries() {
        feedAll(0.6, 0.1, 0.1, 0.1, 0.1, 0.1);

        feed(2, 0.99);

        assertThat(transitions).isEmpty();
    }

    @Test
    void shouldNeedFreshHitsToFireAgainAfterResolving() {
        feedAll(0.8, 0.8, 0.1, 0.1, 0.1);
        assertThat(transitions).hasSize(2);

        feedAll(0.9);
        assertThat(transitions).as("one hit after a resolve is not two").hasSize(2);
        feedAll(0.9);

        assertThat(transitions)
                .extracting(Transition::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
    }

    @Test
    void shouldFireOnASinglePointWithTheTunedDefaults() {
        ThresholdRule defaults =
                io.alertbridge.processor.config.DetectSlice.defaults().defaultThreshold();
        AnomalyScore spike = new AnomalyScore("numenta", "s", null, null, T0, 0.7, null, Map.of());

        Hysteresis.Step step = Hysteresis.step(null, spike, defaults);

        assertThat(step.transition().status()).isEqualTo(AlertStatus.FIRING);
    }
}
