package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesRingTest {

    private static final Instant T0 = Instant.parse("2024-11-06T10:00:00Z");
    private static final ThresholdRule RULE = new ThresholdRule("rcf", 1, List.of(), 0.6, 0.3, 2, 3, 2, null);

    /** The store, as the detect stage writes it. */
    private final Map<String, RingSlot> store = new HashMap<>();

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

    /** Accepts points 0..count-1, one a minute, into a ring of the given capacity. */
    private void accept(int from, int count, int capacity) {
        for (int seq = from; seq < from + count; seq++) {
            AnomalyScore score = at(seq, seq % 10 / 10.0);
            store.put(SeriesRing.slotKey(AnomalyAlerts.seriesKey(score), seq, capacity), SeriesRing.slot(seq, score));
        }
    }

    private List<Long> minutes(long last, int capacity) {
        return SeriesRing.points("randomCutForest\u0000cpu-i-1", last, capacity, store::get).stream()
                .map(p -> (p.at() - T0.toEpochMilli()) / 60_000)
                .toList();
    }

    @Test
    void shouldKeepTheLastPointsInTheirOrderInAtMostCapacityKeys() {
        accept(0, 12, 5);

        assertThat(minutes(11, 5)).containsExactly(7L, 8L, 9L, 10L, 11L);
        assertThat(store).hasSize(5);
        assertThat(minutes(2, 5)).as("a series with fewer points than the ring").isEmpty();
    }

    @Test
    void shouldReadAShortSeriesWhole() {
        accept(0, 3, 5);

        assertThat(minutes(2, 5)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldSnapshotTheSeriesWithTheThresholdsOfTheRuleThatDecided() {
        accept(0, 3, 5);

        AnomalySeries series = SeriesRing.snapshot(at(2, 0.2), RULE, 2, 5, store::get);

        assertThat(series.detector()).isEqualTo("randomCutForest");
        assertThat(series.series()).isEqualTo("cpu-i-1");
        assertThat(series.rule()).isEqualTo("rcf");
        assertThat(series.fireThreshold()).isEqualTo(0.6);
        assertThat(series.clearThreshold()).isEqualTo(0.3);
        assertThat(series.points())
                .containsExactly(
                        AnomalySeries.Point.of(T0, 0.0, 40.0),
                        AnomalySeries.Point.of(T0.plusSeconds(60), 0.1, 41.0),
                        AnomalySeries.Point.of(T0.plusSeconds(120), 0.2, 42.0));
    }

    @Test
    void shouldSkipSlotsWrittenUnderAnotherCapacity() {
        accept(0, 6, 8);
        accept(6, 3, 3);

        assertThat(minutes(8, 3)).containsExactly(6L, 7L, 8L);
        assertThat(minutes(8, 8))
                .as("back to 8: slots 0-2 hold points 6-8, not 8, 1 and 2; slots 3-5 still hold points 3-5")
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void shouldRefuseACapacityOutsideTheBounds() {
        assertThatThrownBy(() -> SeriesRing.slotKey("k", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesRing.slotKey("k", 0, AnomalySeries.MAX_POINTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteASlotAsAShortArray() {
        RingSlot slot = SeriesRing.slot(7, at(3, 0.75));
        JsonSerde<RingSlot> serde = JsonSerde.of(RingSlot.class);

        assertThat(new String(serde.toBytes(slot), StandardCharsets.UTF_8)).isEqualTo("[7,1730887380000,0.75,43.0]");
        assertThat(serde.fromBytes(serde.toBytes(slot))).isEqualTo(slot);
    }
}
