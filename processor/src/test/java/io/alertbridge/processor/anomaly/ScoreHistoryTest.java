package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreHistoryTest {

    private static final Instant T0 = Instant.parse("2024-11-06T10:00:00Z");
    private static final ThresholdRule RULE = new ThresholdRule("rcf", 1, List.of(), 0.6, 0.3, 2, 3, 2, null);

    private static AnomalyScore at(int minute, double score) {
        return new AnomalyScore(
                "randomCutForest",
                "cpu-i-1",
                "i-1",
                null,
                T0.plusSeconds(60L * minute),
                score,
                40.0 + minute,
                Map.of());
    }

    private static AnomalySeries feed(List<AnomalyScore> scores, int capacity) {
        AnomalySeries series = null;
        for (AnomalyScore score : scores) {
            series = ScoreHistory.record(series, score, RULE, capacity).series();
        }
        return series;
    }

    private static List<Long> minutes(AnomalySeries series) {
        return series.points().stream()
                .map(p -> (p.at() - T0.toEpochMilli()) / 60_000)
                .toList();
    }

    @Test
    void shouldKeepTheLastPointsInTimeOrderWithTheRulesThresholds() {
        List<AnomalyScore> scores = new ArrayList<>();
        for (int minute = 0; minute < 7; minute++) {
            scores.add(at(minute, minute / 10.0));
        }

        AnomalySeries series = feed(scores, 5);

        assertThat(minutes(series)).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(series.points().get(4)).isEqualTo(AnomalySeries.Point.of(T0.plusSeconds(360), 0.6, 46.0));
        assertThat(series.detector()).isEqualTo("randomCutForest");
        assertThat(series.series()).isEqualTo("cpu-i-1");
        assertThat(series.rule()).isEqualTo("rcf");
        assertThat(series.fireThreshold()).isEqualTo(0.6);
        assertThat(series.clearThreshold()).isEqualTo(0.3);
    }

    @Test
    void shouldKeepTheFirstPointOfATimeAndSayADuplicateChangesNothing() {
        AnomalySeries series = feed(List.of(at(0, 0.1), at(1, 0.2)), 5);

        ScoreHistory.Step again = ScoreHistory.record(series, at(1, 0.9), RULE, 5);

        assertThat(again.changed()).isFalse();
        assertThat(again.reason()).startsWith("duplicate of the point at");
        assertThat(again.series()).isEqualTo(series);
    }

    @Test
    void shouldTakeALatePointIntoItsPlaceUnlessItIsOlderThanAFullHistory() {
        AnomalySeries series = feed(List.of(at(0, 0.1), at(2, 0.2), at(3, 0.3)), 4);

        ScoreHistory.Step late = ScoreHistory.record(series, at(1, 0.7), RULE, 4);
        assertThat(late.changed()).isTrue();
        assertThat(late.reason()).startsWith("late: inserted before");
        assertThat(minutes(late.series())).containsExactly(0L, 1L, 2L, 3L);

        ScoreHistory.Step tooOld = ScoreHistory.record(late.series(), at(-1, 0.7), RULE, 4);
        assertThat(tooOld.changed()).isFalse();
        assertThat(tooOld.reason()).startsWith("older than the 4 points kept");
    }

    @Test
    void shouldHoldTheSamePointsWhateverOrderTheyArriveIn() {
        List<AnomalyScore> scores = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            scores.add(at(minute, (minute % 10) / 10.0));
            if (minute % 7 == 0) {
                scores.add(at(minute, (minute % 10) / 10.0));
            }
        }
        AnomalySeries inOrder = feed(scores, 16);
        Random random = new Random(42);

        for (int round = 0; round < 50; round++) {
            List<AnomalyScore> shuffled = new ArrayList<>(scores);
            Collections.shuffle(shuffled, random);
            assertThat(feed(shuffled, 16)).isEqualTo(inOrder);
        }
        assertThat(minutes(inOrder)).hasSize(16).first().isEqualTo(24L);
    }

    @Test
    void shouldShrinkToALoweredCapacityOnTheNextChangeAndRefuseOneOutsideTheBounds() {
        AnomalySeries series = feed(List.of(at(0, 0.1), at(1, 0.1), at(2, 0.1), at(3, 0.1)), 4);

        assertThat(minutes(ScoreHistory.record(series, at(4, 0.1), RULE, 2).series()))
                .containsExactly(3L, 4L);
        assertThatThrownBy(() -> ScoreHistory.record(series, at(4, 0.1), RULE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreHistory.record(series, at(4, 0.1), RULE, AnomalySeries.MAX_POINTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeTheThresholdsOfTheRuleInForceEvenWhenThePointChangesNothing() {
        AnomalySeries series = feed(List.of(at(0, 0.1)), 4);
        ThresholdRule strict = new ThresholdRule("strict", 1, List.of(), 0.9, 0.8, 1, 1, 1, null);

        ScoreHistory.Step step = ScoreHistory.record(series, at(0, 0.1), strict, 4);

        assertThat(step.changed()).isFalse();
        assertThat(step.series().rule()).isEqualTo("strict");
        assertThat(step.series().fireThreshold()).isEqualTo(0.9);
        assertThat(step.series().clearThreshold()).isEqualTo(0.8);
    }
}
