package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one exactly-once hop costs in latency: records sent one at a time at a steady pace through a chain of
 * {@code hops} repartition topics (each record re-keyed at every hop, so it changes partition as the processor's
 * records do), from the send to the moment a read-committed consumer sees it on the output topic. The application
 * runs with the processor's own Streams settings ({@link ProcessorApp}: exactly-once v2, the 100 ms commit interval);
 * {@code -Dbench.streams.NAME=VALUE} in {@code BENCH_JAVA_OPTS} overrides any of them ({@link BenchStreams}). A chain
 * of 0 hops (source to sink, one transaction) is the baseline measured in the same run; the cost of a hop is the
 * difference divided by the hops.
 *
 * <p>Run: {@code bench/run HopLatency [hops=0,1,3] [records=200] [intervalMs=100] [transactionVersion=2]
 * [partitions=2] [stores=0]}. Each chain first gets 40 unmeasured records. With {@code stores} above 0, each hop's
 * processor reads and writes its record's key in that many stores of its own, as the processor's stages do: RocksDB,
 * cached, changelogged (the processor's bounded RocksDB memory).
 */
public final class HopLatency {

    private static final int WARM_UP = 40;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private HopLatency() {}

    public static void main(String[] args) throws Exception {
        int[] chains = Arrays.stream((args.length > 0 ? args[0] : "0,1,3").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        short transactionVersion = args.length > 3 ? Short.parseShort(args[3]) : 2;
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int stores = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        System.out.printf(
                "HopLatency: chains %s, %d records each every %d ms, transaction.version=%d, %d partitions, "
                        + "%d stores a hop, overrides %s%n",
                Arrays.toString(chains),
                records,
                intervalMs,
                transactionVersion,
                partitions,
                stores,
                BenchStreams.overrides());
        Path dir = Files.createTempDirectory("bench-hops");
        try (EmbeddedKafka kafka = TestKitKafka.start(transactionVersion, MetadataVersion.latestTesting())) {
            System.out.printf(
                    "%-8s %10s %10s %10s %10s %14s%n", "hops", "p50 ms", "p90 ms", "p99 ms", "max ms", "p50 per hop");
            double baseline = Double.NaN;
            for (int hops : chains) {
                double[] millis = run(kafka, dir, hops, records, intervalMs, partitions, stores);
                double p50 = percentile(millis, 0.50);
                if (hops == 0) {
                    baseline = p50;
                }
                System.out.printf(
                        "%-8d %10.1f %10.1f %10.1f %10.1f %14s%n",
                        hops,
                        p50,
                        percentile(millis, 0.90),
                        percentile(millis, 0.99),
                        millis[millis.length - 1],
                        hops == 0 || Double.isNaN(baseline) ? "-" : String.format("%.1f", (p50 - baseline) / hops));
            }
        }
    }

    /** Sorted latencies in milliseconds of {@code records} records through a chain of {@code hops}. */
    private static double[] run(
            EmbeddedKafka kafka, Path dir, int hops, int records, int intervalMs, int partitions, int stores)
            throws Exception {
        String id = "bench-hops-" + hops + "-" + UUID.randomUUID().toString().substring(0, 8);
        String input = id + ".in";
        String output = id + ".out";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(input, partitions, (short) 1), new NewTopic(output, partitions, (short) 1)))
                    .all()
                    .get();
        }
        ProcessorConfig config = BenchStreams.withOverrides(ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .stateDir(dir.resolve(id).toString())
                .applicationId(id)
                .build());
        try (KafkaConsumer<String, byte[]> reader = reader(kafka, output);
                KafkaProducer<String, byte[]> sender = sender(kafka);
                ProcessorApp app = ProcessorApp.of(config, chain(config, input, output, hops, stores))) {
            app.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (app.state() != KafkaStreams.State.RUNNING) {
                check(deadline, id + " never reached RUNNING: " + app.state());
                reader.poll(Duration.ofMillis(50));
            }
            send(sender, reader, input, WARM_UP, intervalMs, deadline);
            return send(sender, reader, input, records, intervalMs, deadline);
        }
    }

    /**
     * Sends {@code records} records {@code intervalMs} apart, each carrying its send instant, and reads the output
     * until every one arrived; returns their latencies, sorted.
     */
    private static double[] send(
            KafkaProducer<String, byte[]> sender,
            KafkaConsumer<String, byte[]> reader,
            String input,
            int records,
            int intervalMs,
            long deadline)
            throws Exception {
        List<Double> latencies = new ArrayList<>(records);
        long next = System.nanoTime();
        int sent = 0;
        while (latencies.size() < records) {
            check(deadline, "only " + latencies.size() + " of " + records + " records arrived");
            long now = System.nanoTime();
            if (sent < records && now >= next) {
                byte[] stamp = ByteBuffer.allocate(Long.BYTES).putLong(now).array();
                sender.send(new ProducerRecord<>(input, UUID.randomUUID().toString(), stamp));
                sender.flush();
                sent++;
                next += intervalMs * 1_000_000L;
            }
            long waitMs = sent < records ? Math.max(1, (next - System.nanoTime()) / 1_000_000L) : 100;
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(waitMs))) {
                long arrived = System.nanoTime();
                latencies.add((arrived - ByteBuffer.wrap(record.value()).getLong()) / 1e6);
            }
        }
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /**
     * Source, then {@code hops} times re-keyed through a repartition topic (and past {@code stores} stores), then the
     * output topic.
     */
    private static Topology chain(ProcessorConfig config, String input, String output, int hops, int stores) {
        StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
        KStream<String, byte[]> stream = builder.stream(
                input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"));
        for (int hop = 1; hop <= hops; hop++) {
            stream = stream.selectKey((key, value) -> key + "'", Named.as("rekey-" + hop))
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                            .withName("hop-" + hop));
            if (stores > 0) {
                String[] names = new String[stores];
                for (int i = 0; i < stores; i++) {
                    names[i] = "hop-" + hop + "-store-" + i;
                    builder.addStateStore(Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore(names[i]), Serdes.String(), Serdes.ByteArray())
                            .withCachingEnabled());
                }
                stream = stream.process(() -> new StoreTouch(names), Named.as("touch-" + hop), names);
            }
        }
        stream.to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    /** Reads and writes the record's key in each of its stores, then passes the record on. */
    private static final class StoreTouch implements Processor<String, byte[], String, byte[]> {

        private final String[] names;
        private final List<KeyValueStore<String, byte[]>> stores = new ArrayList<>();
        private ProcessorContext<String, byte[]> context;

        StoreTouch(String[] names) {
            this.names = names;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            for (String name : names) {
                stores.add(context.getStateStore(name));
            }
        }

        @Override
        public void process(Record<String, byte[]> record) {
            for (KeyValueStore<String, byte[]> store : stores) {
                store.get(record.key());
                store.put(record.key(), record.value());
            }
            context.forward(record);
        }
    }

    private static KafkaConsumer<String, byte[]> reader(EmbeddedKafka kafka, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + topic,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        5),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static KafkaProducer<String, byte[]> sender(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        0,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static double percentile(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void check(long deadline, String message) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(message);
        }
    }
}
