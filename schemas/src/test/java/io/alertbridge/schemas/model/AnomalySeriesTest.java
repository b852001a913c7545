package io.alertbridge.schemas.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalySeriesTest {

    private static AnomalySeries of(List<AnomalySeries.Point> points) {
        return new AnomalySeries("numenta", "s1", "r", 0.6, 0.3, points);
    }

    @Test
    void shouldReadAbsentPointsAsNone() {
        assertThat(of(null).points()).isEmpty();
    }

    @Test
    void shouldRefusePointsOutOfOrderOrAtTheSameTime() {
        var a = new AnomalySeries.Point(2_000, 0.1, null);
        var b = new AnomalySeries.Point(1_000, 0.2, null);

        assertThatThrownBy(() -> of(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> of(List.of(a, a))).hasMessageContaining("strictly ascending");
    }

    @Test
    void shouldRefuseMoreThanTheHardCap() {
        List<AnomalySeries.Point> points = new ArrayList<>();
        for (int i = 0; i <= AnomalySeries.MAX_POINTS; i++) {
            points.add(new AnomalySeries.Point(i, 0.1, 1.0));
        }

        assertThat(of(points.subList(0, AnomalySeries.MAX_POINTS)).points()).hasSize(AnomalySeries.MAX_POINTS);
        assertThatThrownBy(() -> of(points)).hasMessageContaining("at most " + AnomalySeries.MAX_POINTS);
    }

    @Test
    void shouldRefuseThresholdsNoRuleCouldHaveAndScoresOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new AnomalySeries("d", "s", "r", 0.3, 0.6, List.of()))
                .hasMessageContaining("clearThreshold <= fireThreshold");
        assertThatThrownBy(() -> new AnomalySeries("d", "s", "r", 1.2, 0.6, List.of()))
                .hasMessageContaining("fireThreshold <= 1");
        assertThatThrownBy(() -> new AnomalySeries.Point(0, Double.NaN, null)).hasMessageContaining("[0, 1]");
    }

    @Test
    void shouldKeepNoValueThatIsNoFiniteNumber() {
        assertThat(new AnomalySeries.Point(0, 0.5, Double.NaN).value()).isNull();
        assertThat(new AnomalySeries.Point(0, 0.5, Double.NEGATIVE_INFINITY).value())
                .isNull();
        assertThat(new AnomalySeries.Point(0, 0.5, -3.5).value()).isEqualTo(-3.5);
    }

    @Test
    void shouldKeepThePointsWhenTheThresholdsChange() {
        AnomalySeries series = of(List.of(new AnomalySeries.Point(1_000, 0.7, 3.0)));

        AnomalySeries other = series.withThresholds("strict", 0.9, 0.8);

        assertThat(other.points()).isEqualTo(series.points());
        assertThat(other.rule()).isEqualTo("strict");
        assertThat(other.fireThreshold()).isEqualTo(0.9);
        assertThat(other.clearThreshold()).isEqualTo(0.8);
    }
}
