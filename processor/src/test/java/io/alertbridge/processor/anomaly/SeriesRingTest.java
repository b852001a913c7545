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
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesRingTest {

    private static final Instant T0 = Instant.parse("2024-11-06T10:00:00Z");
    private static final ThresholdRule RULE = new ThresholdRule("rcf", 1, List.of(), 0.6, 0.3, 2, 3, 2, null);
    private static final String KEY = "randomCutForest\u0000cpu-i-1";

    /** The store, as the detect stage writes it. */
    private final Map<String, RingChunk> store = new HashMap<>();

    private static AnomalyScore at(long minute, double score) {
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

    /** Accepts points {@code from .. from+count-1}, point n at minute n, into a ring of the given capacity. */
    private void accept(long from, long count, int capacity) {
        for (long seq = from; seq < from + count; seq++) {
            String key = SeriesRing.chunkKey(KEY, seq, capacity);
            store.put(key, SeriesRing.append(store.get(key), seq, at(seq, seq % 10 / 10.0)));
        }
    }

    private List<Long> minutes(long last, int capacity) {
        return SeriesRing.points(KEY, last, capacity, store::get).stream()
                .map(p -> (p.at() - T0.toEpochMilli()) / 60_000)
                .toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void shouldKeepTheLastPointsInTheirOrderInAFewKeys() {
        accept(0, 40, 5);

        assertThat(minutes(39, 5)).containsExactly(35L, 36L, 37L, 38L, 39L);
        assertThat(store).hasSize(SeriesRing.chunks(5)).hasSize(2);
    }

    @Test
    void shouldReadPointsAcrossChunksAndAShortSeriesWhole() {
        accept(0, 3, 20);
        assertThat(minutes(2, 20)).containsExactly(0L, 1L, 2L);

        accept(3, 47, 20);
        assertThat(minutes(49, 20)).isEqualTo(range(30, 49));
        assertThat(store).hasSize(3);
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
    void shouldSkipChunksLeftFromAnotherCapacity() {
        accept(0, 41, 5);
        accept(41, 2, 40);

        assertThat(minutes(42, 40))
                .as("key 1 still holds points 16-31, genuine; key 0 holds points 32-40, not the 0-15 asked for")
                .isEqualTo(concat(range(16, 31), List.of(41L, 42L)));
    }

    @Test
    void shouldStartANewChunkWhenPointsAreMissingBeforeIt() {
        accept(0, 3, 20);
        accept(5, 2, 20);

        assertThat(minutes(6, 20)).containsExactly(5L, 6L);
    }

    @Test
    void shouldRefuseACapacityOutsideTheBounds() {
        assertThatThrownBy(() -> SeriesRing.chunkKey(KEY, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesRing.chunkKey(KEY, 0, AnomalySeries.MAX_POINTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteAChunkCompactly() {
        RingChunk chunk = SeriesRing.append(null, 7, at(3, 0.75));
        JsonSerde<RingChunk> serde = JsonSerde.of(RingChunk.class);

        assertThat(new String(serde.toBytes(chunk), StandardCharsets.UTF_8))
                .isEqualTo("{\"first\":7,\"points\":[[1730887380000,0.75,43.0]]}");
        assertThat(serde.fromBytes(serde.toBytes(chunk))).isEqualTo(chunk);
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
