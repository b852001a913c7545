package io.alertbridge.bench;

import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.launcher.cli.AlertbridgeMain;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to ready after {@code SIGKILL}: the real launcher ({@code alertbridge process}, a child JVM) builds the state
 * of {@code incidents} open incidents on the in-process broker hosted by this JVM (each incident: three alarms of one
 * instance firing, one of them flapping once, so five alerts per incident), is killed with {@code SIGKILL}
 * ({@link Process#destroyForcibly()}) once it has consumed everything, and is started again on the same state
 * directory, {@code rounds} times. Per round: seconds from the child's start to {@code /health} answering 200
 * ("ready"), to the first new record processed (a probe alert produced before the start shows up, committed, on the
 * alerts topic), and the records restored per store as the processor logged them. Then p50 and max.
 *
 * <p>Run: {@code bench/run RestartAfterKill [incidents=10000] [rounds=3] [partitions=2]}. The child's logs stay in
 * the printed work directory. {@code BENCH_CHILD_JAVA_OPTS} (default {@code -Xmx768m}) sets the child's JVM options.
 */
public final class RestartAfterKill {

    private static final String PREFIX = "bench.";
    private static final String APPLICATION_ID = "bench-restart";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE = Duration.ofSeconds(45);
    private static final Pattern RESTORED = Pattern.compile("Restored (\\d+) records into store (\\S+) from");

    private RestartAfterKill() {}

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path work = Files.createTempDirectory("bench-restart");
        System.out.printf("work directory (child logs): %s%n", work);
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix(PREFIX);
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(
                                partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(1)));
            }
            Path config = writeConfig(work);
            Instant start = Instant.now().minus(Duration.ofMinutes(30));
            List<RawAwsMessage> workload = workload(incidents, start);

            Child builder = Child.start(kafka, config, work, "build");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!builder.ready()) {
                check(deadline, builder, "never ready");
                Thread.sleep(100); // CHECKSTYLE:OK a benchmark polls the child's /health
            }
            long produced = System.nanoTime();
            FullTopologyThroughput.produce(kafka, topics.awsRaw(), workload);
            waitConsumed(kafka, topics, builder, deadline);
            double buildSeconds = (System.nanoTime() - produced) / 1e9;
            // A processor that has been running a while: the log cleaner has had its passes (every 15 s).
            Thread.sleep(SETTLE.toMillis()); // CHECKSTYLE:OK the state is meant to age, nothing to wait for
            builder.kill();
            System.out.printf(
                    "state built: %,d alerts for %,d incidents in %.1f s; changelogs: %s%n",
                    workload.size(), incidents, buildSeconds, changelogSizes(kafka));
            System.out.printf("open incidents in lifecycle-incidents: %,d%n", openIncidents(kafka));

            System.out.printf("%-6s %9s %13s  %s%n", "round", "ready s", "first rec s", "restored records per store");
            double[] ready = new double[rounds];
            double[] first = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                double[] times = restart(kafka, topics, config, work, round, start.plusSeconds(round + 1));
                ready[round] = times[0];
                first[round] = times[1];
            }
            System.out.printf(
                    "ready:        p50 %.1f s, max %.1f s%nfirst record: p50 %.1f s, max %.1f s%n",
                    median(ready), max(ready), median(first), max(first));
        }
    }

    /** One restart after a kill: returns seconds to ready and to the first record processed, and kills again. */
    private static double[] restart(
            EmbeddedKafka kafka, Topics topics, Path config, Path work, int round, Instant probeAt) throws Exception {
        try (KafkaConsumer<String, byte[]> alerts = readCommitted(kafka)) {
            List<TopicPartition> parts = alerts.partitionsFor(topics.alerts().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            alerts.assign(parts);
            alerts.seekToEnd(parts);
            parts.forEach(alerts::position);
            FullTopologyThroughput.produce(
                    kafka,
                    topics.awsRaw(),
                    List.of(FullTopologyThroughput.alarmChange(
                            "team-a-probe-" + round, "i-probe-" + round, true, probeAt)));
            long started = System.nanoTime();
            Child child = Child.start(kafka, config, work, "restart-" + round);
            long deadline = started + TIMEOUT.toNanos();
            double ready = -1;
            double first = -1;
            while (ready < 0 || first < 0) {
                check(deadline, child, "round " + round + " not ready or no record");
                if (ready < 0 && child.ready()) {
                    ready = (System.nanoTime() - started) / 1e9;
                }
                if (first < 0 && !alerts.poll(Duration.ofMillis(50)).isEmpty()) {
                    first = (System.nanoTime() - started) / 1e9;
                }
            }
            waitConsumed(kafka, topics, child, deadline);
            child.kill();
            System.out.printf("%-6d %9.1f %13.1f  %s%n", round, ready, first, child.restored());
            return new double[] {ready, first};
        }
    }

    /** Per instance: alarms m0, m1, m2 fire, m1 clears and fires again; one incident per instance (by resource). */
    static List<RawAwsMessage> workload(int incidents, Instant start) {
        List<RawAwsMessage> out = new ArrayList<>(incidents * 5);
        int[][] steps = {{0, 1}, {1, 1}, {2, 1}, {1, 0}, {1, 1}};
        long tick = 0;
        for (int[] step : steps) {
            for (int i = 0; i < incidents; i++) {
                String team = "abc".charAt(i % 3) + "";
                out.add(FullTopologyThroughput.alarmChange(
                        "team-" + team + "-m" + step[0] + "-i" + i, "i-" + i, step[1] == 1, start.plusMillis(tick++)));
            }
        }
        return out;
    }

    private static Path writeConfig(Path work) throws IOException {
        Path rules = work.resolve("rules.yaml");
        StringBuilder text = new StringBuilder("rules:\n");
        for (String team : List.of("a", "b", "c")) {
            text.append(
                    """
                      - kind: route
                        id: team-%s
                        order: 10
                        matchers: ["alarm=~team-%s-.*"]
                        channel: "#team-%s"
                        groupBy: [resource]
                    """
                            .formatted(team, team, team));
        }
        Files.writeString(rules, text);
        Path config = work.resolve("alertbridge.yaml");
        Files.writeString(
                config,
                """
                stateDir: %s
                topics:
                  prefix: %s
                streams:
                  applicationId: %s
                rules:
                  file: %s
                """
                        .formatted(work.resolve("state"), PREFIX, APPLICATION_ID, rules));
        return config;
    }

    /** The processor has committed the end of every partition it reads (raw input and its repartition topics). */
    private static void waitConsumed(EmbeddedKafka kafka, Topics topics, Child child, long deadline) throws Exception {
        try (Admin admin = kafka.admin()) {
            while (true) {
                check(deadline, child, "input not consumed");
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                admin.describeTopics(List.of(topics.awsRaw().name()))
                        .allTopicNames()
                        .get()
                        .values()
                        .forEach(d -> d.partitions()
                                .forEach(p ->
                                        latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                var ends = admin.listOffsets(latest).all().get();
                boolean done = ends.entrySet().stream()
                        .allMatch(e -> committed.containsKey(e.getKey())
                                && committed.get(e.getKey()).offset()
                                        >= e.getValue().offset());
                if (done) {
                    return;
                }
                Thread.sleep(500); // CHECKSTYLE:OK a benchmark polls the group's committed offsets
            }
        }
    }

    /** Records per changelog topic (end minus start offsets, all partitions). */
    private static Map<String, Long> changelogSizes(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            Set<String> changelogs = new HashSet<>();
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith(APPLICATION_ID) && name.endsWith("-changelog")) {
                    changelogs.add(name);
                }
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(changelogs).allTopicNames().get().values().forEach(d -> d.partitions()
                    .forEach(p -> {
                        TopicPartition tp = new TopicPartition(d.name(), p.partition());
                        earliest.put(tp, OffsetSpec.earliest());
                        latest.put(tp, OffsetSpec.latest());
                    }));
            var starts = admin.listOffsets(earliest).all().get();
            var ends = admin.listOffsets(latest).all().get();
            Map<String, Long> sizes = new TreeMap<>();
            ends.forEach((tp, end) -> sizes.merge(
                    tp.topic().substring(APPLICATION_ID.length() + 1, tp.topic().length() - "-changelog".length()),
                    end.offset() - starts.get(tp).offset(),
                    Long::sum));
            return sizes;
        }
    }

    /** Keys of lifecycle-incidents whose latest value is not a tombstone. */
    private static int openIncidents(EmbeddedKafka kafka) {
        String topic = APPLICATION_ID + "-lifecycle-incidents-changelog";
        Map<String, Boolean> live = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = readCommitted(kafka)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    live.put(r.key(), r.value() != null);
                }
            }
        }
        return (int) live.values().stream().filter(b -> b).count();
    }

    private static KafkaConsumer<String, byte[]> readCommitted(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        8 * 1024 * 1024),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static void check(long deadline, Child child, String what) {
        if (!child.process.isAlive()) {
            throw new IllegalStateException(
                    child.name + " exited (" + child.process.exitValue() + "); see " + child.log);
        }
        if (System.nanoTime() > deadline) {
            child.kill();
            throw new IllegalStateException(child.name + ": " + what + " within " + TIMEOUT + "; see " + child.log);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** The launcher in a child JVM, on this JVM's class path. */
    private record Child(String name, Process process, Path log, int port, HttpClient http) {

        static Child start(EmbeddedKafka kafka, Path config, Path work, String name) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = work.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(Arrays.asList(System.getenv()
                    .getOrDefault("BENCH_CHILD_JAVA_OPTS", "-Xmx768m")
                    .trim()
                    .split("\\s+")));
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    AlertbridgeMain.class.getName(),
                    "process",
                    "--http-port",
                    Integer.toString(port)));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ALERTBRIDGE_CONFIG", config.toString());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            return new Child(
                    name,
                    builder.start(),
                    log,
                    port,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofMillis(500))
                            .build());
        }

        boolean ready() {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                                .timeout(Duration.ofSeconds(1))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void kill() {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Records restored per store, summed over tasks, from the processor's log; empty when it logged none. */
        String restored() throws IOException {
            Map<String, Long> perStore = new TreeMap<>();
            Matcher m = RESTORED.matcher(Files.readString(log));
            while (m.find()) {
                perStore.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
            long corrupted = Files.readAllLines(log).stream()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("corrupt"))
                    .count();
            long closed = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("is currently closed"))
                    .count();
            return perStore
                    + (corrupted > 0 ? " corrupted-lines=" + corrupted : "")
                    + (closed > 0 ? " store-closed-lines=" + closed : "");
        }
    }
}
