package io.alertbridge.bench;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.processor.topology.StreamsProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * The floor under the whole topology: its shape without its logic. The raw records (bytes, never parsed) take the
 * same three repartition hops as an alert takes through the processor (by fingerprint, by incident group, by
 * channel), are written to the same number of changelogged, cached RocksDB stores (dedupe 2, lifecycle 1, throttle
 * 2) and to two output topics, all exactly-once, as the processor's settings say. What the full topology costs above
 * this is its own work (parsing, state values, decisions); what this costs above a pass-through is the shape.
 */
final class SameHopsTopology {

    private static final List<String> HOPS =
            List.of("same-hops-by-fingerprint", "same-hops-by-group", "same-hops-by-channel");
    private static final List<List<String>> STORES = List.of(
            List.of("same-hops-dedupe-ids", "same-hops-dedupe-fingerprints"),
            List.of("same-hops-lifecycle"),
            List.of("same-hops-throttle-incidents", "same-hops-throttle-channels"));

    private SameHopsTopology() {}

    /** Reads the raw topic, writes every record once to {@code sideOutput} after the first hop and to {@code output}. */
    static Topology build(ProcessorConfig config, String sideOutput, String output) {
        StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
        KStream<String, byte[]> stream = builder.stream(
                config.topicCatalog().awsRaw().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("same-hops-source"));
        for (int hop = 0; hop < HOPS.size(); hop++) {
            List<String> stores = STORES.get(hop);
            for (String store : stores) {
                builder.addStateStore(Stores.keyValueStoreBuilder(
                                StoreKind.DURABLE.keyValue(store), Serdes.String(), Serdes.ByteArray())
                        .withCachingEnabled());
            }
            stream = stream.repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                            .withName(HOPS.get(hop)))
                    .process(
                            () -> new PutEverywhere(stores),
                            Named.as(HOPS.get(hop) + "-stores"),
                            stores.toArray(String[]::new));
            if (hop == 0) {
                stream.to(
                        sideOutput,
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("same-hops-side-sink"));
            }
        }
        stream.to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("same-hops-sink"));
        return builder.build();
    }

    /** Puts each record's value into every store of its hop under its key, and passes it on. */
    private static final class PutEverywhere extends ContextualProcessor<String, byte[], String, byte[]> {
        private final List<String> names;

        PutEverywhere(List<String> names) {
            this.names = names;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            for (String name : names) {
                KeyValueStore<String, byte[]> store = context().getStateStore(name);
                store.put(record.key(), record.value());
            }
            context().forward(record);
        }
    }
}
