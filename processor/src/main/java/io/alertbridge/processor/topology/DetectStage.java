package io.alertbridge.processor.topology;

import io.alertbridge.processor.anomaly.AnomalyAlerts;
import io.alertbridge.processor.anomaly.Hysteresis;
import io.alertbridge.processor.anomaly.RingChunk;
import io.alertbridge.processor.anomaly.SeriesRing;
import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.errors.Rejected;
import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage 2, detect: AI anomaly scores become alert events, one FIRING and one RESOLVED per episode.
 *
 * <ul>
 *   <li>Input: {@code alertbridge.anomaly.scores}, key series id, value {@link AnomalyScore}.
 *   <li>Output: {@link AlertEvent}s ({@link AnomalyAlerts}) keyed by fingerprint {@code anomaly:<detector>:<series>}.
 *   <li>Store {@value StateStores#DETECT_SERIES}: the {@link Hysteresis} state per detector and series.
 *   <li>Store {@value StateStores#DETECT_SCORES}: the last {@code detect.seriesPoints} accepted points per detector
 *       and series, in the chunks of a {@link SeriesRing}, one chunk updated per accepted score; a FIRING or
 *       RESOLVED carries them, with the thresholds of the rule that decided, as {@link AlertEvent#scores()} (none
 *       when {@code seriesPoints} is 0: then the store is neither read nor written).
 *   <li>Dead letters: a score whose key is not its series id (scores of one series must share a partition for
 *       the state machine to see them all, in order).
 * </ul>
 *
 * <p>Thresholds come from the rule book per series ({@link RuleBook#thresholdFor}); when no rule matches, from
 * the {@code detect} slice. The rule book is read through a supplier for every score, so rules that change at run
 * time apply from the next score on. Duplicate and late scores (by the series' own time) change nothing.
 */
public final class DetectStage {

    /** Name of the stage. */
    public static final String NAME = "detect";

    private final DetectSlice config;
    private final Supplier<RuleBook> rules;
    private final TopicSpec<String, AnomalyScore> scoresTopic;
    private final String deadLetterTopic;
    private final StoreKind stores;

    /** The stage as the processor runs it ({@link StoreKind#DURABLE}). */
    public DetectStage(DetectSlice config, Supplier<RuleBook> rules, Topics topics) {
        this(config, rules, topics, StoreKind.DURABLE);
    }

    /** The stage with a store of the given kind (the topology's, {@link AlertbridgeTopology}). */
    public DetectStage(DetectSlice config, Supplier<RuleBook> rules, Topics topics, StoreKind stores) {
        this.config = config;
        this.rules = rules;
        this.scoresTopic = topics.anomalyScores();
        this.deadLetterTopic = topics.deadLetters().name();
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** Adds the stage and its stores to the topology and returns its alert events. */
    public KStream<String, AlertEvent> build(StreamsBuilder builder, KStream<String, AnomalyScore> input) {
        builder.addStateStore(StateStores.detectSeries(stores));
        builder.addStateStore(StateStores.detectScores(stores));
        KStream<String, StageOutcome<AlertEvent>> outcomes = input.process(
                () -> new DetectProcessor(config, rules, scoresTopic),
                Named.as(NAME),
                StateStores.DETECT_SERIES,
                StateStores.DETECT_SCORES);
        return StageOutcome.split(outcomes, deadLetterTopic, NAME);
    }

    private static final class DetectProcessor
            extends ContextualProcessor<String, AnomalyScore, String, StageOutcome<AlertEvent>> {

        private static final Logger LOG = LoggerFactory.getLogger(DetectStage.class);

        private final DetectSlice config;
        private final Supplier<RuleBook> rules;
        private final TopicSpec<String, AnomalyScore> scoresTopic;
        private KeyValueStore<String, SeriesState> series;
        private KeyValueStore<String, RingChunk> ring;
        private StageCounter transitions;
        private StageCounter late;
        private StageCounter rejected;

        DetectProcessor(DetectSlice config, Supplier<RuleBook> rules, TopicSpec<String, AnomalyScore> scoresTopic) {
            this.config = config;
            this.rules = rules;
            this.scoresTopic = scoresTopic;
        }

        @Override
        public void init(ProcessorContext<String, StageOutcome<AlertEvent>> context) {
            super.init(context);
            series = context.getStateStore(StateStores.DETECT_SERIES);
            ring = context.getStateStore(StateStores.DETECT_SCORES);
            transitions = StageCounter.of(context, NAME, "transitions");
            late = StageCounter.of(context, NAME, "late-or-duplicate");
            rejected = StageCounter.of(context, NAME, "rejected");
        }

        @Override
        public void process(Record<String, AnomalyScore> record) {
            AnomalyScore score = record.value();
            if (score == null) {
                LOG.debug("Tombstone at {} ignored", Coordinates.of(context()));
                return;
            }
            if (!score.series().equals(record.key())) {
                reject(record);
                return;
            }
            ThresholdRule rule = config.effective(rules.get().thresholdFor(Attributes.of(score)));
            String key = AnomalyAlerts.seriesKey(score);
            Hysteresis.Step step = Hysteresis.step(series.get(key), score, rule);
            if (!step.accepted()) {
                late.increment();
                LOG.debug(
                        "Score of {} at {} ({}) changes nothing: {}",
                        LogText.safe(score.series()),
                        score.timestamp(),
                        Coordinates.of(context()),
                        LogText.safe(step.reason()));
                return;
            }
            series.put(key, step.state());
            long seq = step.state().accepted() - 1;
            rememberPoint(key, seq, score);
            if (step.transition() != null) {
                transitions.increment();
                AlertEvent event = AnomalyAlerts.event(score, rule, step.transition(), scores(score, rule, seq));
                LOG.debug(
                        "Series {} of {} is {}: {}",
                        LogText.safe(score.series()),
                        LogText.safe(score.detector()),
                        event.status(),
                        LogText.safe(step.reason()));
                context().forward(record.withKey(event.fingerprint()).withValue(StageOutcome.of(event)));
            }
        }

        /** Appends the accepted point to its chunk of the series' ring. */
        private void rememberPoint(String key, long seq, AnomalyScore score) {
            if (config.seriesPoints() > 0) {
                String chunk = SeriesRing.chunkKey(key, seq, config.seriesPoints());
                ring.put(chunk, SeriesRing.append(ring.get(chunk), seq, score));
            }
        }

        /** The series' last points up to point {@code seq}, for the graph; null when none are kept. */
        private AnomalySeries scores(AnomalyScore score, ThresholdRule rule, long seq) {
            return config.seriesPoints() == 0
                    ? null
                    : SeriesRing.snapshot(score, rule, seq, config.seriesPoints(), ring::get);
        }

        private void reject(Record<String, AnomalyScore> record) {
            rejected.increment();
            String reason = "key '" + record.key() + "' is not the series id '"
                    + record.value().series()
                    + "': all scores of a series must be keyed by it, so that one partition sees them in order";
            LOG.warn("Score at {} sent to the DLQ: {}", Coordinates.of(context()), LogText.safe(reason));
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = scoresTopic.valueSerde().serializer().serialize(scoresTopic.name(), record.value());
            context()
                    .forward(record.withValue(
                            StageOutcome.reject(new Rejected(key, value, NAME, "SeriesKeyMismatch", reason))));
        }
    }
}
