package io.alertbridge.processor.topology;

import io.alertbridge.processor.anomaly.RingChunk;
import io.alertbridge.processor.anomaly.SeriesRing;
import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DetectStageTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final TopicSpec<String, AlertEvent> OUT = new TopicSpec<>(
            "detected", TOPICS.alerts().keySerde(), TOPICS.alerts().valueSerde(), TopicSpec.Cleanup.DELETE);
    private static final Instant T0 = Instant.parse("2024-11-06T10:00:00Z");

    /** 2 of the last 3 at or above 0.6 fire; 2 below 0.3 resolve. */
    private static final ThresholdRule RCF =
            new ThresholdRule("rcf", 1, List.of(Matcher.parse("detector=randomCutForest")), 0.6, 0.3, 2, 3, 2, null);

    @TempDir
    Path stateDir;

    private final AtomicReference<RuleBook> rules = new AtomicReference<>(RuleBook.of(List.of(RCF), "#alerts"));
    private Driver driver;
    private TestInputTopic<String, AnomalyScore> scores;
    private TestOutputTopic<String, AlertEvent> detected;

    @BeforeEach
    void buildTheStageAlone() {
        buildTheStageAlone(Driver.config(stateDir));
    }

    /** Points kept per series in the tests of the history: few, so that they show the bound. */
    private static final int POINTS = 5;

    private void keepingPoints(int points) {
        driver.close();
        ProcessorConfig config = Driver.config(stateDir.resolve("points-" + points));
        DetectSlice d = config.detect();
        buildTheStageAlone(config.toBuilder()
                .detect(new DetectSlice(
                        d.fireThreshold(),
                        d.clearThreshold(),
                        d.fireCount(),
                        d.fireWindow(),
                        d.clearCount(),
                        d.severity(),
                        points))
                .build());
    }

    private void buildTheStageAlone(ProcessorConfig config) {
        driver = Driver.build(config, builder -> {
            TopicSpec<String, AnomalyScore> in = TOPICS.anomalyScores();
            var input = builder.stream(
                    in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName("in"));
            new DetectStage(config.detect(), rules::get, TOPICS)
                    .build(builder, input)
                    .to(
                            OUT.name(),
                            Produced.with(OUT.keySerde(), OUT.valueSerde()).withName("out"));
        });
        scores = driver.input(TOPICS.anomalyScores());
        detected = driver.output(OUT);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void score(String detector, int minute, double score) {
        score(detector, "cpu-i-1", minute, score);
    }

    private void score(String detector, String series, int minute, double score) {
        AnomalyScore point = new AnomalyScore(
                detector,
                series,
                "i-1",
                "CPUUtilization",
                T0.plusSeconds(60L * minute),
                score,
                40.0 + minute,
                Map.of("service", "api"));
        scores.pipeInput(series, point, point.timestamp());
    }

    /** The points' minutes since T0. */
    private static List<Long> minutes(AnomalySeries series) {
        return minutes(series.points());
    }

    private static List<Long> minutes(List<AnomalySeries.Point> points) {
        return points.stream().map(p -> (p.at() - T0.toEpochMilli()) / 60_000).toList();
    }

    /** The points the store holds for a series, read back as the stage reads them. */
    private List<AnomalySeries.Point> stored(String detector, String series) {
        String key = detector + "\u0000" + series;
        KeyValueStore<String, SeriesState> states = driver.driver().getKeyValueStore(StateStores.DETECT_SERIES);
        KeyValueStore<String, RingChunk> ring = driver.driver().getKeyValueStore(StateStores.DETECT_SCORES);
        SeriesState state = states.get(key);
        return state == null ? List.of() : SeriesRing.points(key, state.accepted() - 1, POINTS, ring::get);
    }

    private long keysStored() {
        KeyValueStore<String, RingChunk> ring = driver.driver().getKeyValueStore(StateStores.DETECT_SCORES);
        try (var all = ring.all()) {
            long count = 0;
            while (all.hasNext()) {
                all.next();
                count++;
            }
            return count;
        }
    }

    @Test
    void shouldEmitOneFiringAndOneResolvedPerEpisodeKeyedByFingerprint() {
        double[] episode = {0.1, 0.7, 0.2, 0.9, 0.95, 0.5, 0.8, 0.1, 0.35, 0.2, 0.1, 0.05};
        for (int minute = 0; minute < episode.length; minute++) {
            score("randomCutForest", minute, episode[minute]);
        }

        List<TestRecord<String, AlertEvent>> alerts = detected.readRecordsToList();
        assertThat(alerts)
                .extracting(r -> r.value().status())
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(alerts).allSatisfy(r -> assertThat(r.key()).isEqualTo("anomaly:randomCutForest:cpu-i-1"));
        AlertEvent firing = alerts.get(0).value();
        AlertEvent resolved = alerts.get(1).value();
        assertThat(firing.occurredAt()).isEqualTo(T0.plusSeconds(3 * 60));
        assertThat(firing.annotations()).containsEntry("rule", "rcf").containsEntry("peakScore", "0.9");
        assertThat(resolved.occurredAt()).isEqualTo(T0.plusSeconds(10 * 60));
        assertThat(resolved.annotations())
                .containsEntry("peakScore", "0.95")
                .containsEntry("peakValue", "44.0")
                .containsEntry("detector", "randomCutForest");
        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldNeverFlipOnDuplicateOrOutOfOrderScores() {
        score("randomCutForest", 0, 0.9);
        score("randomCutForest", 1, 0.9);
        assertThat(detected.readValuesToList()).extracting(AlertEvent::status).containsExactly(AlertStatus.FIRING);

        score("randomCutForest", 1, 0.0);
        score("randomCutForest", 0, 0.0);
        score("randomCutForest", 1, 0.0);
        score("randomCutForest", 2, 0.9);

        assertThat(detected.isEmpty())
                .as("duplicates and late lows resolve nothing")
                .isTrue();
        KeyValueStore<String, SeriesState> store = driver.driver().getKeyValueStore(StateStores.DETECT_SERIES);
        SeriesState state = store.get("randomCutForest\u0000cpu-i-1");
        assertThat(state.firing()).isTrue();
        assertThat(state.below()).isZero();
        assertThat(state.lastAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void shouldUseTheDetectDefaultsWhenNoRuleMatchesAndKeepSeriesOfDetectorsApart() {
        score("numenta", 0, 0.55);
        score("randomCutForest", 0, 0.55);

        assertThat(detected.readValuesToList())
                .as("numenta fires on one point at 0.5 (defaults); rcf needs two at 0.6 (its rule)")
                .extracting(AlertEvent::fingerprint)
                .containsExactly("anomaly:numenta:cpu-i-1");
    }

    @Test
    void shouldApplyAChangedRuleFromTheNextScoreOn() {
        score("randomCutForest", 0, 0.65);
        rules.set(RuleBook.of(List.of(new ThresholdRule("strict", 1, List.of(), 0.99, 0.3, 2, 3, 2, null)), "#alerts"));

        score("randomCutForest", 1, 0.65);

        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAScoreNotKeyedByItsSeries() {
        AnomalyScore point = new AnomalyScore("numenta", "cpu-i-1", null, null, T0, 0.9, null, Map.of());

        scores.pipeInput("some-other-key", point);

        List<Driver.Letter> letters = driver.deadLetters(TOPICS.deadLetters().name());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).reason().stage()).isEqualTo(DetectStage.NAME);
        assertThat(letters.get(0).reason().errorMessage())
                .startsWith("key 'some-other-key' is not the series id 'cpu-i-1'");
        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldAttachTheLastPointsInOrderWithTheThresholdsOfTheRuleThatDecided() {
        keepingPoints(POINTS);
        double[] episode = {0.1, 0.7, 0.2, 0.9, 0.95, 0.5, 0.8, 0.1, 0.35, 0.2, 0.1, 0.05};
        for (int minute = 0; minute < episode.length; minute++) {
            score("randomCutForest", minute, episode[minute]);
        }

        List<AlertEvent> alerts = detected.readValuesToList();
        assertThat(alerts).extracting(AlertEvent::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        AnomalySeries atFiring = alerts.get(0).scores();
        assertThat(atFiring.detector()).isEqualTo("randomCutForest");
        assertThat(atFiring.series()).isEqualTo("cpu-i-1");
        assertThat(atFiring.rule()).isEqualTo("rcf");
        assertThat(atFiring.fireThreshold()).isEqualTo(0.6);
        assertThat(atFiring.clearThreshold()).isEqualTo(0.3);
        assertThat(atFiring.points())
                .as("every point up to the FIRING, oldest first, with its score and value")
                .containsExactly(
                        AnomalySeries.Point.of(T0, 0.1, 40.0),
                        AnomalySeries.Point.of(T0.plusSeconds(60), 0.7, 41.0),
                        AnomalySeries.Point.of(T0.plusSeconds(120), 0.2, 42.0),
                        AnomalySeries.Point.of(T0.plusSeconds(180), 0.9, 43.0));
        AnomalySeries atResolved = alerts.get(1).scores();
        assertThat(minutes(atResolved))
                .as("the last %d points up to the RESOLVED", POINTS)
                .containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(atResolved.points())
                .extracting(AnomalySeries.Point::score)
                .containsExactly(0.8, 0.1, 0.35, 0.2, 0.1);
        assertThat(minutes(stored("randomCutForest", "cpu-i-1")))
                .as("the store holds the last points, bounded, after the RESOLVED too")
                .containsExactly(7L, 8L, 9L, 10L, 11L);
        assertThat(keysStored())
                .as("the 12 points fell in one chunk of the ring")
                .isEqualTo(1);
        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheHistoryOfEachSeriesAndDetectorApart() {
        keepingPoints(POINTS);
        for (int minute = 0; minute < 3; minute++) {
            score("randomCutForest", "cpu-i-1", minute, 0.1);
            score("randomCutForest", "cpu-i-2", minute, 0.2);
            score("numenta", "cpu-i-1", minute, 0.3);
        }
        score("randomCutForest", "cpu-i-2", 3, 0.9);
        score("randomCutForest", "cpu-i-2", 4, 0.9);

        assertThat(detected.readValuesToList()).singleElement().satisfies(firing -> {
            assertThat(firing.fingerprint()).isEqualTo("anomaly:randomCutForest:cpu-i-2");
            assertThat(firing.scores().series()).isEqualTo("cpu-i-2");
            assertThat(firing.scores().points())
                    .extracting(AnomalySeries.Point::score)
                    .containsExactly(0.2, 0.2, 0.2, 0.9, 0.9);
        });
        assertThat(stored("randomCutForest", "cpu-i-1"))
                .extracting(AnomalySeries.Point::score)
                .containsExactly(0.1, 0.1, 0.1);
        assertThat(stored("numenta", "cpu-i-1"))
                .extracting(AnomalySeries.Point::score)
                .containsExactly(0.3, 0.3, 0.3);
        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldLeaveDuplicateAndLatePointsOffTheGraphAsTheyCountForNothing() {
        keepingPoints(POINTS);
        score("randomCutForest", 0, 0.1);
        score("randomCutForest", 2, 0.7);
        score("randomCutForest", 1, 0.9);
        score("randomCutForest", 2, 0.1);

        assertThat(detected.isEmpty()).isTrue();
        assertThat(stored("randomCutForest", "cpu-i-1"))
                .extracting(AnomalySeries.Point::score)
                .containsExactly(0.1, 0.7);

        score("randomCutForest", 3, 0.7);

        assertThat(detected.readValuesToList()).singleElement().satisfies(firing -> assertThat(minutes(firing.scores()))
                .containsExactly(0L, 2L, 3L));
        assertThat(detected.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepAndAttachNoPointsWhenConfiguredToKeepNone() {
        keepingPoints(0);
        score("randomCutForest", 0, 0.9);
        score("randomCutForest", 1, 0.9);

        assertThat(detected.readValuesToList()).singleElement().satisfies(firing -> {
            assertThat(firing.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(firing.scores()).isNull();
        });
        assertThat(keysStored()).isZero();
        assertThat(detected.isEmpty()).isTrue();
    }
}
