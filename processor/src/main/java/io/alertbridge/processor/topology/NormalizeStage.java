package io.alertbridge.processor.topology;

import io.alertbridge.processor.aws.AwsMessageNormalizer;
import io.alertbridge.processor.aws.Normalized;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.errors.Rejected;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Stage 1, normalize: raw AWS messages become alert events, or anomaly scores for the detect stage.
 *
 * <ul>
 *   <li>Input: {@code alertbridge.aws.raw}, key SNS (else SQS) message id, value {@link RawAwsMessage}.
 *   <li>Output {@link Outputs#events()}: {@link AlertEvent}s keyed by fingerprint (not yet partitioned by it: dedupe
 *       does that), record timestamp kept (arrival time). Anomaly decisions published through SNS are among them.
 *   <li>Output {@link Outputs#scores()}: {@link AnomalyScore}s that detectors published through SNS or SQS
 *       ({@link io.alertbridge.processor.aws.AnomalyMessages}), keyed by series and partitioned by it through the
 *       repartition topic {@code <application.id>-normalize-scores-by-series-repartition}, so that the detect stage
 *       sees them in the partition and order it sees that series' scores from {@code alertbridge.anomaly.scores}
 *       (both topics have the same partition count: the topic creator gives every topic the same).
 *   <li>Dead letters: a message that cannot be read ({@link AwsMessageNormalizer}) goes to the DLQ with the
 *       record's key and value and the reason; the stream goes on.
 *   <li>Store: none.
 * </ul>
 *
 * <p>SNS subscription confirmations are logged at INFO with their URL and dropped; other ignored messages
 * (CodeBuild phase changes, ...) at DEBUG. Each outcome is counted.
 */
public final class NormalizeStage {

    /** Name of the stage (processor names, dead letters, metrics). */
    public static final String NAME = "normalize";

    private final NormalizeSlice config;
    private final TopicSpec<String, RawAwsMessage> rawTopic;
    private final TopicSpec<String, AnomalyScore> scoresTopic;
    private final String deadLetterTopic;
    private final Hop hop;
    private final boolean windowEnds;

    /** The stage as the processor runs it: scores re-keyed through their repartition topic. */
    public NormalizeStage(NormalizeSlice config, Topics topics) {
        this(config, topics, Hop.THROUGH_TOPIC, false);
    }

    /**
     * @param config the stage's settings
     * @param topics the topology's topics
     * @param hop how scores reach the detect stage (the topology's, {@link AlertbridgeTopology})
     * @param windowEnds whether a {@link WindowEnd} tombstone makes the task commit (a rebuild: record time)
     */
    public NormalizeStage(NormalizeSlice config, Topics topics, Hop hop, boolean windowEnds) {
        this.config = config;
        this.rawTopic = topics.awsRaw();
        this.scoresTopic = topics.anomalyScores();
        this.deadLetterTopic = topics.deadLetters().name();
        this.hop = Objects.requireNonNull(hop, "hop");
        this.windowEnds = windowEnds;
    }

    /**
     * What the stage produces.
     *
     * @param events alert events, keyed by fingerprint
     * @param scores anomaly scores, keyed and partitioned by series
     */
    public record Outputs(KStream<String, AlertEvent> events, KStream<String, AnomalyScore> scores) {}

    /** Adds the stage to the topology and returns its alert events and anomaly scores. */
    public Outputs build(StreamsBuilder builder, KStream<String, RawAwsMessage> input) {
        KStream<String, StageOutcome<Normalization>> outcomes =
                input.process(() -> new NormalizeProcessor(config, rawTopic, windowEnds), Named.as(NAME));
        KStream<String, Normalization> passed = StageOutcome.split(outcomes, deadLetterTopic, NAME);
        KStream<String, AlertEvent> events = passed.filter(
                        (key, value) -> value.event() != null, Named.as(NAME + "-events"))
                .mapValues(Normalization::event, Named.as(NAME + "-event-values"));
        KStream<String, AnomalyScore> scores = hop.repartition(
                passed.filter((key, value) -> value.score() != null, Named.as(NAME + "-scores"))
                        .mapValues(Normalization::score, Named.as(NAME + "-score-values")),
                Repartitioned.with(scoresTopic.keySerde(), CompactSerde.of(AnomalyScore.class))
                        .withName(NAME + "-scores-by-series"));
        return new Outputs(events, scores);
    }

    /** The stage's processor alone, as {@link #build} adds it (for tests that drive it with their own context). */
    Processor<String, RawAwsMessage, String, ?> processor() {
        return new NormalizeProcessor(config, rawTopic, windowEnds);
    }

    /** One output of the processor: an alert event (keyed by fingerprint) or a score (keyed by series). */
    private record Normalization(AlertEvent event, AnomalyScore score) {}

    private static final class NormalizeProcessor
            extends ContextualProcessor<String, RawAwsMessage, String, StageOutcome<Normalization>> {

        private static final Logger LOG = LoggerFactory.getLogger(NormalizeStage.class);

        private final AwsMessageNormalizer normalizer;
        private final TopicSpec<String, RawAwsMessage> rawTopic;
        private final boolean windowEnds;
        private StageCounter events;
        private StageCounter scores;
        private StageCounter ignored;
        private StageCounter rejected;

        NormalizeProcessor(NormalizeSlice config, TopicSpec<String, RawAwsMessage> rawTopic, boolean windowEnds) {
            this.normalizer = new AwsMessageNormalizer(config);
            this.rawTopic = rawTopic;
            this.windowEnds = windowEnds;
        }

        @Override
        public void init(ProcessorContext<String, StageOutcome<Normalization>> context) {
            super.init(context);
            events = StageCounter.of(context, NAME, "events");
            scores = StageCounter.of(context, NAME, "scores");
            ignored = StageCounter.of(context, NAME, "ignored");
            rejected = StageCounter.of(context, NAME, "rejected");
        }

        @Override
        public void process(Record<String, RawAwsMessage> record) {
            if (record.value() == null) {
                if (windowEnds && WindowEnd.marks(record.headers())) {
                    // A request, not an order: Kafka Streams commits the task after this record.
                    context().commit();
                    return;
                }
                ignored.increment();
                LOG.debug("Tombstone at {} ignored", where());
                return;
            }
            Normalized outcome = normalizer.normalize(record.value());
            if (outcome instanceof Normalized.Events normalized) {
                for (AlertEvent event : normalized.events()) {
                    events.increment();
                    LOG.debug(
                            "{} at {} is {} {} ({})",
                            LogText.safe(normalized.reason()),
                            where(),
                            LogText.safe(event.fingerprint()),
                            event.status(),
                            LogText.safe(event.eventId()));
                    context()
                            .forward(record.withKey(event.fingerprint())
                                    .withValue(StageOutcome.of(new Normalization(event, null))));
                }
            } else if (outcome instanceof Normalized.Score score) {
                scores.increment();
                LOG.debug(
                        "{} at {}: score of series {} at {}",
                        LogText.safe(score.reason()),
                        where(),
                        LogText.safe(score.score().series()),
                        score.score().timestamp());
                context()
                        .forward(record.withKey(score.score().series())
                                .withValue(StageOutcome.of(new Normalization(null, score.score()))));
            } else if (outcome instanceof Normalized.Ignored skip) {
                ignored.increment();
                if (skip.notable()) {
                    LOG.info("Ignored the message at {}: {}", where(), LogText.safe(skip.reason()));
                } else {
                    LOG.debug("Ignored the message at {}: {}", where(), LogText.safe(skip.reason()));
                }
            } else if (outcome instanceof Normalized.Unreadable unreadable) {
                rejected.increment();
                LOG.warn(
                        "Unreadable message at {} (key {}) sent to the DLQ: {}",
                        where(),
                        LogText.safe(record.key()),
                        LogText.safe(unreadable.reason()));
                context().forward(record.withValue(StageOutcome.reject(deadLetter(record, unreadable))));
            }
        }

        private Rejected deadLetter(Record<String, RawAwsMessage> record, Normalized.Unreadable unreadable) {
            // The JSON serde writes back what it read (the body untouched), so the DLQ record can be replayed
            // onto alertbridge.aws.raw once the parser knows the shape.
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            byte[] value = rawTopic.valueSerde().serializer().serialize(rawTopic.name(), record.value());
            return new Rejected(key, value, NAME, unreadable.errorClass(), unreadable.reason());
        }

        private String where() {
            return Coordinates.of(context());
        }
    }
}
