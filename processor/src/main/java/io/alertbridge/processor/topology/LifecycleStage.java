package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.incident.FiringHistory;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.processor.incident.IncidentGroup;
import io.alertbridge.processor.incident.IncidentIds;
import io.alertbridge.processor.incident.IncidentInput;
import io.alertbridge.processor.incident.IncidentRecord;
import io.alertbridge.processor.incident.TransientHold;
import io.alertbridge.processor.incident.TransientHolds;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.DecodedCache;
import io.alertbridge.processor.store.DecodedValues;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage {@code lifecycle}: the incident state machine. Applies routed alerts and people's actions to their group's
 * incident, in order ({@link IncidentGroup}), and on a wall-clock timer escalates incidents nobody acknowledged,
 * resolves incidents with nothing firing that stayed quiet, and closes resolved ones once quiet for their window.
 *
 * <ul>
 *   <li>Input: key group key, value {@link IncidentInput} (from {@link CorrelateStage}).
 *   <li>Output: key group key, value {@link IncidentChange}: every change, in order, including {@code CLOSED} when
 *       the stage forgets an incident.
 *   <li>Stores (changelogged, of the topology's {@link StoreKind}): {@value StateStores#LIFECYCLE_INCIDENTS}
 *       (group key → {@link IncidentRecord}: the current incident and its bookkeeping),
 *       {@value StateStores#LIFECYCLE_TIMERS} (due instant + group key → group key: the timers, {@link StageTimers}),
 *       {@value StateStores#LIFECYCLE_FIRING_HISTORY} (fingerprint → {@link FiringHistory}: its last firings' durations,
 *       for the transient-alert hold),
 *       {@value StateStores#LIFECYCLE_SEQUENCE} (one counter per task, for {@link IncidentIds}). Processor:
 *       {@value #PROCESSOR}.
 * </ul>
 *
 * <p>Alerts are judged by their own {@code occurredAt}, actions by their {@code at}, timers by the wall clock (by
 * record time when a rebuild reprocesses history: {@link StageTimers}). Not thread-safe: Kafka Streams gives each task
 * its own processor.
 */
public final class LifecycleStage {

    public static final String PROCESSOR = "lifecycle";

    private final IncidentsSlice config;
    private final Supplier<RuleBook> rules;
    private final StoreKind stores;
    private final TimeBase timeBase;
    private final long firstSequence;
    private final DecodedCache decoded;

    /**
     * @param config the incident settings
     * @param rules the rule book, read per record
     * @param stores the kind of its stores (the topology's, {@link AlertbridgeTopology})
     * @param timeBase what "now" is: the wall clock live, record time when reprocessing history
     * @param firstSequence where each task's incident sequence starts when its store has none yet; a rebuild starts
     *     far above any live sequence so that its incident ids can never equal ids already shown in Slack
     * @param decoded the topology's decoded values, where the stage keeps the incident records it reads and writes
     */
    public LifecycleStage(
            IncidentsSlice config,
            Supplier<RuleBook> rules,
            StoreKind stores,
            TimeBase timeBase,
            long firstSequence,
            DecodedCache decoded) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.timeBase = Objects.requireNonNull(timeBase, "timeBase");
        if (firstSequence < 0) {
            throw new IllegalArgumentException("firstSequence must not be negative: " + firstSequence);
        }
        this.firstSequence = firstSequence;
        this.decoded = Objects.requireNonNull(decoded, "decoded");
    }

    /** Adds the stage and its stores to the builder and returns its output. */
    public KStream<String, IncidentChange> build(StreamsBuilder builder, KStream<String, IncidentInput> inputs) {
        builder.addStateStore(StateStores.lifecycleIncidents(stores));
        builder.addStateStore(StateStores.timerIndex(StateStores.LIFECYCLE_TIMERS, stores));
        builder.addStateStore(StateStores.lifecycleSequence(stores));
        builder.addStateStore(StateStores.lifecycleFiringHistory(stores));
        return inputs.process(
                () -> new LifecycleProcessor(
                        rules,
                        new StageTimers(timeBase, config.lifecycleTick(), StateStores.LIFECYCLE_TIMERS),
                        firstSequence,
                        decoded),
                Named.as(PROCESSOR),
                StateStores.LIFECYCLE_INCIDENTS,
                StateStores.LIFECYCLE_TIMERS,
                StateStores.LIFECYCLE_SEQUENCE,
                StateStores.LIFECYCLE_FIRING_HISTORY);
    }

    /** Store I/O around {@link IncidentGroup}; one per task. */
    static final class LifecycleProcessor implements Processor<String, IncidentInput, String, IncidentChange> {

        private static final Logger LOG = LoggerFactory.getLogger(LifecycleProcessor.class);

        private static final String SEQUENCE_KEY = "next";

        private final Supplier<RuleBook> rules;
        private final StageTimers timers;
        private final long firstSequence;
        private final DecodedCache decoded;
        private ProcessorContext<String, IncidentChange> context;
        private DecodedValues<IncidentRecord> incidents;
        private KeyValueStore<String, Long> sequence;
        private KeyValueStore<String, FiringHistory> firingHistory;
        private StageCounter opened;
        private StageCounter changed;
        private StageCounter ignored;
        private StageCounter escalated;

        LifecycleProcessor(Supplier<RuleBook> rules, StageTimers timers, long firstSequence, DecodedCache decoded) {
            this.rules = rules;
            this.timers = timers;
            this.firstSequence = firstSequence;
            this.decoded = decoded;
        }

        @Override
        public void init(ProcessorContext<String, IncidentChange> context) {
            this.context = context;
            this.incidents = decoded.view(
                    context.getStateStore(StateStores.LIFECYCLE_INCIDENTS),
                    StageCounter.of(context, PROCESSOR, "incidents-decoded")::increment);
            this.sequence = context.getStateStore(StateStores.LIFECYCLE_SEQUENCE);
            this.firingHistory = context.getStateStore(StateStores.LIFECYCLE_FIRING_HISTORY);
            this.opened = StageCounter.of(context, PROCESSOR, "incidents-opened");
            this.changed = StageCounter.of(context, PROCESSOR, "incident-changes");
            this.ignored = StageCounter.of(context, PROCESSOR, "inputs-ignored");
            this.escalated = StageCounter.of(context, PROCESSOR, "escalations");
            timers.init(context, this::onTimer);
        }

        @Override
        public void process(Record<String, IncidentInput> record) {
            IncidentInput input = record.value();
            if (input == null || record.key() == null) {
                return;
            }
            Instant now = timers.now();
            String groupKey = record.key();
            IncidentRecord before = incidents.get(groupKey);
            IncidentGroup.Step step;
            if (input.alert() != null) {
                RouteRule route = route(input.alert().routeId());
                step = IncidentGroup.onAlert(before, input.alert(), route, this::nextIncidentId, now);
                step = holdTransient(step, input.alert().event(), route, now);
                if (LOG.isDebugEnabled()) { // every alert passes here: escape only what is logged
                    LOG.debug(
                            "Alert {} ({}) in group {}: {}",
                            LogText.safe(input.alert().event().eventId()),
                            LogText.safe(input.alert().event().fingerprint()),
                            LogText.safe(groupKey),
                            LogText.safe(step.reason()));
                }
            } else {
                RouteRule route = before != null && before.incident() != null
                        ? route(before.incident().routeId())
                        : rules.get().defaultRoute();
                step = IncidentGroup.onAction(before, input.action(), route, now);
                LOG.info(
                        "Action {} {} by {} on group {}: {}",
                        LogText.safe(input.action().actionId()),
                        input.action().type(),
                        LogText.safe(input.action().userId()),
                        LogText.safe(groupKey),
                        LogText.safe(step.reason()));
            }
            if (step.changes().isEmpty()) {
                ignored.increment();
            }
            apply(groupKey, before, step, record.timestamp());
        }

        /**
         * Records the transient-alert hold on the step ({@link TransientHolds}), decided from the fingerprint's
         * firings before this one, then adds this alert to that history. The history lives here because the lifecycle
         * already sees every transition of every member, in order, and decides when an incident opens, which is when
         * the hold is decided; it is keyed by fingerprint within the group's task, so a rules change that moves a
         * fingerprint to a group on another partition starts its history afresh.
         */
        private IncidentGroup.Step holdTransient(
                IncidentGroup.Step step, AlertEvent event, RouteRule route, Instant now) {
            FiringHistory history = firingHistory.get(event.fingerprint());
            history = history == null ? FiringHistory.EMPTY : history;
            IncidentGroup.Step marked = TransientHolds.mark(step, TransientHold.decide(history, route.hold()), now);
            FiringHistory next = history.after(event.status(), event.occurredAt());
            if (!next.equals(history)) {
                firingHistory.put(event.fingerprint(), next);
            }
            return marked;
        }

        private boolean onTimer(String groupKey, Instant at, Instant now) {
            IncidentRecord before = incidents.get(groupKey);
            if (before == null || before.incident() == null || !at.equals(before.timerAt())) {
                return false;
            }
            IncidentGroup.Step step =
                    IncidentGroup.onTimer(before, route(before.incident().routeId()), now);
            LOG.debug(
                    "Timer of group {} ({}): {}",
                    LogText.safe(groupKey),
                    before.incident().incidentId(),
                    LogText.safe(step.reason()));
            apply(groupKey, before, step, now.toEpochMilli());
            return true;
        }

        private void apply(String groupKey, IncidentRecord before, IncidentGroup.Step step, long timestamp) {
            IncidentRecord after = step.record();
            if (after != before) {
                timers.move(groupKey, before == null ? null : before.timerAt(), after == null ? null : after.timerAt());
                if (after == null) {
                    incidents.delete(groupKey);
                } else {
                    incidents.put(groupKey, after);
                }
            }
            for (IncidentChange change : step.changes()) {
                count(change);
                if (change.cause() == IncidentChange.Cause.OPENED || change.cause() == IncidentChange.Cause.CLOSED) {
                    LOG.info(
                            "Incident {} {} in group {} (channel {}): {}",
                            change.incident().incidentId(),
                            change.cause(),
                            LogText.safe(groupKey),
                            LogText.safe(change.incident().channel()),
                            LogText.safe(change.reason()));
                }
                context.forward(new Record<>(groupKey, change, timestamp));
            }
        }

        private void count(IncidentChange change) {
            switch (change.cause()) {
                case OPENED -> opened.increment();
                case ESCALATED -> escalated.increment();
                default -> {
                    // Counted with every other change below.
                }
            }
            changed.increment();
        }

        private RouteRule route(String routeId) {
            RuleBook book = rules.get();
            return book.route(routeId).orElseGet(book::defaultRoute);
        }

        private String nextIncidentId() {
            Long next = sequence.get(SEQUENCE_KEY);
            long value = next == null ? firstSequence : next;
            sequence.put(SEQUENCE_KEY, value + 1);
            return IncidentIds.format(context.taskId().partition(), value);
        }
    }
}
