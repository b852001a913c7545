package io.alertbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

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
 * <p>Run: {@code bench/run FullTopologyThroughput [records=40000] [partitions=2]}.
 */
public final class FullTopologyThroughput {

    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String PASS_THROUGH_TOPIC = "bench.pass-through";
    private static final DateTimeFormatter STATE_CHANGE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private FullTopologyThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("bench-full-topology");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
                admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, partitions, (short) 1)))
                        .all()
                        .get();
            }
            produce(
                    kafka,
                    topics.awsRaw(),
                    throughputWorkload(records, Instant.now().minus(Duration.ofHours(2))));
            System.out.printf(
                    "input: %,d CloudWatch alarm changes in SNS envelopes on %d partitions of %s%n",
                    records, partitions, topics.awsRaw().name());
            System.out.printf("%-26s %10s %12s%n", "topology", "seconds", "records/s");
            double[] passThrough = new double[ROUNDS];
            double[] full = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                passThrough[round] = runOrRetry(kafka, dir, "pass-through-" + round, records, false);
                full[round] = runOrRetry(kafka, dir, "full-topology-" + round, records, true);
            }
            double base = median(passThrough);
            double whole = median(full);
            System.out.printf(
                    "median pass-through %.0f records/s, median full topology %.0f records/s: "
                            + "the full topology runs at %.2f of pass-through (%.1fx slower)%n",
                    base, whole, whole / base, base / whole);
        }
        storm();
    }

    /**
     * A run, retried once with a fresh application when it stalls: on the in-process broker (Kafka 4.3.1, transactions
     * v2) a transactional producer now and then loops on OUT_OF_ORDER_SEQUENCE_NUMBER after a CONCURRENT_TRANSACTIONS
     * answer and never finishes its batch. A stalled run measures the broker, not the topology; it is reported.
     */
    static double runOrRetry(EmbeddedKafka kafka, Path dir, String name, int records, boolean full) throws Exception {
        try {
            return run(kafka, dir, name, records, full);
        } catch (IllegalStateException stalled) {
            System.out.printf("%-26s stalled (%s); retried once%n", name, stalled.getMessage());
            return run(kafka, dir, name + "-retry", records, full);
        }
    }

    private static double run(EmbeddedKafka kafka, Path dir, String name, int records, boolean full) throws Exception {
        ProcessorConfig config = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix("bench.")
                .stateDir(dir.resolve(name).toString())
                .applicationId("bench-" + name)
                .build();
        Topology topology = full
                ? new AlertbridgeTopology(config, new LiveRuleBook(routes(), "#alerts")).build()
                : passThrough(config);
        String output = full ? config.topicCatalog().incidents().name() : PASS_THROUGH_TOPIC;
        try (ProcessorApp app = ProcessorApp.of(config, topology);
                KafkaConsumer<String, byte[]> consumer = reader(kafka, output)) {
            app.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (app.state() != KafkaStreams.State.RUNNING) {
                check(deadline, name + " never reached RUNNING: " + app.state());
                consumer.poll(Duration.ofMillis(50));
            }
            long started = System.nanoTime();
            long seen = 0;
            while (seen < records) {
                check(deadline, name + ": only " + seen + " of " + records + " outputs");
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = records / seconds;
            System.out.printf("%-26s %10.2f %12.0f%n", name, seconds, rate);
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
                    null));
        }
        return rules;
    }

    private static Topology passThrough(ProcessorConfig config) {
        TopicSpec<String, RawAwsMessage> raw = config.topicCatalog().awsRaw();
        StreamsBuilder builder =
                new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
        builder.stream(
                        raw.name(),
                        Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-source"))
                .to(
                        PASS_THROUGH_TOPIC,
                        Produced.with(raw.keySerde(), raw.valueSerde()).withName("copy-sink"));
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
                256 * 1024);
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

    private static KafkaConsumer<String, byte[]> reader(EmbeddedKafka kafka, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-reader-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void check(long deadline, String message) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(message);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The storm of the scenario test, through the whole topology on a simulated wall clock. */
    static void storm() throws Exception {
        int instances = 400;
        int alarmsPerInstance = 5;
        int total = instances * alarmsPerInstance;
        Instant t0 = Instant.parse("2024-03-04T10:00:00Z");
        ProcessorConfig config = ProcessorConfig.builder()
                .stateDir(Files.createTempDirectory("bench-storm").toString())
                .bootstrapServers("driver:9092")
                .build();
        Topics topics = config.topicCatalog();
        List<NotificationCommand> commands = new ArrayList<>();
        Map<String, Incident> incidents = new HashMap<>();
        Topology topology = new AlertbridgeTopology(config, new LiveRuleBook(routes(), "#alerts")).build();
        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                TopologyTestDriver driver =
                        new TopologyTestDriver(topology, StreamsProperties.from(config, memory), t0)) {
            TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
            TestInputTopic<String, RawAwsMessage> in = driver.createInputTopic(
                    raw.name(), new StringSerializer(), raw.valueSerde().serializer());
            TestOutputTopic<String, NotificationCommand> out = driver.createOutputTopic(
                    topics.notifications().name(),
                    new StringDeserializer(),
                    topics.notifications().valueSerde().deserializer());
            TestOutputTopic<String, Incident> incidentsOut = driver.createOutputTopic(
                    topics.incidents().name(),
                    new StringDeserializer(),
                    topics.incidents().valueSerde().deserializer());
            Instant now = t0;
            for (int i = 0; i < total; i++) {
                int instance = i % instances;
                Instant at = t0.plusMillis(Duration.ofMinutes(2).toMillis() * i / total);
                while (now.isBefore(at)) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                    now = now.plusSeconds(1);
                }
                String team = "abc".charAt(instance % 3) + "";
                RawAwsMessage message = alarmChange(
                        "team-" + team + "-m" + (i / instances) + "-i" + instance, "i-" + instance, true, at);
                in.pipeInput(message.recordKey(), message, at);
            }
            for (int s = 0; s < 600; s++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            commands.addAll(out.readValuesToList());
            incidentsOut
                    .readValuesToList()
                    .forEach(i -> incidents.merge(i.incidentId(), i, (a, b) -> b.version() >= a.version() ? b : a));
        }
        Map<NotificationCommand.Type, Integer> byType = new TreeMap<>();
        Map<String, Map<Long, Integer>> perMinute = new TreeMap<>();
        for (NotificationCommand c : commands) {
            byType.merge(c.type(), 1, Integer::sum);
            perMinute
                    .computeIfAbsent(c.channel(), k -> new TreeMap<>())
                    .merge(Duration.between(t0, c.createdAt()).toMinutes(), 1, Integer::sum);
        }
        int busiest = perMinute.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        System.out.printf(
                "storm: %,d alarms from %d instances in 2 minutes, 3 channels -> %d incidents holding %d alerts%n",
                total,
                instances,
                incidents.size(),
                incidents.values().stream().mapToInt(Incident::alertCount).sum());
        System.out.printf(
                "storm: %d Slack commands = %.1f per 1,000 alerts (one message per alarm: 1,000)%n",
                commands.size(), commands.size() * 1000.0 / total);
        System.out.printf("storm: by type %s; busiest channel-minute %d commands%n", byType, busiest);
    }
}
