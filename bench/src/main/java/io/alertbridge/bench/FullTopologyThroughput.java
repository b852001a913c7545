package io.alertbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Records per second through the whole processor topology ({@link AlertbridgeTopology}: normalize → dedupe → silence
 * → correlate → lifecycle → throttle → outbox, the rules topic as a global store) on a real in-process broker with
 * the processor's runtime settings (exactly-once, bounded RocksDB memory), next to a pass-through topology (read the
 * raw topic, write the same records, same serdes, same settings) in the same run; then the Slack commands per 1,000
 * alerts of the outage storm (2,000 CloudWatch alarms from 400 instances in 2 minutes across 3 channels), played
 * through the whole topology on a simulated wall clock.
 *
 * <p>Input: CloudWatch alarm state changes in SNS envelopes, as the SQS bridge writes them; every one changes its
 * alarm's state (instances x 4 alarms enter ALARM, then OK), so every input ends as one update on the incidents topic
 * and a run is over when that topic holds one record per input (read committed). Each run is a fresh application on
 * an empty state directory; rounds alternate; medians are compared.
 *
 * <p>Run: {@code bench/run FullTopologyThroughput [records=40000] [partitions=2] [threads=1]} ({@code threads}: stream
 * threads of every topology). {@link ScalingCurve} runs the same rounds over a grid of threads and partitions.
 */
public final class FullTopologyThroughput {

    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STALL = Duration.ofSeconds(30);

    /** Each round's CPU time per record, by round name, for the medians printed at the end. */
    private static final Map<String, RoundCpu> CPU = new ConcurrentHashMap<>();

    private static final DateTimeFormatter STATE_CHANGE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private FullTopologyThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Layout layout = Layout.DEFAULT.withThreads(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        Path dir = Files.createTempDirectory("bench-full-topology");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            prepare(kafka, layout, partitions, records);
            System.out.printf(
                    "input: %,d CloudWatch alarm changes in SNS envelopes on %d partitions of %s; %d stream thread(s)%n",
                    records, partitions, layout.topics().awsRaw().name(), layout.threads());
            System.out.printf("Streams overrides: %s%n", BenchStreams.overrides());
            System.out.printf(
                    "%-26s %10s %12s %14s %14s%n",
                    "topology", "seconds", "records/s", "stream CPU µs", "process CPU µs");
            double[] passThrough = new double[ROUNDS];
            double[] sameHops = new double[ROUNDS];
            double[] full = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                passThrough[round] = run(kafka, dir, "pass-through-" + round, records, Shape.PASS_THROUGH, layout);
                sameHops[round] = run(kafka, dir, "same-hops-" + round, records, Shape.SAME_HOPS, layout);
                full[round] = run(kafka, dir, "full-topology-" + round, records, Shape.FULL, layout);
            }
            double base = median(passThrough);
            double shape = median(sameHops);
            double whole = median(full);
            System.out.printf(
                    "median pass-through %.0f records/s, median same hops %.0f records/s, median full topology %.0f"
                            + " records/s: the full topology runs at %.2f of pass-through (%.1fx slower); its shape"
                            + " alone (same hops, stores and outputs, no logic) at %.2f of pass-through%n",
                    base, shape, whole, whole / base, base / whole, shape / base);
            System.out.printf(
                    "CPU time per record, medians (stream threads / whole process with the broker): pass-through"
                            + " %.0f / %.0f µs, same hops %.0f / %.0f µs, full topology %.0f / %.0f µs%n",
                    medianCpu("pass-through-", true),
                    medianCpu("pass-through-", false),
                    medianCpu("same-hops-", true),
                    medianCpu("same-hops-", false),
                    medianCpu("full-topology-", true),
                    medianCpu("full-topology-", false));
        }
        storm();
    }

    /**
     * A run, no longer retried (the name stays for its callers). Rounds used to be retried once when they "stalled";
     * every stall audited record by record ({@link LiveUpdatesAudit}) had one of three causes, none of them the
     * broker's exactly-once: the round's reader (it started at the earliest offset of a topic the rounds share and
     * dropped what it read before RUNNING, so it counted other rounds' outputs or missed some of its own; fixed in
     * {@link #run}), the history producer looping on OUT_OF_ORDER_SEQUENCE_NUMBER after a refused first batch (fixed
     * in {@link #produce}), and until the dedupe fix of 2026-12-02 a real lost update (an OK that overtook its ALARM
     * was dropped). The OUT_OF_ORDER_SEQUENCE_NUMBER answers that follow a CONCURRENT_TRANSACTIONS one on the
     * transactional producer are retried by the producer and pass within a retry backoff (see bench/README.md,
     * "Exactly-once stalls on the in-process broker"). A round that does not finish now fails the benchmark.
     */
    static double runOrRetry(EmbeddedKafka kafka, Path dir, String name, int records, boolean full) throws Exception {
        return runOrRetry(kafka, dir, name, records, full ? Shape.FULL : Shape.PASS_THROUGH);
    }

    /** What a round runs. */
    enum Shape {
        /** Read the raw topic, write the same records. */
        PASS_THROUGH,
        /** The full topology's hops, stores and outputs without its logic ({@link SameHopsTopology}). */
        SAME_HOPS,
        /** The processor's topology. */
        FULL
    }

    /** One round of the given shape in the default layout (not retried: see {@link #runOrRetry}). */
    static double runOrRetry(EmbeddedKafka kafka, Path dir, String name, int records, Shape shape) throws Exception {
        return run(kafka, dir, name, records, shape, Layout.DEFAULT);
    }

    /**
     * Where the rounds of one benchmark read and write, and how many stream threads the topologies get: several
     * layouts (one per partition count, each with its own topic prefix) share one broker in {@link ScalingCurve}.
     *
     * @param prefix the topic prefix of the catalog and of the pass-through's output topic
     * @param threads {@code streams.numThreads} of every topology
     */
    record Layout(String prefix, int threads) {

        static final Layout DEFAULT = new Layout("bench.", 1);

        Layout withThreads(int other) {
            return new Layout(prefix, other);
        }

        Topics topics() {
            return Topics.withPrefix(prefix);
        }

        String passThroughTopic() {
            return prefix + "pass-through";
        }
    }

    /** Creates the layout's topics with {@code partitions} and fills its raw topic with the throughput workload. */
    static void prepare(EmbeddedKafka kafka, Layout layout, int partitions, int records) throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    layout.topics(),
                    new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
            admin.createTopics(List.of(new NewTopic(layout.passThroughTopic(), partitions, (short) 1)))
                    .all()
                    .get();
        }
        produce(
                kafka,
                layout.topics().awsRaw(),
                throughputWorkload(records, Instant.now().minus(Duration.ofHours(2))));
    }

    /** {@link #run(EmbeddedKafka, Path, String, int, Shape, Layout)} of the full topology or the pass-through. */
    static double run(EmbeddedKafka kafka, Path dir, String name, int records, boolean full, Layout layout)
            throws Exception {
        return run(kafka, dir, name, records, full ? Shape.FULL : Shape.PASS_THROUGH, layout);
    }

    /**
     * One run in the layout: the application reads the layout's raw topic and the rate is taken on its output topic
     * (read committed), from the first output (or RUNNING) to {@code records} outputs.
     *
     * @throws IllegalStateException when it stalls (no output for 30 s once running) or times out
     */
    static double run(EmbeddedKafka kafka, Path dir, String name, int records, Shape shape, Layout layout)
            throws Exception {
        ProcessorConfig base = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(layout.prefix())
                .stateDir(dir.resolve(name).toString())
                .build();
        ProcessorConfig config = BenchStreams.withOverrides(base.toBuilder()
                .streams(base.streams().toBuilder().numThreads(layout.threads()).build())
                .applicationId("bench-" + name)
                .build());
        Topology topology =
                switch (shape) {
                    case FULL -> new AlertbridgeTopology(config, new LiveRuleBook(routes(), "#alerts")).build();
                    case SAME_HOPS ->
                        SameHopsTopology.build(
                                config,
                                config.topicCatalog().alerts().name(),
                                config.topicCatalog().incidents().name());
                    case PASS_THROUGH -> passThrough(config, layout.passThroughTopic());
                };
        String output = shape == Shape.PASS_THROUGH
                ? layout.passThroughTopic()
                : config.topicCatalog().incidents().name();
        // The output topic is shared by the rounds: count from where it ends before this round starts, and count
        // everything after that, also what the topology writes before Kafka Streams reports RUNNING (some tasks run
        // while others still restore). Subscribing from the earliest offset and dropping what arrived before RUNNING,
        // as this did before, counted earlier rounds' outputs as this round's or dropped some of this round's, and the
        // round then waited for outputs that would never come (see bench/README.md, "The live baseline's count").
        try (KafkaConsumer<String, byte[]> consumer = readerFromEnd(kafka, output);
                ProcessorApp app = ProcessorApp.of(config, topology)) {
            long processCpuAtStart = RoundCpu.processNanos();
            Map<String, ThreadGroupCpu.Ticks> threadsAtStart = ThreadGroupCpu.snapshot();
            app.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long started = -1;
            long lastOutput = System.nanoTime();
            long seen = 0;
            while (seen < records) {
                check(
                        deadline,
                        started < 0
                                ? name + " never reached RUNNING: " + app.state()
                                : name + ": only " + seen + " of " + records
                                        + " outputs (LiveUpdatesAudit accounts for each input)");
                if (started < 0 && app.state() == KafkaStreams.State.RUNNING) {
                    started = System.nanoTime();
                }
                int got =
                        consumer.poll(Duration.ofMillis(started < 0 ? 50 : 100)).count();
                if (started < 0 && got > 0) {
                    started = System.nanoTime();
                }
                seen += got;
                lastOutput = got > 0 ? System.nanoTime() : lastOutput;
                if (started >= 0) {
                    // A live application commits every 100 ms: this long without any output is a stall.
                    check(
                            lastOutput + STALL.toNanos(),
                            name + ": no output for " + STALL.toSeconds() + " s at " + seen);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = records / seconds;
            RoundCpu cpu = RoundCpu.of(config.streams().applicationId(), processCpuAtStart, records);
            Map<String, Double> byKind = ThreadGroupCpu.secondsByKind(threadsAtStart, ThreadGroupCpu.snapshot());
            CPU.put(name, cpu);
            System.out.printf(
                    "%-26s %10.2f %12.0f %14.0f %14.0f%n",
                    name, seconds, rate, cpu.streamThreadMicros(), cpu.processMicros());
            System.out.printf("    CPU seconds by thread kind: %s%n", topKinds(byKind, 10));
            return rate;
        }
    }

    /** Instances x 4 alarms: each alarm enters ALARM, then (after every alarm fired) OK. */
    static List<RawAwsMessage> throughputWorkload(int total, Instant start) {
        int perInstance = 8;
        int instances = Math.max(1, total / perInstance);
        List<RawAwsMessage> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int instance = i % instances;
            int step = i / instances;
            boolean alarm = step < perInstance / 2;
            String team = "abc".charAt(instance % 3) + "";
            out.add(alarmChange(
                    "team-" + team + "-m" + (step % (perInstance / 2)) + "-i" + instance,
                    "i-" + instance,
                    alarm,
                    start.plusMillis(i)));
        }
        return out;
    }

    /** A CloudWatch alarm's state change in an SNS envelope, as the SQS bridge writes it. */
    static RawAwsMessage alarmChange(String alarmName, String instanceId, boolean alarm, Instant at) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("AlarmName", alarmName);
        message.put("AWSAccountId", "123456789012");
        message.put("NewStateValue", alarm ? "ALARM" : "OK");
        message.put("NewStateReason", "Threshold Crossed");
        message.put("StateChangeTime", STATE_CHANGE_TIME.format(at));
        message.put("Region", "EU (London)");
        message.put("AlarmArn", "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:" + alarmName);
        message.put("OldStateValue", alarm ? "OK" : "ALARM");
        ObjectNode trigger = message.putObject("Trigger");
        trigger.put("MetricName", "CPUUtilization");
        trigger.put("Namespace", "AWS/EC2");
        trigger.put("Statistic", "AVERAGE");
        trigger.putArray("Dimensions").addObject().put("value", instanceId).put("name", "InstanceId");
        trigger.put("Period", 60);
        trigger.put("EvaluationPeriods", 1);
        trigger.put("ComparisonOperator", "GreaterThanThreshold");
        trigger.put("Threshold", 80.0);
        String messageId = UUID.nameUUIDFromBytes(
                        (alarmName + "|" + alarm + "|" + at.toEpochMilli()).getBytes(StandardCharsets.UTF_8))
                .toString();
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", "arn:aws:sns:eu-west-2:123456789012:alertbridge-alarms");
        envelope.put("Message", message.toString());
        envelope.put("Timestamp", at.toString());
        return new RawAwsMessage(
                "https://sqs.eu-west-2.amazonaws.com/123456789012/alertbridge-alarms",
                UUID.randomUUID().toString(),
                messageId,
                envelope.toString(),
                Map.of(),
                Map.of("ApproximateReceiveCount", "1"),
                1,
                at,
                at);
    }

    static List<Rule> routes() {
        List<Rule> rules = new ArrayList<>();
        for (String team : List.of("a", "b", "c")) {
            rules.add(new RouteRule(
                    "team-" + team,
                    10,
                    List.of(Matcher.parse("alarm=~team-" + team + "-.*")),
                    "#team-" + team,
                    List.of("resource"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return rules;
    }

    private static Topology passThrough(ProcessorConfig config, String output) {
        TopicSpec<String, RawAwsMessage> raw = config.topicCatalog().awsRaw();
        StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
        builder.stream(
                        raw.name(),
                        Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-source"))
                .to(output, Produced.with(raw.keySerde(), raw.valueSerde()).withName("copy-sink"));
        return builder.build();
    }

    static void produce(EmbeddedKafka kafka, TopicSpec<String, RawAwsMessage> topic, List<RawAwsMessage> messages)
            throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                // One request in flight: the topics were just created, and when a partition's first batch is refused
                // (NOT_LEADER_OR_FOLLOWER while leadership settles) a later batch of the same partition could be
                // written before it; the idempotent producer then retries the first one forever with
                // OUT_OF_ORDER_SEQUENCE_NUMBER and the history is never written (seen here: raw-1 stuck at seq 0).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (RawAwsMessage message : messages) {
                producer.send(new ProducerRecord<>(
                        topic.name(),
                        message.recordKey(),
                        topic.valueSerde().serializer().serialize(topic.name(), message)));
            }
            producer.flush();
        }
    }

    /** A read-committed consumer of every partition of {@code topic}, positioned at its current end. */
    private static KafkaConsumer<String, byte[]> readerFromEnd(EmbeddedKafka kafka, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the round writes anything.
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void check(long deadline, String message) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(message);
        }
    }

    /** The {@code limit} largest entries as "kind 1.23 s", comma separated. */
    private static String topKinds(Map<String, Double> secondsByKind, int limit) {
        return secondsByKind.entrySet().stream()
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The median over the rounds whose name starts with {@code prefix} of their stream threads' or process's CPU. */
    private static double medianCpu(String prefix, boolean streamThreads) {
        return median(CPU.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(e -> streamThreads
                        ? e.getValue().streamThreadMicros()
                        : e.getValue().processMicros())
                .toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The storm of the scenario test, through the whole topology on a simulated wall clock ({@link OutageStorm}, which
     * also runs on its own and carries the commands out with a Slack sink).
     */
    static void storm() throws Exception {
        OutageStorm.report(OutageStorm.simulate());
    }
}
