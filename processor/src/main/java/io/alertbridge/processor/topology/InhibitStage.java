package io.alertbridge.processor.topology;

import io.alertbridge.processor.inhibit.InhibitGroup;
import io.alertbridge.processor.inhibit.InhibitInput;
import io.alertbridge.processor.inhibit.Inhibition;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage {@code inhibit}, between silence and correlate: marks the targets of a firing inhibition source as inhibited
 * (recorded on their incident, never notified, like a silenced alert) and releases those still firing when their
 * sources resolve (see {@link Inhibition}).
 *
 * <ul>
 *   <li>Input: marked alerts from the silence stage, key fingerprint, value {@link AlertEvent}.
 *   <li>Output: the same alerts (targets marked when inhibited) and the released targets, key fingerprint, value
 *       {@link AlertEvent}; the correlate stage re-keys them by incident group.
 *   <li>Sources and targets have different fingerprints, so the alerts that take part in inhibition go through the
 *       repartition topic {@code <application.id>-}{@value #REPARTITION}{@code -repartition}, keyed by group (rule id
 *       and {@code equal} label values), value {@link InhibitInput}: a source once per group it is a source of, a
 *       target once. Alerts that take no part go on at once.
 *   <li>Store {@value StateStores#INHIBIT_GROUPS}: per group, its firing sources and its held targets' latest events
 *       ({@link InhibitGroup}); a group with neither is deleted.
 * </ul>
 *
 * <p>The rules are read once per alert (its {@link Inhibition.Plan}), so a rule applied while it is in flight cannot
 * send it down both paths or neither.
 */
public final class InhibitStage {

    /** The repartition topic's name (Kafka Streams adds the application id and {@code -repartition}). */
    public static final String REPARTITION = "inhibit-groups";

    public static final String PLAN = "inhibit-plan";
    public static final String PROCESSOR = "inhibit-decide";

    private static final Logger LOG = LoggerFactory.getLogger(InhibitStage.class);

    private final Supplier<RuleBook> rules;
    private final StoreKind stores;
    private final Hop hop;

    /** The stage with stores of the given kind, its alerts re-keyed by group through the repartition topic. */
    public InhibitStage(Supplier<RuleBook> rules, StoreKind stores) {
        this(rules, stores, Hop.THROUGH_TOPIC);
    }

    /** The stage with the stores and the hop of the topology ({@link AlertbridgeTopology}). */
    public InhibitStage(Supplier<RuleBook> rules, StoreKind stores, Hop hop) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.hop = Objects.requireNonNull(hop, "hop");
    }

    /** Adds the stage and its store to the builder and returns its output. */
    public KStream<String, AlertEvent> build(StreamsBuilder builder, KStream<String, AlertEvent> alerts) {
        builder.addStateStore(StateStores.inhibitGroups(stores));
        KStream<String, Planned> planned = alerts.filter((key, event) -> event != null, Named.as(PLAN + "-present"))
                .mapValues(event -> new Planned(event, Inhibition.plan(event, rules.get())), Named.as(PLAN));
        KStream<String, AlertEvent> untouched = planned.filter(
                        (key, p) -> p.plan().targetGroup() == null, Named.as(PLAN + "-not-a-target"))
                .mapValues(Planned::event, Named.as(PLAN + "-pass"));
        KStream<String, AlertEvent> decided = hop.repartition(
                        planned.filter((key, p) -> !p.plan().isBystander(), Named.as(PLAN + "-takes-part"))
                                .flatMap((key, p) -> inputs(p), Named.as(PLAN + "-by-group")),
                        Repartitioned.with(Serdes.String(), CompactSerde.of(InhibitInput.class))
                                .withName(REPARTITION))
                .process(InhibitProcessor::new, Named.as(PROCESSOR), StateStores.INHIBIT_GROUPS);
        return untouched.merge(decided, Named.as(PROCESSOR + "-merge"));
    }

    private static List<KeyValue<String, InhibitInput>> inputs(Planned planned) {
        List<KeyValue<String, InhibitInput>> inputs = new ArrayList<>();
        // Sources first: an alert that is a source and the target of one group is recorded before it is judged.
        if (!planned.plan().sourceGroups().isEmpty()) {
            AlertEvent source = asSource(planned.event());
            for (String group : planned.plan().sourceGroups()) {
                inputs.add(KeyValue.pair(group, new InhibitInput(InhibitInput.Role.SOURCE, null, source)));
            }
        }
        if (planned.plan().targetGroup() != null) {
            inputs.add(KeyValue.pair(
                    planned.plan().targetGroup(),
                    new InhibitInput(InhibitInput.Role.TARGET, planned.plan().targetRule(), planned.event())));
        }
        return inputs;
    }

    /**
     * What a source's group needs of it (identity, status, title, time), so the many sources that only might inhibit
     * (every CloudWatch alarm may be an actions suppressor) cost a small record on the repartition topic; the event
     * itself goes on at once.
     */
    private static AlertEvent asSource(AlertEvent event) {
        return new AlertEvent(
                event.eventId(),
                event.fingerprint(),
                event.source(),
                event.status(),
                event.severity(),
                event.title(),
                null,
                event.occurredAt(),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null);
    }

    private record Planned(AlertEvent event, Inhibition.Plan plan) {}

    private static final class InhibitProcessor extends ContextualProcessor<String, InhibitInput, String, AlertEvent> {

        private KeyValueStore<String, InhibitGroup> groups;

        @Override
        public void init(ProcessorContext<String, AlertEvent> context) {
            super.init(context);
            groups = context.getStateStore(StateStores.INHIBIT_GROUPS);
        }

        @Override
        public void process(Record<String, InhibitInput> record) {
            InhibitInput input = record.value();
            if (input == null || record.key() == null) {
                return;
            }
            InhibitGroup group = groups.get(record.key());
            if (group == null) {
                group = InhibitGroup.EMPTY;
            }
            Inhibition.Outcome outcome = input.role() == InhibitInput.Role.SOURCE
                    ? Inhibition.onSource(group, input.event())
                    : Inhibition.onTarget(group, input.event(), input.rule());
            if (outcome.group().isEmpty()) {
                groups.delete(record.key());
            } else if (!outcome.group().equals(group)) {
                groups.put(record.key(), outcome.group());
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Inhibition group {}: {} {}: {}",
                        LogText.safe(record.key()),
                        input.role(),
                        LogText.safe(input.event().fingerprint()),
                        LogText.safe(outcome.reason()));
            }
            for (AlertEvent event : outcome.emit()) {
                context().forward(record.withKey(event.fingerprint()).withValue(event));
            }
        }
    }
}
