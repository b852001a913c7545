package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live baseline of {@link ReplayThroughput} and {@link FullTopologyThroughput}, audited record by record: each
 * round runs the whole topology on the in-process broker (the processor's runtime settings) over the same history,
 * reads the incidents topic from where the round started until it holds one update per input or nothing new arrived
 * for a while, and then accounts for every input: which inputs left an update on the incidents topic (each update
 * names the input it applied as its member's {@code lastEventId}), which did not, per incident, and whether the
 * records that are missing sit in a transaction that never committed (read uncommitted against read committed). The
 * stages' own counters (dropped, ignored) and Kafka Streams' dropped-records totals are printed next to it.
 *
 * <p>Run: {@code bench/run LiveUpdatesAudit [records=10000] [partitions=2] [rounds=3] [quietSeconds=30]
 * [transactionVersion=2]}.
 */
public final class LiveUpdatesAudit {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private LiveUpdatesAudit() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration quiet = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 30);
        // The broker's transaction.version: 2 (Kafka 4.x's default) unless given.
        short transactionVersion = args.length > 4 ? Short.parseShort(args[4]) : 2;
        Path dir = Files.createTempDirectory("bench-live-audit");
        List<RawAwsMessage> history =
                FullTopologyThroughput.throughputWorkload(records, Instant.now().minus(Duration.ofHours(2)));
        Map<String, String> inputByEventId = new HashMap<>();
        Map<String, String> firingByAlarm = new HashMap<>();
        Map<String, String> resolvedByAlarm = new HashMap<>();
        for (RawAwsMessage message : history) {
            String what = describe(message);
            inputByEventId.put(message.recordKey(), what);
            String alarm = what.substring(0, what.lastIndexOf(' '));
            (what.endsWith("FIRING") ? firingByAlarm : resolvedByAlarm).put(alarm, message.recordKey());
        }
        // Dedupe passes a FIRING that arrives after its alarm's newer RESOLVED, then that RESOLVED under the id
        // "<firing id>:resolved": the update it leaves stands for the RESOLVED input.
        Map<String, String> standsFor = new HashMap<>();
        firingByAlarm.forEach((alarm, firing) -> standsFor.put(firing + ":resolved", resolvedByAlarm.get(alarm)));
        int complete = 0;
        int incomplete = 0;
        try (EmbeddedKafka kafka = TestKitKafka.start(transactionVersion, MetadataVersion.latestTesting())) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
            }
            FullTopologyThroughput.produce(kafka, topics.awsRaw(), history);
            System.out.printf(
                    "history: %,d CloudWatch alarm changes on %d partitions; broker transaction.version=%d%n",
                    records, partitions, transactionVersion);
            for (int round = 0; round < rounds; round++) {
                boolean whole = audit(kafka, dir, "audit-" + round, records, topics, inputByEventId, standsFor, quiet);
                if (whole) {
                    complete++;
                } else {
                    incomplete++;
                }
            }
        }
        System.out.printf("rounds: %d complete, %d short%n", complete, incomplete);
    }

    private static boolean audit(
            EmbeddedKafka kafka,
            Path dir,
            String name,
            int records,
            Topics topics,
            Map<String, String> inputByEventId,
            Map<String, String> standsFor,
            Duration quiet)
            throws Exception {
        ProcessorConfig config = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix("bench.")
                .stateDir(dir.resolve(name).toString())
                .applicationId("bench-" + name)
                .build();
        TopicSpec<String, Incident> incidents = topics.incidents();
        Map<TopicPartition, Long> from = endOffsets(kafka, incidents.name());
        Map<String, Double> counters;
        long seen = 0;
        double seconds;
        long seenTheOldWay = 0;
        boolean runningSeen = false;
        try (ProcessorApp app = ProcessorApp.of(
                        config,
                        new AlertbridgeTopology(config, new LiveRuleBook(FullTopologyThroughput.routes(), "#alerts"))
                                .build());
                KafkaConsumer<String, byte[]> consumer = reader(kafka, "read_committed");
                KafkaConsumer<String, byte[]> oldWay = oldReader(kafka, incidents.name())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            app.start();
            long started = System.nanoTime();
            long deadline = started + TIMEOUT.toNanos();
            long lastProgress = started;
            while (seen < records && System.nanoTime() < deadline) {
                int got = consumer.poll(Duration.ofMillis(100)).count();
                // The benchmarks' reader before this audit: a new group from the earliest offset, and whatever it read
                // before Kafka Streams said RUNNING dropped (it shares the topic with earlier rounds).
                int gotTheOldWay = oldWay.poll(Duration.ofMillis(100)).count();
                runningSeen |= app.state() == KafkaStreams.State.RUNNING;
                if (runningSeen) {
                    seenTheOldWay += gotTheOldWay;
                }
                long now = System.nanoTime();
                if (got > 0) {
                    seen += got;
                    lastProgress = now;
                } else if (app.state() == KafkaStreams.State.RUNNING && now - lastProgress > quiet.toNanos()) {
                    break;
                }
            }
            seconds = (System.nanoTime() - started) / 1e9;
            counters = counters(app.streams());
        }
        System.out.printf(
                "  the benchmarks' old reader (earliest offset, drops what it read before RUNNING) counted %,d%n",
                seenTheOldWay);
        System.out.printf("%-12s %,d of %,d updates in %.1f s%n", name, seen, records, seconds);
        System.out.printf("  counters: %s%n", counters);
        List<ConsumerRecord<String, byte[]>> committed = readAll(kafka, incidents.name(), from, "read_committed");
        List<ConsumerRecord<String, byte[]>> uncommitted = readAll(kafka, incidents.name(), from, "read_uncommitted");
        System.out.printf(
                "  incidents topic after the round: %,d committed, %,d incl. uncommitted/aborted%n",
                committed.size(), uncommitted.size());
        account(committed, incidents, inputByEventId, standsFor);
        return committed.size() >= records;
    }

    /** Which inputs left no update, per incident group. */
    private static void account(
            List<ConsumerRecord<String, byte[]>> updates,
            TopicSpec<String, Incident> incidents,
            Map<String, String> inputByEventId,
            Map<String, String> standsFor) {
        Map<String, Set<String>> appliedByGroup = new TreeMap<>();
        Map<String, Integer> updatesByGroup = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : updates) {
            Incident incident = incidents.valueSerde().deserializer().deserialize(record.topic(), record.value());
            updatesByGroup.merge(incident.groupKey(), 1, Integer::sum);
            Set<String> applied = appliedByGroup.computeIfAbsent(incident.groupKey(), k -> new HashSet<>());
            for (IncidentMember member : incident.members()) {
                applied.add(standsFor.getOrDefault(member.lastEventId(), member.lastEventId()));
            }
        }
        Set<String> appliedAll = new HashSet<>();
        appliedByGroup.values().forEach(appliedAll::addAll);
        Map<String, List<String>> missingByGroup = new TreeMap<>();
        Map<String, Integer> missingByKind = new TreeMap<>();
        for (Map.Entry<String, String> input : inputByEventId.entrySet()) {
            if (!appliedAll.contains(input.getKey())) {
                String what = input.getValue();
                String group = what.substring(0, what.indexOf(' '));
                missingByGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(what);
                missingByKind.merge(what.substring(what.indexOf(' ') + 1).replaceAll("-i\\d+", ""), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> histogram = new TreeMap<>();
        updatesByGroup.values().forEach(n -> histogram.merge(n, 1, Integer::sum));
        System.out.printf(
                "  groups with updates: %,d; updates per group -> groups: %s%n", updatesByGroup.size(), histogram);
        System.out.printf(
                "  inputs with no update: %,d in %,d groups; by alarm and status: %s%n",
                missingByGroup.values().stream().mapToInt(List::size).sum(), missingByGroup.size(), missingByKind);
        missingByGroup.entrySet().stream()
                .limit(10)
                .forEach(e -> System.out.printf("    %s: %s%n", e.getKey(), e.getValue()));
    }

    /** "team-a|resource=i-7 m2 FIRING" from the alarm change in the SNS envelope. */
    private static String describe(RawAwsMessage message) {
        try {
            var envelope = Json.mapper().readTree(message.body());
            var alarm = Json.mapper().readTree(envelope.get("Message").asText());
            String alarmName = alarm.get("AlarmName").asText();
            String[] parts = alarmName.split("-");
            String instance =
                    alarm.get("Trigger").get("Dimensions").get(0).get("value").asText();
            String status = "ALARM".equals(alarm.get("NewStateValue").asText()) ? "FIRING" : "RESOLVED";
            return "team-" + parts[1] + "|resource=" + instance + " " + parts[2] + "-" + parts[3] + " " + status;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> counters(KafkaStreams streams) {
        Map<String, Double> totals = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName id = metric.getKey();
            boolean ours = id.group().contains("alertbridge") && id.name().endsWith("-total");
            boolean dropped = id.name().equals("dropped-records-total");
            boolean producer = id.group().equals("producer-metrics")
                    && (id.name().equals("record-retry-total") || id.name().equals("record-error-total"));
            if (!ours && !dropped && !producer) {
                continue;
            }
            Object value = metric.getValue().metricValue();
            if (value instanceof Number number && number.doubleValue() > 0) {
                String stage = producer
                        ? "producer"
                        : id.tags().getOrDefault("alertbridge-id", id.tags().getOrDefault("task-id", ""));
                totals.merge(stage + "/" + id.name().replace("-total", ""), number.doubleValue(), Double::sum);
            }
        }
        return totals;
    }

    private static Map<TopicPartition, Long> endOffsets(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = reader(kafka, "read_uncommitted")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(
            EmbeddedKafka kafka, String topic, Map<TopicPartition, Long> from, String isolation) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = reader(kafka, isolation)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> oldReader(EmbeddedKafka kafka, String topic) {
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

    private static KafkaConsumer<String, byte[]> reader(EmbeddedKafka kafka, String isolation) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolation.toLowerCase(Locale.ROOT)),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
