package io.alertbridge.processor.topology;

import io.alertbridge.processor.app.StreamsProperties;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.RawAwsMessage;
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
 * alertbridge.aws.raw ────────► normalize ─┐
 *                                          ├─► dedupe ─► alertbridge.alerts
 * alertbridge.anomaly.scores ─► detect ────┘      └────► (Processor II: silence → correlate → lifecycle → ...)
 * unreadable anywhere ─► alertbridge.dlq
 * </pre>
 *
 * <p>Built with {@code ensure.explicit.internal.resource.naming}: every store, repartition topic and processor has
 * a name, so a rename can never silently orphan state.
 */
public final class AlertbridgeTopology {

    private final ProcessorConfig config;
    private final Supplier<RuleBook> rules;

    /**
     * @param config the processor's configuration (each stage gets its slice)
     * @param rules the current rule book, read per record (a file's today, the rules topic's later)
     */
    public AlertbridgeTopology(ProcessorConfig config, Supplier<RuleBook> rules) {
        this.config = config;
        this.rules = rules;
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
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        TopicSpec<String, AnomalyScore> scores = topics.anomalyScores();
        TopicSpec<String, AlertEvent> alertsTopic = topics.alerts();

        KStream<String, AlertEvent> normalized = new NormalizeStage(config.normalize(), topics)
                .build(
                        builder,
                        builder.stream(
                                raw.name(),
                                Consumed.with(raw.keySerde(), raw.valueSerde()).withName("aws-raw-source")));
        KStream<String, AlertEvent> detected = new DetectStage(config.detect(), rules, topics)
                .build(
                        builder,
                        builder.stream(
                                scores.name(),
                                Consumed.with(scores.keySerde(), scores.valueSerde())
                                        .withName("anomaly-scores-source")));
        KStream<String, AlertEvent> alerts = new DedupeStage(config.dedupe(), topics)
                .build(builder, normalized.merge(detected, Named.as("normalized-and-detected")));

        alerts.to(
                alertsTopic.name(),
                Produced.with(alertsTopic.keySerde(), alertsTopic.valueSerde()).withName("alerts-sink"));

        // ------------------------------------------------------------------------------------------------------
        // Processor II consumes `alerts` here (deduplicated AlertEvents keyed and partitioned by fingerprint):
        //   silence → correlate → lifecycle → throttle → outbox
        // e.g. new OutboxStage(...).build(builder, new ThrottleStage(...).build(builder, ... .build(builder, alerts)));
        // ------------------------------------------------------------------------------------------------------
        return alerts;
    }
}
