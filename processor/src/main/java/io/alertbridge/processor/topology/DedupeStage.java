package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.DedupeSlice;
import io.alertbridge.processor.dedupe.Deduplication;
import io.alertbridge.processor.dedupe.LastTransition;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Stage 3, dedupe: drops what SNS, SQS and the sources repeat.
 *
 * <ul>
 *   <li>Input: {@link AlertEvent}s from normalize and detect, repartitioned by fingerprint through the topic
 *       {@code <application.id>-dedupe-by-fingerprint-repartition}, so one task sees a fingerprint's events.
 *   <li>Output: the events that pass, keyed by fingerprint.
 *   <li>Store {@value StateStores#DEDUPE_EVENT_IDS}: event ids seen within {@code dedupe.retention} of stream time
 *       (a window store); an event whose id is there is dropped.
 *   <li>Store {@value StateStores#DEDUPE_FINGERPRINTS}: each fingerprint's latest FIRING/RESOLVED that passed and the
 *       time of the newest one seen (passed or dropped), against which {@link Deduplication} drops repeats and late
 *       events (ordering by {@code occurredAt}).
 * </ul>
 *
 * <p>Drops are expected, not errors: logged at DEBUG and counted per reason.
 */
public final class DedupeStage {

    /** Name of the stage. */
    public static final String NAME = "dedupe";

    private final DedupeSlice config;
    private final Topics topics;
    private final StoreKind stores;
    private final Hop hop;

    /** The stage as the processor runs it ({@link StoreKind#DURABLE}, {@link Hop#THROUGH_TOPIC}). */
    public DedupeStage(DedupeSlice config, Topics topics) {
        this(config, topics, StoreKind.DURABLE, Hop.THROUGH_TOPIC);
    }

    /** The stage with the stores and the hop of the topology ({@link AlertbridgeTopology}). */
    public DedupeStage(DedupeSlice config, Topics topics, StoreKind stores, Hop hop) {
        this.config = config;
        this.topics = topics;
        this.stores = Objects.requireNonNull(stores, "stores");
        this.hop = Objects.requireNonNull(hop, "hop");
    }

    /** Adds the stage and its stores to the topology and returns the events that pass. */
    public KStream<String, AlertEvent> build(StreamsBuilder builder, KStream<String, AlertEvent> input) {
        builder.addStateStore(StateStores.dedupeEventIds(config.retention(), stores));
        builder.addStateStore(StateStores.dedupeFingerprints(stores));
        KStream<String, AlertEvent> byFingerprint = hop.repartition(
                input.filter((key, event) -> event != null, Named.as(NAME + "-non-null"))
                        .selectKey((key, event) -> event.fingerprint(), Named.as(NAME + "-key-by-fingerprint")),
                Repartitioned.with(topics.alerts().keySerde(), CompactSerde.of(AlertEvent.class))
                        .withName(NAME + "-by-fingerprint"));
        return byFingerprint.process(
                () -> new DedupeProcessor(config, hop),
                Named.as(NAME),
                StateStores.DEDUPE_EVENT_IDS,
                StateStores.DEDUPE_FINGERPRINTS);
    }

    private static final class DedupeProcessor extends ContextualProcessor<String, AlertEvent, String, AlertEvent> {

        private static final Logger LOG = LoggerFactory.getLogger(DedupeStage.class);

        private final Duration retention;
        private final boolean dropResolvedWithoutFiring;
        private final Hop hop;
        private WindowStore<String, Long> eventIds;
        private KeyValueStore<String, LastTransition> fingerprints;
        private StageCounter passed;
        private StageCounter duplicateIds;
        private StageCounter dropped;

        DedupeProcessor(DedupeSlice config, Hop hop) {
            this.retention = config.retention();
            this.dropResolvedWithoutFiring = config.dropResolvedWithoutFiring();
            this.hop = hop;
        }

        @Override
        public void init(ProcessorContext<String, AlertEvent> context) {
            super.init(context);
            // Dedupe is in every task of the topology's one sub-topology when its hops stay in the task, so this is
            // where a second task, and with it keys split between tasks, shows first.
            hop.checkTask(context.taskId());
            eventIds = context.getStateStore(StateStores.DEDUPE_EVENT_IDS);
            fingerprints = context.getStateStore(StateStores.DEDUPE_FINGERPRINTS);
            passed = StageCounter.of(context, NAME, "passed");
            duplicateIds = StageCounter.of(context, NAME, "duplicate-event-id");
            dropped = StageCounter.of(context, NAME, "dropped-status");
        }

        @Override
        public void process(Record<String, AlertEvent> record) {
            AlertEvent event = record.value();
            long now = record.timestamp();
            if (isDuplicate(event.eventId(), now)) {
                duplicateIds.increment();
                LOG.debug(
                        "Dropped {} of {} at {}: event id seen within {}",
                        LogText.safe(event.eventId()),
                        LogText.safe(event.fingerprint()),
                        Coordinates.of(context()),
                        retention);
                return;
            }
            rememberNewEvent(event.eventId(), now);
            Deduplication.Verdict verdict =
                    Deduplication.decide(fingerprints.get(event.fingerprint()), event, dropResolvedWithoutFiring);
            // A dropped event may still be the newest seen: its time must be kept, or an older event of the other
            // status arriving after it would pass as if it were news.
            if (verdict.remember() != null) {
                fingerprints.put(event.fingerprint(), verdict.remember());
            }
            if (!verdict.pass()) {
                dropped.increment();
                LOG.debug(
                        "Dropped {} {} of {} at {}: {}",
                        event.status(),
                        LogText.safe(event.eventId()),
                        LogText.safe(event.fingerprint()),
                        Coordinates.of(context()),
                        LogText.safe(verdict.reason()));
                return;
            }
            passed.increment();
            context().forward(record);
            if (verdict.thenResolvedAt() != null) {
                passed.increment();
                context().forward(record.withValue(resolvedAfter(event, verdict.thenResolvedAt())));
            }
        }

        /** The RESOLVED that followed a late FIRING at the source (see {@link Deduplication.Verdict#thenResolvedAt()}). */
        private static AlertEvent resolvedAfter(AlertEvent firing, Instant at) {
            return new AlertEvent(
                    Deduplication.resolvedEventId(firing),
                    firing.fingerprint(),
                    firing.source(),
                    AlertStatus.RESOLVED,
                    firing.severity(),
                    firing.title(),
                    firing.summary(),
                    at,
                    firing.labels(),
                    firing.annotations(),
                    firing.links(),
                    firing.suppressedBy(),
                    firing.metric(),
                    firing.scores());
        }

        /** Seen within the retention either side of this record's time (repartitioning may reorder a little). */
        private boolean isDuplicate(String eventId, long now) {
            long from = Math.max(0, now - retention.toMillis());
            try (WindowStoreIterator<Long> seen = eventIds.fetch(eventId, from, now + retention.toMillis())) {
                return seen.hasNext();
            }
        }

        private void rememberNewEvent(String eventId, long now) {
            eventIds.put(eventId, now, now);
        }
    }
}
