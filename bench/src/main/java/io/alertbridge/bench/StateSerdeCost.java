package io.alertbridge.bench;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.dedupe.LastTransition;
import io.alertbridge.processor.incident.ChannelState;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.processor.incident.IncidentRecord;
import io.alertbridge.processor.incident.OutboundIncident;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per write and read of the processor's state values and repartition records in the JSON it used to write
 * ({@link JsonSerde}) and in the CBOR it writes now ({@link CompactSerde}), on the values a real run leaves behind:
 * {@code FullTopologyThroughput}'s workload played through the whole topology ({@link TopologyTestDriver}, no broker),
 * then every value of the lifecycle, throttle and dedupe stores and the alerts taken from it. Measured in this thread's
 * CPU time (not wall time), so the figure holds on a loaded machine; JSON is the baseline of the same run.
 *
 * <p>Run: {@code bench/run StateSerdeCost [records=8000] [rounds=5] [sample]}: {@code sample} also prints one lifecycle value
 * as JSON.
 */
public final class StateSerdeCost {

    private StateSerdeCost() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 8_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Instant t0 = Instant.parse("2024-03-04T10:00:00Z");
        ProcessorConfig config = ProcessorConfig.builder()
                .stateDir(Files.createTempDirectory("bench-serde").toString())
                .bootstrapServers("driver:9092")
                .build();
        Topics topics = config.topicCatalog();
        List<IncidentRecord> lifecycle;
        List<OutboundIncident> outbound;
        List<ChannelState> channels;
        List<LastTransition> fingerprints;
        List<AlertEvent> alerts;
        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                TopologyTestDriver driver = new TopologyTestDriver(
                        new AlertbridgeTopology(config, new LiveRuleBook(FullTopologyThroughput.routes(), "#alerts"))
                                .build(),
                        StreamsProperties.from(config, memory),
                        t0)) {
            TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
            TestInputTopic<String, RawAwsMessage> in = driver.createInputTopic(
                    raw.name(), new StringSerializer(), raw.valueSerde().serializer());
            // Only the first half (every alarm enters ALARM), so the incidents are open and carry their members.
            for (RawAwsMessage m :
                    FullTopologyThroughput.throughputWorkload(records, t0).subList(0, records / 2)) {
                in.pipeInput(m.recordKey(), m, m.receivedAt());
            }
            driver.advanceWallClockTime(Duration.ofMinutes(1));
            lifecycle = values(driver.getKeyValueStore(StateStores.LIFECYCLE_INCIDENTS));
            outbound = values(driver.getKeyValueStore(StateStores.THROTTLE_INCIDENTS));
            channels = values(driver.getKeyValueStore(StateStores.THROTTLE_CHANNELS));
            fingerprints = values(driver.getKeyValueStore(StateStores.DEDUPE_FINGERPRINTS));
            alerts = driver.createOutputTopic(
                            topics.alerts().name(),
                            new StringDeserializer(),
                            topics.alerts().valueSerde().deserializer())
                    .readValuesToList();
        }
        List<IncidentChange> changes = new ArrayList<>();
        for (IncidentRecord r : lifecycle) {
            changes.add(new IncidentChange(
                    r.incident(), IncidentChange.Cause.ALERT, r.incident().timeline(), true, false, 0, null, "x"));
        }
        System.out.printf("values from %,d alarm changes through the whole topology%n", records / 2);
        if (args.length > 2 && args[2].equals("sample") && !lifecycle.isEmpty()) {
            System.out.println(new String(
                    JsonSerde.of(IncidentRecord.class).serialize("t", lifecycle.get(0)),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        System.out.printf(
                "%-28s %7s %9s %9s %11s %11s %7s%n",
                "value", "count", "JSON B", "CBOR B", "JSON ns/op", "CBOR ns/op", "ratio");
        double json = 0;
        double compact = 0;
        for (Row<?> row : List.of(
                new Row<>("IncidentRecord (lifecycle)", IncidentRecord.class, lifecycle),
                new Row<>("IncidentChange (repartition)", IncidentChange.class, changes),
                new Row<>("OutboundIncident (throttle)", OutboundIncident.class, outbound),
                new Row<>("ChannelState (throttle)", ChannelState.class, channels),
                new Row<>("LastTransition (dedupe)", LastTransition.class, fingerprints),
                new Row<>("AlertEvent (repartition)", AlertEvent.class, alerts))) {
            double[] r = row.measure(rounds);
            json += r[2] * row.values.size();
            compact += r[3] * row.values.size();
        }
        System.out.printf(
                "all values above, one write and one read each: CBOR takes %.2f of JSON's CPU time%n", compact / json);
    }

    private static <V> List<V> values(KeyValueStore<String, V> store) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                values.add(kv.value);
            }
        }
        return values;
    }

    private record Row<T>(String name, Class<T> type, List<T> values) {

        /** Bytes and CPU ns per write + read: {jsonBytes, cborBytes, jsonNs, cborNs}, medians over the rounds. */
        double[] measure(int rounds) {
            if (values.isEmpty()) {
                System.out.printf("%-28s %7d (none in this run)%n", name, 0);
                return new double[] {0, 0, 0, 0};
            }
            JsonSerde<T> json = JsonSerde.of(type);
            CompactSerde<T> compact = CompactSerde.of(type);
            double[] jsonNs = new double[rounds];
            double[] cborNs = new double[rounds];
            long jsonBytes = 0;
            long cborBytes = 0;
            for (T v : values) {
                jsonBytes += json.serialize("t", v).length;
                cborBytes += compact.serialize("t", v).length;
            }
            // Warm both up, then alternate rounds.
            time(json, json);
            time(compact, compact);
            for (int r = 0; r < rounds; r++) {
                jsonNs[r] = time(json, json);
                cborNs[r] = time(compact, compact);
            }
            java.util.Arrays.sort(jsonNs);
            java.util.Arrays.sort(cborNs);
            double j = jsonNs[rounds / 2];
            double c = cborNs[rounds / 2];
            System.out.printf(
                    "%-28s %7d %9.0f %9.0f %11.0f %11.0f %7.2f%n",
                    name,
                    values.size(),
                    (double) jsonBytes / values.size(),
                    (double) cborBytes / values.size(),
                    j,
                    c,
                    c / j);
            return new double[] {jsonBytes, cborBytes, j, c};
        }

        private double time(Serializer<T> serializer, Deserializer<T> deserializer) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int repeat = Math.max(1, 20_000 / values.size());
            long sink = 0;
            long start = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < repeat; k++) {
                for (T v : values) {
                    byte[] bytes = serializer.serialize("t", v);
                    sink += deserializer.deserialize("t", bytes).hashCode();
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (sink == 42) {
                System.out.print("");
            }
            return (double) cpu / (repeat * (long) values.size());
        }
    }
}
