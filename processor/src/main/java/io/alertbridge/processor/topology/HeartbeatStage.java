package io.alertbridge.processor.topology;

import io.alertbridge.processor.heartbeat.BeatSources;
import io.alertbridge.processor.heartbeat.HeartbeatAlerts;
import io.alertbridge.processor.heartbeat.HeartbeatClock;
import io.alertbridge.processor.heartbeat.HeartbeatDue;
import io.alertbridge.processor.heartbeat.HeartbeatState;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stage {@code heartbeat}: dead man's switches. Watches the beats of every {@link HeartbeatRule} and raises a FIRING
 * alert for a heartbeat silent longer than it may be, and its RESOLVED when it is heard from again
 * ({@link HeartbeatClock} decides, {@link HeartbeatAlerts} writes the alerts).
 *
 * <ul>
 *   <li>Inputs: raw SQS records, anomaly scores and the alerts of normalize and detect (before dedupe, so a watchdog
 *       alarm that fires again and again beats every time), each turned into the {@link HeartbeatBeat}s it is
 *       ({@link BeatSources}) and thinned to at most one per heartbeat per {@link HeartbeatClock#TICK} in each task,
 *       then re-keyed by heartbeat name into the one-partition repartition topic {@value #BEATS}; and the pings of
 *       {@code alertbridge.heartbeats} (key heartbeat name), through the one-partition {@value #PINGS}. One task
 *       thus owns every heartbeat, and can watch one that was never heard from.
 *   <li>Output: the heartbeat alerts (key fingerprint {@code heartbeat:<name>}, value {@link AlertEvent}), through
 *       the repartition topic {@value #ALERTS}, to be merged with the other alerts before dedupe: from there they
 *       reach {@code alertbridge.alerts}, silences, routing, incidents and escalation like any alert.
 *   <li>Stores: {@value StateStores#HEARTBEATS} (name → {@link HeartbeatState}), {@value StateStores#HEARTBEAT_CLOCK}
 *       (when the punctuator last ran, so that a restart can tell how long the pipeline was stopped). Processor:
 *       {@value #PROCESSOR}.
 * </ul>
 *
 * <p>Timing is the wall clock's: a wall-clock punctuator every {@link HeartbeatClock#TICK} looks for overdue
 * heartbeats. Its state is in the stores, so it carries on across restarts and rebalances. Live only: a replay or a
 * rebuild (record time, or a replay's simulated clock) builds the same stage, so that the topology has the same shape,
 * but it watches nothing and raises nothing: whether a heartbeat was silent in history is not judged.
 * Not thread-safe: Kafka Streams gives each task its own processor.
 */
public final class HeartbeatStage {

    /** The processor that keeps the heartbeats. */
    public static final String PROCESSOR = "heartbeat";

    /** Repartition topic of the beats found in raw records, scores and alerts. */
    public static final String BEATS = "heartbeat-beats";

    /** Repartition topic of the pings of {@code alertbridge.heartbeats}. */
    public static final String PINGS = "heartbeat-pings";

    /** Repartition topic of the heartbeat alerts, on their way to dedupe. */
    public static final String ALERTS = "heartbeat-alerts";

    private final Supplier<RuleBook> rules;
    private final StoreKind stores;
    private final boolean live;
    private final Hop hop;

    /**
     * The stage with its beats, pings and alerts through their repartition topics.
     *
     * @param rules the rule book, read per record and per punctuation
     * @param stores the kind of its stores (the topology's)
     * @param live true when heartbeats are watched (the processor); false for replays and rebuilds
     */
    public HeartbeatStage(Supplier<RuleBook> rules, StoreKind stores, boolean live) {
        this(rules, stores, live, Hop.THROUGH_TOPIC);
    }

    /**
     * @param rules the rule book, read per record and per punctuation
     * @param stores the kind of its stores (the topology's)
     * @param live true when heartbeats are watched (the processor); false for replays and rebuilds
     * @param hop how beats, pings and alerts reach their next stage (the topology's)
     */
    public HeartbeatStage(Supplier<RuleBook> rules, StoreKind stores, boolean live, Hop hop) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.live = live;
        this.hop = Objects.requireNonNull(hop, "hop");
    }

    /**
     * Adds the stage and its stores to the builder.
     *
     * @param raw the raw SQS records
     * @param scores every anomaly score (from Kafka and from AWS)
     * @param alerts the alerts of normalize and detect, before dedupe
     * @param pings the pings ({@code alertbridge.heartbeats})
     * @return the heartbeat alerts, keyed by fingerprint
     */
    public KStream<String, AlertEvent> build(
            StreamsBuilder builder,
            KStream<String, RawAwsMessage> raw,
            KStream<String, AnomalyScore> scores,
            KStream<String, AlertEvent> alerts,
            KStream<String, HeartbeatBeat> pings) {
        builder.addStateStore(StateStores.heartbeats(stores));
        builder.addStateStore(StateStores.heartbeatClock(stores));
        KStream<String, HeartbeatBeat> fromRaw = raw.flatMap(
                (key, message) -> message == null
                        ? List.of()
                        : beats(BeatSources.of(message, rules.get().heartbeats()), message.receivedAt(), "queue"),
                Named.as(PROCESSOR + "-beats-of-raw"));
        KStream<String, HeartbeatBeat> fromScores = scores.flatMap(
                (key, score) -> score == null
                        ? List.of()
                        : beats(BeatSources.of(score, rules.get().heartbeats()), score.timestamp(), "score"),
                Named.as(PROCESSOR + "-beats-of-scores"));
        KStream<String, HeartbeatBeat> fromAlerts = alerts.flatMap(
                (key, alert) -> alert == null
                        ? List.of()
                        : beats(BeatSources.of(alert, rules.get().heartbeats()), alert.occurredAt(), "alert"),
                Named.as(PROCESSOR + "-beats-of-alerts"));
        KStream<String, HeartbeatBeat> beats = hop.repartition(
                fromRaw.merge(fromScores, Named.as(PROCESSOR + "-merge-raw-scores"))
                        .merge(fromAlerts, Named.as(PROCESSOR + "-merge-alerts"))
                        .process(BeatThinner::new, Named.as(PROCESSOR + "-thin-beats")),
                beatsRepartition(BEATS));
        KStream<String, HeartbeatBeat> pinged = hop.repartition(
                pings.filter((key, beat) -> beat != null, Named.as(PROCESSOR + "-pings-present"))
                        .selectKey((key, beat) -> beat.name(), Named.as(PROCESSOR + "-pings-by-name")),
                beatsRepartition(PINGS));
        return hop.repartition(
                beats.merge(pinged, Named.as(PROCESSOR + "-merge-pings"))
                        .process(
                                () -> new HeartbeatProcessor(rules, live),
                                Named.as(PROCESSOR),
                                StateStores.HEARTBEATS,
                                StateStores.HEARTBEAT_CLOCK),
                Repartitioned.with(Serdes.String(), CompactSerde.of(AlertEvent.class))
                        .withName(ALERTS));
    }

    private static Repartitioned<String, HeartbeatBeat> beatsRepartition(String name) {
        // One partition: one task owns every heartbeat, so it can watch those never heard from.
        return Repartitioned.with(Serdes.String(), CompactSerde.of(HeartbeatBeat.class))
                .withName(name)
                .withNumberOfPartitions(1);
    }

    private static List<KeyValue<String, HeartbeatBeat>> beats(List<String> names, Instant at, String origin) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<KeyValue<String, HeartbeatBeat>> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(KeyValue.pair(name, new HeartbeatBeat(name, at, origin, null)));
        }
        return out;
    }

    /**
     * Lets through at most one beat per heartbeat per {@link HeartbeatClock#TICK} of beat time, so that a busy
     * detector does not pour every score into the one-partition topic. Memory only: after a restart one more beat
     * passes, which changes nothing.
     */
    private static final class BeatThinner extends ContextualProcessor<String, HeartbeatBeat, String, HeartbeatBeat> {

        private final Map<String, Instant> lastPassed = new HashMap<>();

        @Override
        public void process(Record<String, HeartbeatBeat> record) {
            Instant at = record.value().at();
            Instant last = lastPassed.get(record.key());
            if (last != null && at.isBefore(last.plus(HeartbeatClock.TICK))) {
                return;
            }
            lastPassed.put(record.key(), at);
            context().forward(record);
        }
    }

    /** Store I/O and the punctuator around {@link HeartbeatClock}; one per task (there is one task). */
    private static final class HeartbeatProcessor
            extends ContextualProcessor<String, HeartbeatBeat, String, AlertEvent> {

        private static final Logger LOG = LoggerFactory.getLogger(HeartbeatStage.class);
        private static final String LAST_TICK = "last-tick";

        private final Supplier<RuleBook> rules;
        private final boolean live;
        private KeyValueStore<String, HeartbeatState> heartbeats;
        private KeyValueStore<String, Long> clock;
        private StageCounter beatsCounted;
        private StageCounter beatsIgnored;
        private StageCounter fired;
        private StageCounter resolved;

        HeartbeatProcessor(Supplier<RuleBook> rules, boolean live) {
            this.rules = rules;
            this.live = live;
        }

        @Override
        public void init(ProcessorContext<String, AlertEvent> context) {
            super.init(context);
            heartbeats = context.getStateStore(StateStores.HEARTBEATS);
            clock = context.getStateStore(StateStores.HEARTBEAT_CLOCK);
            beatsCounted = StageCounter.of(context, PROCESSOR, "beats");
            beatsIgnored = StageCounter.of(context, PROCESSOR, "beats-ignored");
            fired = StageCounter.of(context, PROCESSOR, "fired");
            resolved = StageCounter.of(context, PROCESSOR, "resolved");
            if (live) {
                context.schedule(
                        HeartbeatClock.TICK,
                        PunctuationType.WALL_CLOCK_TIME,
                        wallMs -> punctuate(Instant.ofEpochMilli(wallMs)));
            }
        }

        @Override
        public void process(Record<String, HeartbeatBeat> record) {
            HeartbeatBeat beat = record.value();
            if (!live || beat == null || rules.get().heartbeat(beat.name()).isEmpty()) {
                beatsIgnored.increment();
                return;
            }
            Instant now = Instant.ofEpochMilli(context().currentSystemTimeMs());
            HeartbeatState before = heartbeats.get(beat.name());
            HeartbeatDue due = HeartbeatClock.onBeat(before, beat.at(), now);
            beatsCounted.increment();
            LOG.debug("Heartbeat {}: {} ({})", LogText.safe(beat.name()), LogText.safe(due.reason()), beat.origin());
            apply(beat.name(), before, due, null, now);
        }

        private void punctuate(Instant now) {
            Long last = clock.get(LAST_TICK);
            Instant previousTick = last == null ? null : Instant.ofEpochMilli(last);
            RuleBook book = rules.get();
            Set<String> defined = new HashSet<>();
            for (HeartbeatRule rule : book.heartbeats()) {
                defined.add(rule.id());
                HeartbeatState before = heartbeats.get(rule.id());
                apply(rule.id(), before, HeartbeatClock.onTick(before, rule, now, previousTick), rule, now);
            }
            List<KeyValue<String, HeartbeatState>> orphans = new ArrayList<>();
            try (KeyValueIterator<String, HeartbeatState> all = heartbeats.all()) {
                while (all.hasNext()) {
                    KeyValue<String, HeartbeatState> entry = all.next();
                    if (!defined.contains(entry.key)) {
                        orphans.add(entry);
                    }
                }
            }
            for (KeyValue<String, HeartbeatState> orphan : orphans) {
                apply(orphan.key, orphan.value, HeartbeatClock.onRuleRemoved(orphan.value), null, now);
            }
            clock.put(LAST_TICK, now.toEpochMilli());
        }

        private void apply(String name, HeartbeatState before, HeartbeatDue due, HeartbeatRule rule, Instant now) {
            HeartbeatState after = due.state();
            switch (due.action()) {
                case FIRE -> {
                    AlertEvent alert = HeartbeatAlerts.firing(rule, after, now, due.reason());
                    after = after.withFired(alert);
                    fired.increment();
                    LOG.info(
                            "Heartbeat {} fired: {}; {}",
                            LogText.safe(name),
                            LogText.safe(alert.title()),
                            due.reason());
                    context().forward(new Record<>(alert.fingerprint(), alert, now.toEpochMilli()));
                }
                case RESOLVE -> {
                    if (before != null && before.fired() != null) {
                        AlertEvent alert = HeartbeatAlerts.resolved(before.fired(), now, due.reason());
                        resolved.increment();
                        LOG.info("Heartbeat {} resolved: {}", LogText.safe(name), LogText.safe(due.reason()));
                        context().forward(new Record<>(alert.fingerprint(), alert, now.toEpochMilli()));
                    }
                }
                default -> {
                    // Nothing to say; the state may still have moved on.
                }
            }
            if (after == null) {
                heartbeats.delete(name);
            } else if (!after.equals(before)) {
                heartbeats.put(name, after);
            }
        }
    }
}
