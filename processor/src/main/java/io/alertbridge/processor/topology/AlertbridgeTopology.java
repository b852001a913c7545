package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.processor.incident.IncidentInput;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.DecodedCache;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.function.Supplier;

/**
 * The whole processor topology, composed in one place; the same {@link #build()} serves the runner and the tests.
 *
 * <pre>
 * alertbridge.aws.raw ────────► normalize ─────────────┐
 *                                  │ scores (by series) │
 * alertbridge.anomaly.scores ──────┴─► detect ──────────┴─► dedupe ─┬─► alertbridge.alerts
 *                                                                   └─► silence ─► inhibit ─► correlate ─► lifecycle ─┬─► alertbridge.incidents
 * alertbridge.actions ──────────────────────────────────────────────────────────────┘              └─► throttle ─► outbox
 *                                                                                         └─► alertbridge.notifications
 * raw, scores, normalized + detected alerts, alertbridge.heartbeats ─► heartbeat ─► (merged before dedupe)
 * alertbridge.rules (compacted) ─► global store ─► the rule book every stage reads
 * unreadable anywhere ─► alertbridge.dlq
 * </pre>
 *
 * <p>Two ways to give it rules: a {@link LiveRuleBook}, which the rules topic changes at run time (the processor), or
 * any fixed {@code Supplier<RuleBook>} (replays under rules given on the command line, tests): then the rules topic
 * is not read at all.
 *
 * <p>Its stores are of one {@link StoreKind}, chosen here once: {@link StoreKind#DURABLE} (RocksDB) for the processor
 * and every topology built with a constructor, {@link StoreKind#EPHEMERAL} for a replay ({@link #forReplay}), whose
 * state dies with the run: on the heap, neither cached nor changelogged. Names and serdes are the same for both. Its
 * stages re-key as {@code streams.hops} says ({@link Hop#of}): through repartition topics ({@link Hop#THROUGH_TOPIC}),
 * or straight on to the next stage in the same task ({@link Hop#IN_TASK}) where every input topic has one partition;
 * a replay's always go straight on, since Kafka's test driver runs it as one task.
 *
 * <p>Built with {@code ensure.explicit.internal.resource.naming}: every store, repartition topic and processor has
 * a name, so a rename can never silently orphan state.
 */
public final class AlertbridgeTopology {

    private final ProcessorConfig config;
    private final Supplier<RuleBook> rules;
    private final LiveRuleBook live;
    private final Topics inputs;
    private final TimeBase timeBase;
    private final long firstIncidentSequence;
    private final StoreKind stores;
    private final Hop hop;

    /**
     * A topology under fixed rules: the rules topic is not read.
     *
     * @param config the processor's configuration (each stage gets its slice)
     * @param rules the rule book, read per record
     */
    public AlertbridgeTopology(ProcessorConfig config, Supplier<RuleBook> rules) {
        this(config, rules, null, StoreKind.DURABLE, Hop.of(config.streams().hops()));
    }

    /**
     * A topology that follows the rules topic: {@code rules} starts with the file's rules and changes as rules are
     * applied, without a restart.
     *
     * @param config the processor's configuration (each stage gets its slice)
     * @param rules the live rule book, fed by the rules topic's global store
     */
    public AlertbridgeTopology(ProcessorConfig config, LiveRuleBook rules) {
        this(config, rules, rules, StoreKind.DURABLE, Hop.of(config.streams().hops()));
    }

    private AlertbridgeTopology(
            ProcessorConfig config, Supplier<RuleBook> rules, LiveRuleBook live, StoreKind stores, Hop hop) {
        this(config, rules, live, stores, hop, config.topicCatalog(), TimeBase.WALL_CLOCK, 0);
    }

    private AlertbridgeTopology(
            ProcessorConfig config,
            Supplier<RuleBook> rules,
            LiveRuleBook live,
            StoreKind stores,
            Hop hop,
            Topics inputs,
            TimeBase timeBase,
            long firstIncidentSequence) {
        this.config = config;
        this.rules = rules;
        this.live = live;
        this.stores = stores;
        this.hop = hop;
        this.inputs = inputs;
        this.timeBase = timeBase;
        this.firstIncidentSequence = firstIncidentSequence;
    }

    /**
     * The same topology reprocessing history ({@code replay --rebuild}): it reads the raw, anomaly-score and action
     * topics of {@code history} while every output goes to the configured catalog (the rebuild's own), runs on
     * {@link TimeBase#RECORD_TIME}, and numbers incidents from {@code firstIncidentSequence} on. Its stores stay
     * durable: they are the state a processor switched to the rebuild carries on with; its hops stay topics, since it
     * runs on the real runtime, in as many tasks as the processor.
     *
     * @param history the catalog whose input topics hold the history
     * @param firstIncidentSequence where each lifecycle task's incident sequence starts (see {@link LifecycleStage})
     */
    public AlertbridgeTopology reprocessing(Topics history, long firstIncidentSequence) {
        return new AlertbridgeTopology(
                config, rules, live, stores, hop, history, TimeBase.RECORD_TIME, firstIncidentSequence);
    }

    /**
     * The topology of a replay: under fixed rules, with {@link StoreKind#EPHEMERAL} stores (key-value stores on the
     * heap, no changelogs, no caches) and {@link Hop#IN_TASK} hops. A replay's state lives only as long as the run,
     * so it does not pay RocksDB on every read, write and commit, nor a changelog record per change; and Kafka's test
     * driver runs it as one task, so a re-keyed record would only travel through a repartition topic back to it.
     *
     * @param config the processor's configuration (each stage gets its slice)
     * @param rules the rules to replay under
     */
    public static AlertbridgeTopology forReplay(ProcessorConfig config, Supplier<RuleBook> rules) {
        return new AlertbridgeTopology(config, rules, null, StoreKind.EPHEMERAL, Hop.IN_TASK);
    }

    /** The kind of every store of this topology. */
    public StoreKind stores() {
        return stores;
    }

    /** How every re-keyed record of this topology reaches its next stage. */
    public Hop hop() {
        return hop;
    }

    /**
     * The same topology with its re-keyed records taking {@code other} hops: the topology through repartition topics
     * is the reference that {@link Hop#IN_TASK} is held to (a replay's, and the processor's on one partition, whose
     * tasks {@link Hop#checkTask} refuses beyond the first).
     */
    public AlertbridgeTopology withHop(Hop other) {
        return new AlertbridgeTopology(config, rules, live, stores, other, inputs, timeBase, firstIncidentSequence);
    }

    /** Builds the topology. */
    public Topology build() {
        StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
        compose(builder);
        return builder.build();
    }

    /**
     * Adds every stage to the builder.
     *
     * @return the deduplicated alert events, keyed and partitioned by fingerprint
     */
    public KStream<String, AlertEvent> compose(StreamsBuilder builder) {
        Topics topics = config.topicCatalog();
        TopicSpec<String, RawAwsMessage> raw = inputs.awsRaw();
        TopicSpec<String, AnomalyScore> scores = inputs.anomalyScores();
        TopicSpec<String, AlertEvent> alertsTopic = topics.alerts();
        if (live != null) {
            new RulesStage(topics, stores).build(builder, live);
        }

        KStream<String, RawAwsMessage> rawMessages = builder.stream(
                raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("aws-raw-source"));
        NormalizeStage.Outputs normalized = new NormalizeStage(
                        config.normalize(), topics, hop, timeBase == TimeBase.RECORD_TIME)
                .build(builder, rawMessages);
        // Scores that detectors published through SNS or SQS take the same hysteresis as those from Kafka.
        KStream<String, AnomalyScore> allScores = builder.stream(
                        scores.name(),
                        Consumed.with(scores.keySerde(), scores.valueSerde()).withName("anomaly-scores-source"))
                .merge(normalized.scores(), Named.as("scores-from-kafka-and-aws"));
        KStream<String, AlertEvent> detected =
                new DetectStage(config.detect(), rules, topics, stores).build(builder, allScores);
        KStream<String, AlertEvent> undeduplicated =
                normalized.events().merge(detected, Named.as("normalized-and-detected"));
        TopicSpec<String, HeartbeatBeat> pings = inputs.heartbeats();
        KStream<String, AlertEvent> heartbeatAlerts = new HeartbeatStage(
                        rules, stores, timeBase == TimeBase.WALL_CLOCK && stores == StoreKind.DURABLE, hop)
                .build(
                        builder,
                        rawMessages,
                        allScores,
                        undeduplicated,
                        builder.stream(
                                pings.name(),
                                Consumed.with(pings.keySerde(), pings.valueSerde())
                                        .withName("heartbeats-source")));
        KStream<String, AlertEvent> alerts = new DedupeStage(config.dedupe(), topics, stores, hop)
                .build(builder, undeduplicated.merge(heartbeatAlerts, Named.as("with-heartbeat-alerts")));

        alerts.to(
                alertsTopic.name(),
                Produced.with(alertsTopic.keySerde(), alertsTopic.valueSerde()).withName("alerts-sink"));

        TopicSpec<String, UserAction> actionsTopic = inputs.actions();
        KStream<String, UserAction> actions = builder.stream(
                actionsTopic.name(),
                Consumed.with(actionsTopic.keySerde(), actionsTopic.valueSerde())
                        .withName("actions-source"));
        KStream<String, AlertEvent> silenced = new SilenceStage(rules).build(builder, alerts);
        KStream<String, AlertEvent> marked = new InhibitStage(rules, stores, hop).build(builder, silenced);
        KStream<String, IncidentInput> incidentInputs = new CorrelateStage(rules, hop).build(builder, marked, actions);
        // One bound on decoded state values for the whole process, whatever the tasks it owns (DecodedCache).
        DecodedCache decoded = new DecodedCache(config.streams().decodedValues());
        KStream<String, IncidentChange> changes = new LifecycleStage(
                        config.incidents(), rules, stores, timeBase, firstIncidentSequence, decoded)
                .build(builder, incidentInputs);
        KStream<String, NotificationCommand> commands =
                new ThrottleStage(config.incidents(), rules, stores, timeBase, hop, decoded).build(builder, changes);
        new OutboxStage(topics).build(builder, changes, commands);
        return alerts;
    }
}
