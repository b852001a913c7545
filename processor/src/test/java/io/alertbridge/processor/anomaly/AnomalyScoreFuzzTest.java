package io.alertbridge.processor.anomaly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of how the detect stage reads an anomaly score: the bytes of a record on
 * {@code alertbridge.anomaly.scores} through the topic's serde, then what {@code DetectStage} does with a score
 * (rule lookup, {@link Hysteresis}, {@link SeriesRing}, {@link AnomalyAlerts}), seeded with the contract's fixtures
 * ({@code AnomalyScoreFuzzTestInputs/scoreRecord/}).
 *
 * <p>The property: the serde either returns a valid score or throws Kafka's {@link SerializationException} with
 * the reason (which the deserialization handler puts on the DLQ); it never returns null for bytes (a tombstone has
 * none). A score it accepts goes through a FIRING and a RESOLVED transition without an exception, and the state
 * and events the stage would write survive their serdes.
 */
class AnomalyScoreFuzzTest {

    private static final TopicSpec<String, AnomalyScore> SCORES =
            Topics.defaults().anomalyScores();
    private static final TopicSpec<String, AlertEvent> ALERTS =
            Topics.defaults().alerts();
    private static final JsonSerde<SeriesState> STATE = JsonSerde.of(SeriesState.class);
    private static final JsonSerde<RingChunk> CHUNKS = JsonSerde.of(RingChunk.class);
    private static final RuleBook RULES = RuleBook.empty("#alerts");
    private static final DetectSlice DETECT = DetectSlice.defaults();
    /** Every point fires. */
    private static final ThresholdRule FIRE_ON_ANY = new ThresholdRule("fire", 0, List.of(), 0, 0, 1, 1, 1, null);
    /** Every point under 1 resolves. */
    private static final ThresholdRule CLEAR_BELOW_ONE =
            new ThresholdRule("clear", 0, List.of(), 1, 1, 1, 1, 1, Severity.CRITICAL);

    @FuzzTest(maxDuration = "30s")
    void scoreRecord(byte[] input) {
        AnomalyScore score;
        try {
            score = SCORES.valueSerde().deserializer().deserialize(SCORES.name(), input);
        } catch (SerializationException unreadable) {
            assertThat(unreadable.getMessage()).startsWith("not a valid AnomalyScore on topic " + SCORES.name());
            return;
        }
        assertThat(score).as("bytes are never a tombstone").isNotNull();
        assertThat(score.score()).isBetween(0.0, 1.0);

        ThresholdRule rule = DETECT.effective(RULES.thresholdFor(Attributes.of(score)));
        assertThat(Hysteresis.step(null, score, rule).accepted()).isTrue();
        assertThat(AnomalyAlerts.seriesKey(score)).isNotBlank();

        Hysteresis.Step fired = Hysteresis.step(null, score, FIRE_ON_ANY);
        assertThat(fired.transition().status()).isEqualTo(AlertStatus.FIRING);
        Map<String, RingChunk> ring = new HashMap<>();
        remember(ring, score, 0);
        AnomalySeries firedScores = SeriesRing.snapshot(score, FIRE_ON_ANY, 0, DETECT.seriesPoints(), ring::get);
        assertThat(firedScores.points()).hasSize(1);
        assertWritable(fired, AnomalyAlerts.event(score, FIRE_ON_ANY, fired.transition(), firedScores));

        if (score.timestamp().isBefore(Instant.MAX.minusSeconds(1))) {
            AnomalyScore later = new AnomalyScore(
                    score.detector(),
                    score.series(),
                    score.entity(),
                    score.metric(),
                    score.timestamp().plusSeconds(1),
                    0,
                    score.value(),
                    score.labels());
            Hysteresis.Step resolved = Hysteresis.step(fired.state(), later, CLEAR_BELOW_ONE);
            assertThat(resolved.transition().status()).isEqualTo(AlertStatus.RESOLVED);
            remember(ring, later, 1);
            AnomalySeries scores = SeriesRing.snapshot(later, CLEAR_BELOW_ONE, 1, DETECT.seriesPoints(), ring::get);
            assertThat(scores.points()).hasSize(2);
            assertWritable(resolved, AnomalyAlerts.event(later, CLEAR_BELOW_ONE, resolved.transition(), scores));
        }
    }

    /** The chunk goes to the store: it must read back equal. */
    private static void remember(Map<String, RingChunk> ring, AnomalyScore score, long seq) {
        String key = SeriesRing.chunkKey(AnomalyAlerts.seriesKey(score), seq, DETECT.seriesPoints());
        RingChunk chunk = SeriesRing.append(ring.get(key), seq, score);
        assertThat(CHUNKS.fromBytes(CHUNKS.toBytes(chunk))).isEqualTo(chunk);
        ring.put(key, chunk);
    }

    /** The series state goes to the store and the event to the alerts topic: both must read back equal. */
    private static void assertWritable(Hysteresis.Step step, AlertEvent event) {
        assertThat(STATE.fromBytes(STATE.toBytes(step.state()))).isEqualTo(step.state());
        byte[] bytes = ALERTS.valueSerde().serializer().serialize(ALERTS.name(), event);
        assertThat(ALERTS.valueSerde().deserializer().deserialize(ALERTS.name(), bytes))
                .isEqualTo(event);
        assertThat(event.fingerprint()).isNotBlank();
        assertThat(event.title()).isNotBlank();
    }
}
