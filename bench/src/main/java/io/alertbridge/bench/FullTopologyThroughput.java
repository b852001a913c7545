package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.IncidentConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.IncidentStages;
import io.alertbridge.processor.topology.RulesStage;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Records per second through the incident topology (silence → correlate → lifecycle → throttle → outbox, with the
 * rules global store) on a real in-process broker with exactly-once, next to a pass-through topology (read and write
 * the same records, exactly-once) measured in the same run; and the Slack commands per 1,000 alerts of the outage-storm
 * scenario (2,000 alarms from 400 resources in 2 minutes across 3 channels), played on a simulated wall clock.
 *
 * <p>Input: {@code AlertEvent}s on the alerts topic (what Processor I's dedupe writes), every one a status change, so
 * every input changes one incident and the run is over when the incidents topic holds one record per input. Each
 * topology starts from an empty state directory and a fresh application id, reading the same pre-produced records;
 * the clock runs from RUNNING to the last output read (read committed).
 *
 * <p>Run: {@code bench/run FullTopologyThroughput [alerts=40000] [partitions=2]}.
 */
public final class FullTopologyThroughput {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private FullTopologyThroughput() {}

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf(
                "FullTopologyThroughput: %,d alert events, %d partitions, exactly_once_v2, in-process broker%n",
                alerts, partitions);
        System.out.println("Input: AlertEvents on the alerts topic (the incident stages alone; see bench/README.md)");
        Path stateRoot = Files.createTempDirectory("bench-full-topology");
        try (EmbeddedKafka kafka = EmbeddedKafka.forTests()) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
                admin.createTopics(List.of(new NewTopic("bench.passthrough", partitions, (short) 1)))
                        .all()
                        .get();
            }
            produce(kafka, topics.alerts(), throughputWorkload(alerts));

            double passThrough = measure(
                    "pass-through", kafka, passThrough(topics), "bench.passthrough", alerts, stateRoot.resolve("pass"));
            double incidents = measure(
                    "incident stages",
                    kafka,
                    incidentTopology(topics),
                    topics.incidents().name(),
                    alerts,
                    stateRoot.resolve("incidents"));
            System.out.printf("%-22s %12.0f records/s%n", "pass-through", passThrough);
            System.out.printf("%-22s %12.0f records/s%n", "incident stages", incidents);
            System.out.printf("ratio incident/pass-through: %.2f%n", incidents / passThrough);
        }
        storm();
    }

    /** Every event a status change: resources x 4 alarms FIRING, then the same RESOLVED. */
    static List<AlertEvent> throughputWorkload(int total) {
        int perResource = 8;
        int resources = Math.max(1, total / perResource);
        List<AlertEvent> out = new ArrayList<>(total);
        Instant start = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < total; i++) {
            int resource = i % resources;
            int step = i / resources;
            AlertStatus status = step < perResource / 2 ? AlertStatus.FIRING : AlertStatus.RESOLVED;
            int alarm = step % (perResource / 2);
            out.add(alarm(
                    "alarm-" + alarm + "-r" + resource,
                    "r-" + resource,
                    "abc".charAt(resource % 3) + "",
                    status,
                    start.plusMillis(i)));
        }
        return out;
    }

    static AlertEvent alarm(String name, String resource, String team, AlertStatus status, Instant at) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("account", "123456789012");
        labels.put("region", "eu-west-2");
        labels.put("team", team);
        labels.put("resource", resource);
        String fingerprint = "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:" + name;
        return new AlertEvent(
                fingerprint + "@" + status + "@" + at.toEpochMilli(),
                fingerprint,
                "cloudwatch",
                status,
                Severity.ERROR,
                name + " on " + resource,
                null,
                at,
                labels,
                null,
                null,
                null);
    }

    static List<Rule> routes() {
        List<Rule> rules = new ArrayList<>();
        for (String team : List.of("a", "b", "c")) {
            rules.add(new RouteRule(
                    "team-" + team,
                    10,
                    List.of(Matcher.parse("team=" + team)),
                    "#team-" + team,
                    List.of("resource"),
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

    static Topology passThrough(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        topics.alerts().name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("in"))
                .to(
                        "bench.passthrough",
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    static Topology incidentTopology(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        LiveRuleBook rules = new LiveRuleBook(routes(), "#alerts");
        new RulesStage(topics).build(builder, rules);
        TopicSpec<String, AlertEvent> alerts = topics.alerts();
        KStream<String, AlertEvent> in = builder.stream(
                alerts.name(),
                Consumed.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-source"));
        IncidentStages.build(builder, in, topics, IncidentConfig.defaults(), rules);
        return builder.build();
    }

    static void produce(EmbeddedKafka kafka, TopicSpec<String, AlertEvent> topic, List<AlertEvent> events)
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
            for (AlertEvent event : events) {
                producer.send(new ProducerRecord<>(
                        topic.name(),
                        event.fingerprint(),
                        topic.valueSerde().serializer().serialize(topic.name(), event)));
            }
            producer.flush();
        }
    }

    static double measure(
            String name, EmbeddedKafka kafka, Topology topology, String outputTopic, int expected, Path stateDir)
            throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + name.replace(' ', '-') + "-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(topology, props);
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
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(outputTopic));
            streams.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING) {
                check(deadline, name + " never reached RUNNING: " + streams.state());
                consumer.poll(Duration.ofMillis(50));
            }
            long start = System.nanoTime();
            long seen = 0;
            while (seen < expected) {
                check(deadline, name + ": only " + seen + " of " + expected + " outputs");
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-22s %,d records in %.1f s%n", name, expected, seconds);
            return expected / seconds;
        }
    }

    private static void check(long deadline, String message) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(message);
        }
    }

    /** The storm of the scenario test, on a simulated wall clock: Slack commands per 1,000 alerts. */
    static void storm() throws Exception {
        int resources = 400;
        int alarmsPerResource = 5;
        int total = resources * alarmsPerResource;
        Instant t0 = Instant.parse("2024-03-04T10:00:00Z");
        Topics topics = Topics.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-storm");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("bench-storm").toString());
        List<NotificationCommand> commands = new ArrayList<>();
        Map<String, Incident> incidents = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(incidentTopology(topics), props, t0)) {
            TopicSpec<String, AlertEvent> alertTopic = topics.alerts();
            TestInputTopic<String, AlertEvent> in = driver.createInputTopic(
                    alertTopic.name(),
                    new StringSerializer(),
                    alertTopic.valueSerde().serializer());
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
                int resource = i % resources;
                Instant at = t0.plusMillis(Duration.ofMinutes(2).toMillis() * i / total);
                while (now.isBefore(at)) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                    now = now.plusSeconds(1);
                }
                AlertEvent event = alarm(
                        "alarm-" + (i / resources) + "-r" + resource,
                        "r-" + resource,
                        "abc".charAt(resource % 3) + "",
                        AlertStatus.FIRING,
                        at);
                in.pipeInput(event.fingerprint(), event, at);
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
        int maxPerChannelMinute = perMinute.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        System.out.printf(
                "storm: %,d alarms, %d resources, 3 channels, 2 minutes -> %d incidents%n",
                total, resources, incidents.size());
        System.out.printf(
                "storm: %d Slack commands = %.1f per 1,000 alerts (baseline without Alertbridge: 1,000)%n",
                commands.size(), commands.size() * 1000.0 / total);
        System.out.printf("storm: by type %s; busiest channel-minute %d commands%n", byType, maxPerChannelMinute);
        System.out.printf(
                "storm: alerts held by incidents %d%n",
                incidents.values().stream().mapToInt(Incident::alertCount).sum());
    }
}
