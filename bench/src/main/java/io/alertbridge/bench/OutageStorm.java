package io.alertbridge.bench;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ApiCall;
import io.alertbridge.devkit.slack.ChannelSpec;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The outage storm: 2,000 CloudWatch alarms from 400 instances (5 alarms each) in 2 minutes across 3 channels, played
 * through the whole processor topology on a simulated wall clock (a TopologyTestDriver, ten quiet minutes after the
 * last alarm), then the commands it produced carried out by a running Slack sink against the local Slack workspace
 * over real HTTP.
 *
 * <p>Prints: the commands by kind (posts, edits, thread replies, escalations, digest posts and digest edits) and per
 * channel-minute; when each channel got its first message, after its first alarm; where the 2,000 alarms ended up
 * (in an incident's own message or counted in a digest); and the Slack calls the sink really made for those commands,
 * by method. The budget is Slack calls per 1,000 alerts (issue 17: at most 15).
 *
 * <p>Replay modes: {@code fast} (default) sends every command at once with the workspace's rate limits off, to count
 * calls; {@code realtime} sends each command at its simulated instant (the storm's minutes in real minutes) with
 * Slack's limits enforced, and counts the 429 answers; {@code none} skips the sink.
 *
 * <p>The routes are those of {@link FullTopologyThroughput} (one per team, grouped by resource, default storm limit)
 * with the given group wait (default: the routes' default, 30 s).
 *
 * <p>Run: {@code bench/run OutageStorm [fast|realtime|none] [groupWaitSeconds]}.
 */
public final class OutageStorm {

    static final int INSTANCES = 400;
    static final int ALARMS_PER_INSTANCE = 5;
    static final Duration SPREAD = Duration.ofMinutes(2);
    static final Duration QUIET_AFTER = Duration.ofMinutes(10);
    static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    static final List<String> CHANNELS = List.of("#team-a", "#team-b", "#team-c");

    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);
    private static final long POLL_NANOS = 20_000_000;

    private OutageStorm() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String replay = args.length > 0 ? args[0] : "fast";
        Duration groupWait = args.length > 1 ? Duration.ofSeconds(Long.parseLong(args[1])) : null;
        Storm storm = simulate(groupWait);
        report(storm);
        if (!"none".equals(replay)) {
            replay(storm, "realtime".equals(replay));
        }
    }

    /**
     * What the topology produced.
     *
     * @param alarms alarms played
     * @param commands the notification commands, in order
     * @param incidents the latest snapshot of every incident
     * @param firstAlarm each channel's first alarm
     */
    record Storm(
            int alarms,
            List<NotificationCommand> commands,
            Map<String, Incident> incidents,
            Map<String, Instant> firstAlarm) {}

    /** Plays the storm through the whole topology on a simulated wall clock, the routes' group wait the default. */
    static Storm simulate() throws Exception {
        return simulate(null);
    }

    /** Plays the storm with the routes' group wait set to {@code groupWait} (null: the default). */
    static Storm simulate(Duration groupWait) throws Exception {
        int total = INSTANCES * ALARMS_PER_INSTANCE;
        ProcessorConfig config = ProcessorConfig.builder()
                .stateDir(Files.createTempDirectory("bench-storm").toString())
                .bootstrapServers("driver:9092")
                .build();
        Topics topics = config.topicCatalog();
        List<NotificationCommand> commands = new ArrayList<>();
        Map<String, Incident> incidents = new HashMap<>();
        Map<String, Instant> firstAlarm = new TreeMap<>();
        List<Rule> routes = FullTopologyThroughput.routes().stream()
                .map(rule -> (Rule) withGroupWait((RouteRule) rule, groupWait))
                .toList();
        Topology topology = new AlertbridgeTopology(config, new LiveRuleBook(routes, "#alerts")).build();
        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                TopologyTestDriver driver =
                        new TopologyTestDriver(topology, StreamsProperties.from(config, memory), T0)) {
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
            Instant now = T0;
            for (int i = 0; i < total; i++) {
                int instance = i % INSTANCES;
                Instant at = T0.plusMillis(SPREAD.toMillis() * i / total);
                while (now.isBefore(at)) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                    now = now.plusSeconds(1);
                    commands.addAll(out.readValuesToList());
                }
                String team = String.valueOf("abc".charAt(instance % 3));
                firstAlarm.putIfAbsent("#team-" + team, at);
                RawAwsMessage message = FullTopologyThroughput.alarmChange(
                        "team-" + team + "-m" + (i / INSTANCES) + "-i" + instance, "i-" + instance, true, at);
                in.pipeInput(message.recordKey(), message, at);
            }
            for (long s = 0; s < QUIET_AFTER.toSeconds(); s++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            commands.addAll(out.readValuesToList());
            incidentsOut
                    .readValuesToList()
                    .forEach(i -> incidents.merge(i.incidentId(), i, (a, b) -> b.version() >= a.version() ? b : a));
        }
        return new Storm(total, commands, incidents, firstAlarm);
    }

    private static RouteRule withGroupWait(RouteRule r, Duration groupWait) {
        return new RouteRule(
                r.id(),
                r.order(),
                r.matchers(),
                r.channel(),
                r.groupBy(),
                r.groupWindow(),
                groupWait == null ? r.groupWait() : groupWait,
                r.updateInterval(),
                r.escalation(),
                r.storm(),
                r.incidentChannel(),
                r.mentions(),
                r.receivers(),
                null,
                null);
    }

    /** The kind of a command as people see it: a digest's first send is a post, later ones are edits. */
    static Map<String, Integer> mix(List<NotificationCommand> commands) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String kind : List.of("post", "edit", "thread reply", "escalation", "digest post", "digest edit")) {
            mix.put(kind, 0);
        }
        Set<String> digestsSeen = new HashSet<>();
        for (NotificationCommand c : commands) {
            String kind =
                    switch (c.type()) {
                        case POST -> "post";
                        case UPDATE -> "edit";
                        case THREAD_REPLY -> "thread reply";
                        case ESCALATION -> "escalation";
                        case DIGEST -> digestsSeen.add(c.digest().digestId()) ? "digest post" : "digest edit";
                        default -> c.type().name().toLowerCase(java.util.Locale.ROOT);
                    };
            mix.merge(kind, 1, Integer::sum);
        }
        return mix;
    }

    static void report(Storm storm) {
        List<NotificationCommand> commands = storm.commands();
        int alerts = storm.incidents().values().stream()
                .mapToInt(Incident::alertCount)
                .sum();
        System.out.printf(
                "storm: %,d alarms from %d instances in %d minutes, %d channels -> %d incidents holding %d alerts%n",
                storm.alarms(),
                INSTANCES,
                SPREAD.toMinutes(),
                CHANNELS.size(),
                storm.incidents().size(),
                alerts);
        System.out.printf(
                "storm: %d Slack commands = %.1f per 1,000 alerts%n",
                commands.size(), commands.size() * 1000.0 / storm.alarms());
        System.out.printf("storm: mix %s%n", mix(commands));
        Map<String, Map<Long, Integer>> perMinute = new TreeMap<>();
        for (NotificationCommand c : commands) {
            perMinute
                    .computeIfAbsent(c.channel(), k -> new TreeMap<>())
                    .merge(Duration.between(T0, c.createdAt()).toMinutes(), 1, Integer::sum);
        }
        int busiest = perMinute.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        System.out.printf("storm: per channel and minute %s; busiest channel-minute %d commands%n", perMinute, busiest);
        for (Map.Entry<String, Instant> first : storm.firstAlarm().entrySet()) {
            commands.stream()
                    .filter(c -> first.getKey().equals(c.channel()))
                    .findFirst()
                    .ifPresent(c -> System.out.printf(
                            "storm: %s first message %s after its first alarm (%s)%n",
                            first.getKey(), Duration.between(first.getValue(), c.createdAt()), c.type()));
        }
        Accounting accounting = Accounting.of(commands, storm.incidents().values());
        System.out.printf(
                "storm: alarms in incidents' own messages %d (%d incidents), counted in digests %d (%d incidents),"
                        + " of %d%n",
                accounting.alertsInMessages(),
                accounting.incidentsWithMessage(),
                accounting.alertsInDigests(),
                accounting.incidentsInDigests(),
                alerts);
    }

    /**
     * Where the alarms ended up: an incident posted with a message of its own shows the alerts of its last sent
     * snapshot; a digest counts the incidents and alerts of its last sent version.
     */
    record Accounting(int incidentsWithMessage, int alertsInMessages, int incidentsInDigests, int alertsInDigests) {

        static Accounting of(List<NotificationCommand> commands, java.util.Collection<Incident> incidents) {
            Map<String, Incident> shown = new HashMap<>();
            Map<String, NotificationCommand.Digest> digests = new HashMap<>();
            for (NotificationCommand c : commands) {
                switch (c.type()) {
                    case POST, UPDATE ->
                        shown.merge(c.incidentId(), c.incident(), (a, b) -> b.version() >= a.version() ? b : a);
                    case DIGEST -> digests.put(c.digest().digestId(), c.digest());
                    default -> {}
                }
            }
            return new Accounting(
                    shown.size(),
                    shown.values().stream().mapToInt(Incident::alertCount).sum(),
                    digests.values().stream()
                            .mapToInt(NotificationCommand.Digest::incidentCount)
                            .sum(),
                    digests.values().stream()
                            .mapToInt(NotificationCommand.Digest::alertCount)
                            .sum());
        }
    }

    /** Carries the commands out with a running Slack sink against the local workspace and counts its calls. */
    static void replay(Storm storm, boolean realtime) throws Exception {
        List<ChannelSpec> channels = new ArrayList<>();
        channels.add(ChannelSpec.publicChannel("alerts"));
        CHANNELS.forEach(c -> channels.add(ChannelSpec.publicChannel(c.substring(1))));
        String prefix = "bench-storm-" + System.nanoTime() + ".";
        Topics topics = Topics.withPrefix(prefix);
        String group = prefix + "sink";
        try (EmbeddedKafka kafka = TestKitKafka.start();
                LocalSlackWorkspace slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults()
                        .withChannels(channels)
                        .withRateLimits(realtime));
                Admin admin = kafka.admin();
                KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            admin.createTopics(List.of(
                            new NewTopic(topics.notifications().name(), 3, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                    .all()
                    .get();
            SlackSinkConfig config = SlackSinkConfig.defaults(slack.botToken()).toBuilder()
                    .apiUrl(slack.apiUrl())
                    .topicPrefix(prefix)
                    .groupId(group)
                    .build();
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (SlackSink sink = SlackSinkAssembler.of(config).startSink(props, props, new SimpleMeterRegistry())) {
                while (!sink.isReady() || !assigned(admin, group)) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                slack.clearCalls();
                long started = System.nanoTime();
                Instant first = storm.commands().isEmpty()
                        ? T0
                        : storm.commands().get(0).createdAt();
                for (NotificationCommand c : storm.commands()) {
                    if (realtime) {
                        long due =
                                started + Duration.between(first, c.createdAt()).toNanos();
                        while (System.nanoTime() < due) {
                            LockSupport.parkNanos(Math.min(POLL_NANOS, due - System.nanoTime()));
                        }
                    }
                    producer.send(new ProducerRecord<>(
                            topics.notifications().name(),
                            c.groupKey().getBytes(StandardCharsets.UTF_8),
                            COMMANDS.toBytes(c)));
                    producer.flush();
                }
                while (!allCommitted(admin, topics.notifications().name(), group)) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                List<ApiCall> calls = slack.calls();
                Map<String, Integer> byMethod = new TreeMap<>();
                calls.forEach(call -> byMethod.merge(call.method(), 1, Integer::sum));
                long limited =
                        calls.stream().filter(call -> call.httpStatus() == 429).count();
                System.out.printf(
                        "sink (%s, rate limits %s): %d commands -> %d Slack calls = %.1f per 1,000 alerts in %.1f s;"
                                + " by method %s; 429 answers %d%n",
                        realtime ? "real time" : "all at once",
                        realtime ? "on" : "off",
                        storm.commands().size(),
                        calls.size(),
                        calls.size() * 1000.0 / storm.alarms(),
                        seconds,
                        byMethod,
                        limited);
            }
        }
    }

    private static boolean assigned(Admin admin, String group) throws Exception {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false; // the sink's consumer has not joined yet
            }
            throw e;
        }
    }

    private static boolean allCommitted(Admin admin, String topic, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            if ((done == null ? 0 : done.offset()) < end.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName()));
    }
}
