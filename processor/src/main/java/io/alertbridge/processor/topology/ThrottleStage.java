package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.incident.ChannelState;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.processor.incident.OutboundIncident;
import io.alertbridge.processor.incident.ThrottlePolicy;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.DecodedCache;
import io.alertbridge.processor.store.DecodedValues;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage {@code throttle}: decides what reaches Slack and when ({@link ThrottlePolicy}): group wait, coalesced edits,
 * batched thread replies, per-channel pace, storm digests and incident-channel commands. Slack's limits are per
 * channel, so the stage works per channel: incident changes are re-keyed by channel through a repartition topic, and
 * one task sees everything about a channel. An incident's channel never changes, so its changes stay in order.
 *
 * <ul>
 *   <li>Input: key group key, value {@link IncidentChange} (from {@link LifecycleStage}).
 *   <li>Output: key group key (or {@code digest:<channel>}), value {@link NotificationCommand}.
 *   <li>Repartition topic: {@code <application.id>-}{@value #REPARTITION}{@code -repartition} (key channel).
 *   <li>Stores (changelogged, of the topology's {@link StoreKind}): {@value StateStores#THROTTLE_INCIDENTS}
 *       (incident id → {@link OutboundIncident}: what was shown and what waits), {@value StateStores#THROTTLE_CHANNELS}
 *       (channel → {@link ChannelState}: pace budgets, storm, digest), {@value StateStores#THROTTLE_TIMERS} (due
 *       instant + id → id: the timers of incidents ({@code i:}) and channels ({@code c:}), {@link StageTimers}).
 *       Processors: {@value #REKEY}, {@value #PROCESSOR}.
 * </ul>
 *
 * <p>Wall clock throughout when live: this is about Slack's pace and people's patience ({@link StageTimers}: record
 * time when a rebuild reprocesses history). Not thread-safe: Kafka Streams gives each task its own processor.
 */
public final class ThrottleStage {

    public static final String REPARTITION = "throttle-by-channel";
    public static final String REKEY = "throttle-key-by-channel";
    public static final String PROCESSOR = "throttle";

    private final IncidentsSlice config;
    private final Supplier<RuleBook> rules;
    private final StoreKind stores;
    private final TimeBase timeBase;
    private final Hop hop;
    private final DecodedCache decoded;

    /**
     * @param config the incident settings (the throttle's among them)
     * @param rules the rule book, read per record
     * @param stores the kind of its stores (the topology's, {@link AlertbridgeTopology})
     * @param timeBase what "now" is: the wall clock live, record time when reprocessing history
     * @param hop how changes reach the stage, re-keyed by channel (the topology's)
     * @param decoded the topology's decoded values, where the stage keeps the outbound incidents and channel states it
     *     reads and writes
     */
    public ThrottleStage(
            IncidentsSlice config,
            Supplier<RuleBook> rules,
            StoreKind stores,
            TimeBase timeBase,
            Hop hop,
            DecodedCache decoded) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.timeBase = Objects.requireNonNull(timeBase, "timeBase");
        this.hop = Objects.requireNonNull(hop, "hop");
        this.decoded = Objects.requireNonNull(decoded, "decoded");
    }

    /** Adds the stage and its stores to the builder and returns its output. */
    public KStream<String, NotificationCommand> build(StreamsBuilder builder, KStream<String, IncidentChange> changes) {
        builder.addStateStore(StateStores.throttleIncidents(stores));
        builder.addStateStore(StateStores.throttleChannels(stores));
        builder.addStateStore(StateStores.timerIndex(StateStores.THROTTLE_TIMERS, stores));
        return hop.repartition(
                        changes.selectKey(
                                (groupKey, change) -> change.incident().channel(), Named.as(REKEY)),
                        Repartitioned.with(Serdes.String(), CompactSerde.of(IncidentChange.class))
                                .withName(REPARTITION))
                .process(
                        () -> new ThrottleProcessor(
                                config,
                                rules,
                                new StageTimers(timeBase, config.throttleTick(), StateStores.THROTTLE_TIMERS),
                                decoded),
                        Named.as(PROCESSOR),
                        StateStores.THROTTLE_INCIDENTS,
                        StateStores.THROTTLE_CHANNELS,
                        StateStores.THROTTLE_TIMERS);
    }

    /** Store I/O around {@link ThrottlePolicy}; one per task. */
    static final class ThrottleProcessor implements Processor<String, IncidentChange, String, NotificationCommand> {

        private static final Logger LOG = LoggerFactory.getLogger(ThrottleProcessor.class);

        private static final String INCIDENT_TIMER = "i:";
        private static final String CHANNEL_TIMER = "c:";
        private static final Duration RULES_CHECK = Duration.ofSeconds(1);

        private final Supplier<RuleBook> rules;
        private final ThrottlePolicy policy;
        private final StageTimers timers;
        private final DecodedCache decoded;
        private ProcessorContext<String, NotificationCommand> context;
        private DecodedValues<OutboundIncident> incidents;
        private DecodedValues<ChannelState> channels;
        private RuleBook seenRules;
        private final Map<NotificationCommand.Type, StageCounter> sent = new EnumMap<>(NotificationCommand.Type.class);

        ThrottleProcessor(IncidentsSlice config, Supplier<RuleBook> rules, StageTimers timers, DecodedCache decoded) {
            this.rules = rules;
            this.timers = timers;
            this.decoded = decoded;
            this.policy = new ThrottlePolicy(config.throttle());
        }

        @Override
        public void init(ProcessorContext<String, NotificationCommand> context) {
            this.context = context;
            this.incidents = decoded.view(
                    context.getStateStore(StateStores.THROTTLE_INCIDENTS),
                    StageCounter.of(context, PROCESSOR, "incidents-decoded")::increment);
            this.channels = decoded.view(
                    context.getStateStore(StateStores.THROTTLE_CHANNELS),
                    StageCounter.of(context, PROCESSOR, "channels-decoded")::increment);
            for (NotificationCommand.Type type : NotificationCommand.Type.values()) {
                sent.put(
                        type,
                        StageCounter.of(
                                context, PROCESSOR, "commands-" + type.name().toLowerCase(Locale.ROOT)));
            }
            timers.init(context, this::onTimer);
            context.schedule(RULES_CHECK, PunctuationType.WALL_CLOCK_TIME, at -> followRules());
        }

        /**
         * When the rule book changed, brings every open incident channel in line with its route's responders: an
         * incident that changes no more would otherwise keep the old ones until it closes.
         */
        private void followRules() {
            RuleBook book = rules.get();
            if (book == seenRules) {
                return;
            }
            seenRules = book;
            Instant now = timers.now();
            List<OutboundIncident> stale = new ArrayList<>();
            try (KeyValueIterator<String, OutboundIncident> all = incidents.all()) {
                all.forEachRemaining(kv -> {
                    if (kv.value != null
                            && ThrottlePolicy.respondersChanged(
                                    kv.value, route(kv.value.latest().routeId()))) {
                        stale.add(kv.value);
                    }
                });
            }
            for (OutboundIncident before : stale) {
                ChannelState channel = channels.get(before.channel());
                LOG.info(
                        "Responders of the route of {} changed: updating its channel",
                        LogText.safe(before.incidentId()));
                apply(
                        before.incidentId(),
                        before,
                        channel,
                        policy.onIncidentDue(
                                before, channel, route(before.latest().routeId()), now),
                        now);
            }
        }

        @Override
        public void process(Record<String, IncidentChange> record) {
            IncidentChange change = record.value();
            if (change == null) {
                return;
            }
            Instant now = timers.now();
            String incidentId = change.incident().incidentId();
            OutboundIncident before = incidents.get(incidentId);
            ChannelState channel = channels.get(change.incident().channel());
            ThrottlePolicy.Step step = policy.onChange(
                    before, channel, change, route(change.incident().routeId()), now);
            apply(incidentId, before, channel, step, now);
        }

        private boolean onTimer(String id, Instant at, Instant now) {
            if (id.startsWith(INCIDENT_TIMER)) {
                String incidentId = id.substring(INCIDENT_TIMER.length());
                OutboundIncident before = incidents.get(incidentId);
                if (before == null || !at.equals(before.dueAt())) {
                    return false;
                }
                ChannelState channel = channels.get(before.channel());
                ThrottlePolicy.Step step = policy.onIncidentDue(
                        before, channel, route(before.latest().routeId()), now);
                apply(incidentId, before, channel, step, now);
                return true;
            }
            ChannelState channel = channels.get(id.substring(CHANNEL_TIMER.length()));
            if (channel == null || !at.equals(channel.dueAt())) {
                return false;
            }
            applyChannel(channel, policy.onChannelDue(channel, now), now);
            return true;
        }

        private void apply(
                String incidentId,
                OutboundIncident before,
                ChannelState channel,
                ThrottlePolicy.Step step,
                Instant now) {
            OutboundIncident after = step.incident();
            timers.move(
                    INCIDENT_TIMER + incidentId,
                    before == null ? null : before.dueAt(),
                    after == null ? null : after.dueAt());
            if (after == null) {
                if (before != null) {
                    incidents.delete(incidentId);
                }
            } else {
                incidents.put(incidentId, after);
            }
            applyChannel(channel, step, now);
        }

        private void applyChannel(ChannelState before, ThrottlePolicy.Step step, Instant now) {
            ChannelState after = step.channel();
            timers.move(CHANNEL_TIMER + after.channel(), before == null ? null : before.dueAt(), after.dueAt());
            channels.put(after.channel(), after);
            if (LOG.isDebugEnabled()) { // every change passes here: escape only what is logged
                for (String reason : step.reasons()) {
                    LOG.debug("Throttle {}: {}", LogText.safe(after.channel()), LogText.safe(reason));
                }
            }
            for (NotificationCommand command : step.commands()) {
                sent.get(command.type()).increment();
                context.forward(new Record<>(command.groupKey(), command, now.toEpochMilli()));
            }
        }

        private RouteRule route(String routeId) {
            RuleBook book = rules.get();
            return book.route(routeId).orElseGet(book::defaultRoute);
        }
    }
}
