package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.launcher.cli.AlertbridgeMain;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.RocksDbSlice;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.LauncherEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Memory and disk of the processor holding {@code records} distinct alarms in its state: the real launcher
 * ({@code alertbridge process}, a child JVM started with {@code -Xmx512m}, the product's bounded RocksDB memory from
 * its configuration) runs the whole topology (normalize → dedupe → silence → correlate → lifecycle → throttle →
 * outbox, exactly-once, RocksDB) over that many CloudWatch alarms entering ALARM, each a distinct fingerprint, on the
 * in-process broker hosted by this JVM. The alarms come {@code alarmsPerResource} to an EC2 instance, so the route's
 * {@code groupBy: [resource]} makes one incident per instance; every incident stays open, so nothing is forgotten
 * before the measurement: dedupe remembers every fingerprint and every event id, the lifecycle every incident and
 * its members, the throttle every incident it showed.
 *
 * <p>The input goes to the raw topic in SNS envelopes, as the SQS bridge writes it, produced in batches while the
 * processor runs (never held in memory as a list). Once the processor has committed the end of every partition it
 * reads, it reports: the child's RSS ({@code VmRSS} and the peak {@code VmHWM} of {@code /proc/<pid>/status}), its
 * heap used after a full collection ({@code jcmd GC.run}, then the heap pools of {@code /metrics}, i.e. the
 * {@code MemoryMXBean}'s view) and the largest heap after any collection during the run (its GC log), the JVM's own
 * native memory ({@code jcmd VM.native_memory}: what is left of the RSS is RocksDB and the C allocator), RocksDB's
 * own figures from Kafka Streams' {@code stream-state-metrics} ({@code block-cache-usage} of the shared cache,
 * {@code cur-size-all-mem-tables}, {@code estimate-table-readers-mem}, {@code estimate-num-keys}), the state
 * directory on disk per store, the changelogs in records and bytes, and the top of the heap's class histogram.
 *
 * <p>Run: {@code bench/run StateFootprint [records=1000000] [alarmsPerResource=4] [partitions=2]}. The child's log
 * and GC log stay in the printed work directory. {@code BENCH_CHILD_JAVA_OPTS} (default {@code -Xmx512m}) sets the
 * child's JVM options; the GC log and native memory tracking are always added.
 */
public final class StateFootprint {

    private static final String PREFIX = "bench.";
    private static final String APPLICATION_ID = "bench-footprint";
    private static final long HEAP_GOAL = 512L << 20;
    private static final Duration METRICS_WAIT = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Pattern GC_LINE =
            Pattern.compile("GC\\(\\d+\\) Pause (Young|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern NMT_LINE =
            Pattern.compile("(?m)^(?:(Total)|-\\s+([A-Za-z ]+?))\\s*[:(]\\s*reserved=(?:\\d+)KB, committed=(\\d+)KB");
    private static final Pattern STORE_LABEL = Pattern.compile("rocksdb_\\w*state_id=\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StateFootprint() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perResource = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // Generous: the whole topology runs at 1,000-2,500 alarms/s on this machine.
        Duration timeout = Duration.ofSeconds(Math.max(600, records / 250));
        Path work = Files.createTempDirectory("bench-footprint");
        System.out.printf("work directory (child log, GC log, state): %s%n", work);
        RocksDbSlice rocksdb = RocksDbSlice.defaults();
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix(PREFIX);
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(
                                partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(1)));
            }
            int port = LauncherEnvironment.freePort();
            try (ChildJvm child = startProcessor(kafka, writeConfig(work, rocksdb), work, port)) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!child.isHealthy()) {
                    check(deadline, child, "never ready");
                    Thread.sleep(100); // CHECKSTYLE:OK a benchmark polls the child's /health
                }
                long started = System.nanoTime();
                produce(
                        kafka,
                        topics.awsRaw(),
                        records,
                        perResource,
                        Instant.now().minus(Duration.ofHours(1)));
                System.out.printf(
                        "input: %,d distinct CloudWatch alarms (%d per instance: %,d incidents) on %d partitions,"
                                + " produced in %.1f s%n",
                        records,
                        perResource,
                        (records + perResource - 1) / perResource,
                        partitions,
                        (System.nanoTime() - started) / 1e9);
                boolean complete = waitConsumed(kafka, topics, child, records, started, deadline);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "%s: %,d alarms in %.1f s (%.0f alarms/s, production included)%n",
                        complete ? "processed" : "read (stalled)", records, seconds, records / seconds);
                report(kafka, child, port, work, rocksdb);
            }
        }
    }

    /** Everything measured once the input is consumed. */
    private static void report(EmbeddedKafka kafka, ChildJvm child, int port, Path work, RocksDbSlice rocksdb)
            throws Exception {
        long pid = child.pid();
        Map<String, Long> status = procStatus(pid);
        Metrics beforeGc = Metrics.awaitRocksDb(port, METRICS_WAIT);
        jcmd(pid, "GC.run");
        Metrics after = Metrics.scrape(port);
        Map<String, Long> afterGc = procStatus(pid);
        status.put("VmRSS after GC", afterGc.get("VmRSS"));
        status.put("RssAnon after GC", afterGc.get("RssAnon"));
        status.put("RssFile after GC", afterGc.get("RssFile"));
        Map<String, Long> nmt = nativeMemory(pid);
        long nmtCommitted = nmt.getOrDefault("Total", -1L);
        Files.writeString(work.resolve("metrics-after-gc.txt"), String.join("\n", after.lines()));
        GcLog gc = GcLog.read(work.resolve("gc.log"));
        // The GC log's figure is the heap right after the requested collection; the pools, read a moment later, also
        // hold what was allocated since.
        long heapAfterGc =
                gc.afterRequested() >= 0 ? gc.afterRequested() : after.sum("jvm_memory_used_bytes", "area=\"heap\"");
        System.out.printf("%n-- memory of the processor JVM (pid %d) --%n", pid);
        System.out.printf(
                "RSS: %s now, %s after a full GC, peak %s (VmHWM)%n",
                mib(status.get("VmRSS")), mib(status.get("VmRSS after GC")), mib(status.get("VmHWM")));
        System.out.printf(
                "heap: used %s before, %s after a full GC (%s in the pools a moment later; committed %s, max %s):"
                        + " %s the %s goal%n",
                mib(beforeGc.sum("jvm_memory_used_bytes", "area=\"heap\"")),
                mib(heapAfterGc),
                mib(after.sum("jvm_memory_used_bytes", "area=\"heap\"")),
                mib(after.sum("jvm_memory_committed_bytes", "area=\"heap\"")),
                mib(after.sum("jvm_memory_max_bytes", "area=\"heap\"")),
                heapAfterGc <= HEAP_GOAL && gc.full() == 0 ? "within" : "MISSES",
                mib(HEAP_GOAL));
        System.out.printf("GC during the run: %s%n", gc);
        System.out.printf(
                "JVM native memory tracking: %s committed (heap, metaspace, threads, code, GC, NIO);"
                        + " RSS outside it (RocksDB, the C allocator): %s%n",
                mib(nmtCommitted), mib(status.get("VmRSS after GC") - nmtCommitted));
        System.out.printf("  by category: %s%n", mibs(nmt));
        System.out.printf(
                "RSS after the GC by kind: anonymous %s, file-backed %s (libjvm, the CDS archive, librocksdbjni)%n",
                mib(status.get("RssAnon after GC")), mib(status.get("RssFile after GC")));
        rocksDb(after, rocksdb);
        System.out.printf("%n-- disk --%n");
        System.out.printf("state directory: %s%n", storesOnDisk(work.resolve("state")));
        try {
            System.out.printf("changelogs: %s%n", changelogs(kafka));
        } catch (TimeoutException e) {
            System.out.printf("changelogs: the broker did not answer within 60 s%n");
        }
        System.out.printf("%n-- heap class histogram (top 12, after the full GC) --%n%s", histogram(pid, 12));
    }

    private static void rocksDb(Metrics metrics, RocksDbSlice bound) {
        long cacheUsage = metrics.max("kafka_stream_state_block_cache_usage");
        long pinned = metrics.max("kafka_stream_state_block_cache_pinned_usage");
        long memtables = metrics.sum("kafka_stream_state_cur_size_all_mem_tables", "");
        long readers = metrics.sum("kafka_stream_state_estimate_table_readers_mem", "");
        System.out.printf("%n-- RocksDB (Kafka Streams' stream-state-metrics, every store and task) --%n");
        System.out.printf(
                "shared block cache: %s used (%s pinned) of its %s bound; memtables %s (charged to the cache,"
                        + " %s of it for write buffers); table readers outside the cache %s: %s the bound%n",
                mib(cacheUsage),
                mib(pinned),
                mib(bound.blockCacheBytes()),
                mib(memtables),
                mib(bound.writeBufferBytes()),
                mib(readers),
                cacheUsage + readers <= bound.blockCacheBytes() ? "within" : "OVER");
        System.out.printf("estimated keys per store: %s%n", metrics.sumByStore("kafka_stream_state_estimate_num_keys"));
        System.out.printf(
                "live SST files per store: %s%n", mibs(metrics.sumByStore("kafka_stream_state_live_sst_files_size")));
    }

    /** Streams {@code records} alarm changes to the raw topic, {@code perResource} distinct alarms per instance. */
    static void produce(
            EmbeddedKafka kafka, TopicSpec<String, RawAwsMessage> topic, int records, int perResource, Instant start) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records && failed.get() == null; i++) {
                int instance = i / perResource;
                String team = "abc".charAt(instance % 3) + "";
                RawAwsMessage message = FullTopologyThroughput.alarmChange(
                        "team-" + team + "-m" + (i % perResource) + "-i" + instance,
                        "i-" + instance,
                        true,
                        start.plusMillis(i));
                producer.send(
                        new ProducerRecord<>(
                                topic.name(),
                                message.recordKey(),
                                topic.valueSerde().serializer().serialize(topic.name(), message)),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing the input failed", failed.get());
        }
    }

    private static Path writeConfig(Path work, RocksDbSlice rocksdb) throws IOException {
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
                rocksdb:
                  blockCacheBytes: %d
                  writeBufferBytes: %d
                rules:
                  file: %s
                """
                        .formatted(
                                work.resolve("state"),
                                PREFIX,
                                APPLICATION_ID,
                                rocksdb.blockCacheBytes(),
                                rocksdb.writeBufferBytes(),
                                rules));
        return config;
    }

    /** {@code alertbridge process} in a child JVM on this JVM's class path, with a GC log and NMT. */
    private static ChildJvm startProcessor(EmbeddedKafka kafka, Path config, Path work, int port) {
        List<String> jvmOptions = new ArrayList<>(Arrays.asList(System.getenv()
                .getOrDefault("BENCH_CHILD_JAVA_OPTS", "-Xmx512m")
                .trim()
                .split("\\s+")));
        jvmOptions.add("-Xlog:gc:file=" + work.resolve("gc.log"));
        jvmOptions.add("-XX:NativeMemoryTracking=summary");
        System.out.printf("processor JVM options: %s%n", String.join(" ", jvmOptions));
        return ChildJvm.start(new ChildJvm.Spec(
                "processor",
                AlertbridgeMain.class.getName(),
                List.of("process", "--http-port", Integer.toString(port)),
                Map.of("ALERTBRIDGE_CONFIG", config.toString(), "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                System.getProperty("java.class.path"),
                jvmOptions,
                work,
                port));
    }

    /**
     * Waits until the processor has committed the end of every partition it reads (the raw topic and its repartition
     * topics), printing its progress on the raw topic every 30 s. When it has read all the input but its committed
     * offsets stop moving for {@link #STALL} (the in-process broker's exactly-once stall, issue 17: its producer loops
     * on OUT_OF_ORDER_SEQUENCE_NUMBER, and the broker may stop answering), it says so and returns: the state then
     * lacks at most the transaction in flight, which does not change its size.
     *
     * @return whether the processor committed everything (false: it stalled)
     */
    private static boolean waitConsumed(
            EmbeddedKafka kafka, Topics topics, ChildJvm child, int records, long started, long deadline)
            throws Exception {
        long lastReport = System.nanoTime();
        long lastProgress = System.nanoTime();
        Progress last = new Progress(0, 0, Long.MAX_VALUE);
        try (Admin admin = kafka.admin()) {
            while (true) {
                check(deadline, child, "input not consumed");
                Progress now = progress(admin, topics.awsRaw().name()).orElse(last);
                if (now.committed() != last.committed()) {
                    lastProgress = System.nanoTime();
                }
                last = now;
                if (now.raw() >= records && now.lag() == 0) {
                    return true;
                }
                if (now.raw() >= records && System.nanoTime() - lastProgress > STALL.toNanos()) {
                    System.out.printf(
                            "STALLED: all %,d alarms read, but no offset committed for %d s with %s records left on"
                                    + " the repartition topics (the in-process broker's exactly-once stall);"
                                    + " measuring the state as it is%n",
                            records, STALL.toSeconds(), now.lag() == Long.MAX_VALUE ? "unknown" : now.lag());
                    return false;
                }
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            "  %6.0f s: %,d of %,d alarms read by the processor, RSS %s%n",
                            (lastReport - started) / 1e9,
                            now.raw(),
                            records,
                            mib(procStatus(child.pid()).get("VmRSS")));
                }
                Thread.sleep(500); // CHECKSTYLE:OK a benchmark polls the group's committed offsets
            }
        }
    }

    /**
     * The group's committed offsets: on the raw topic, summed over every partition it reads, and what is left to
     * read of them; empty when the broker does not answer within 30 s.
     */
    private static Optional<Progress> progress(Admin admin, String raw) throws Exception {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            admin.describeTopics(List.of(raw))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .forEach(d -> d.partitions()
                            .forEach(
                                    p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            long rawDone = 0;
            long all = 0;
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                long offset = at == null ? 0 : at.offset();
                all += offset;
                rawDone += end.getKey().topic().equals(raw) ? offset : 0;
                lag += Math.max(0, end.getValue().offset() - offset);
            }
            return Optional.of(new Progress(rawDone, all, lag));
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    /**
     * @param raw offsets committed on the raw topic
     * @param committed offsets committed on every partition the group reads
     * @param lag records left to read on them
     */
    private record Progress(long raw, long committed, long lag) {}

    /** Records and bytes per changelog (all partitions), named by store. */
    private static String changelogs(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                    .filter(n -> n.startsWith(APPLICATION_ID) && n.endsWith("-changelog"))
                    .sorted()
                    .toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(names)
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .values()
                    .forEach(d -> d.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(d.name(), p.partition());
                        earliest.put(tp, OffsetSpec.earliest());
                        latest.put(tp, OffsetSpec.latest());
                    }));
            var starts = admin.listOffsets(earliest).all().get(60, TimeUnit.SECONDS);
            var ends = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
            Map<String, Long> recordsByTopic = new TreeMap<>();
            ends.forEach((tp, end) -> recordsByTopic.merge(
                    tp.topic(), end.offset() - starts.get(tp).offset(), Long::sum));
            Map<String, Long> bytesByTopic = new TreeMap<>();
            List<Integer> brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .toList();
            admin.describeLogDirs(brokers)
                    .allDescriptions()
                    .get(60, TimeUnit.SECONDS)
                    .values()
                    .forEach(dirs -> dirs.values()
                            .forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                                if (recordsByTopic.containsKey(tp.topic())) {
                                    bytesByTopic.merge(tp.topic(), info.size(), Long::sum);
                                }
                            })));
            StringBuilder out = new StringBuilder();
            long totalBytes = 0;
            for (String topic : names) {
                String store = topic.substring(APPLICATION_ID.length() + 1, topic.length() - "-changelog".length());
                long bytes = bytesByTopic.getOrDefault(topic, 0L);
                totalBytes += bytes;
                out.append(String.format(
                        "%n  %-22s %,12d records %10s", store, recordsByTopic.getOrDefault(topic, 0L), mib(bytes)));
            }
            return "total " + mib(totalBytes) + out;
        }
    }

    /**
     * Bytes per store (file sizes, summed over tasks and a window store's segments) and the total, as the files' sizes
     * and as the blocks allocated on disk ({@code du}: RocksDB preallocates each database's MANIFEST, 4 MiB).
     */
    private static String storesOnDisk(Path stateDir) throws IOException {
        Map<String, Long> perStore = new TreeMap<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                long size = Files.size(file);
                total += size;
                perStore.merge(storeOf(stateDir.relativize(file)), size, Long::sum);
            }
        }
        String du = run(List.of("du", "-s", "-B1", stateDir.toString())).split("\\s+")[0];
        return "files " + mib(total) + ", allocated " + mib(Long.parseLong(du)) + "; files per store " + mibs(perStore);
    }

    /** The store of a file under {@code streams/<application>/<task>/}: {@code rocksdb/<store>/...} or {@code <store>/...}. */
    private static String storeOf(Path relative) {
        if (relative.getNameCount() < 5 || !relative.getName(0).toString().equals("streams")) {
            return "(other)";
        }
        String first = relative.getName(3).toString();
        return first.equals("rocksdb") && relative.getNameCount() > 5
                ? relative.getName(4).toString()
                : first;
    }

    /** Sizes in kB of {@code /proc/<pid>/status}, in bytes. */
    private static Map<String, Long> procStatus(long pid) {
        Map<String, Long> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                String[] parts = line.split(":\\s+");
                if (parts.length == 2 && parts[1].endsWith(" kB")) {
                    out.put(parts[0], Long.parseLong(parts[1].substring(0, parts[1].length() - 3)) * 1024);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
        return out;
    }

    /**
     * {@code jcmd VM.native_memory summary}: the committed total (key {@code Total}) and each category of at least
     * 1 MiB, in bytes.
     */
    private static Map<String, Long> nativeMemory(long pid) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = NMT_LINE.matcher(jcmd(pid, "VM.native_memory", "summary"));
        while (m.find()) {
            long committed = Long.parseLong(m.group(3)) * 1024;
            String name = m.group(1) != null ? "Total" : m.group(2).trim();
            if (committed >= 1L << 20 || name.equals("Total")) {
                out.put(name, committed);
            }
        }
        return out;
    }

    private static String histogram(long pid, int top) {
        String[] lines = jcmd(pid, "GC.class_histogram").split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length && i < top + 3; i++) {
            out.append(lines[i]).append('\n');
        }
        String total = lines[lines.length - 1];
        return out.append(total.startsWith("Total") ? total + "\n" : "").toString();
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        return run(line);
    }

    private static String run(List<String> line) {
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void check(long deadline, ChildJvm child, String what) {
        if (!child.isAlive()) {
            throw new IllegalStateException(child.name() + " exited; see " + child.log());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(child.name() + ": " + what + " in time; see " + child.log());
        }
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (double) (1L << 20));
    }

    private static String mibs(Map<String, Long> sizes) {
        StringBuilder out = new StringBuilder("{");
        sizes.forEach((k, v) ->
                out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(mib(v)));
        return out.append('}').toString();
    }

    /** The collections of the child's GC log ({@code -Xlog:gc}). */
    private record GcLog(
            int young, int full, long largestAfter, long largestBefore, long largestCommitted, long afterRequested) {

        static GcLog read(Path file) throws IOException {
            int young = 0;
            int full = 0;
            long after = 0;
            long before = 0;
            long committed = 0;
            long afterRequested = -1;
            for (String line : Files.readAllLines(file)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    if (m.group(1).equals("Full")) {
                        // The benchmark's own (jcmd GC.run, the class histogram) are not the heap's doing.
                        full += line.contains("Diagnostic Command") || line.contains("Heap Inspection") ? 0 : 1;
                        afterRequested =
                                line.contains("Diagnostic Command") ? Long.parseLong(m.group(3)) << 20 : afterRequested;
                    } else {
                        young++;
                    }
                    before = Math.max(before, Long.parseLong(m.group(2)) << 20);
                    after = Math.max(after, Long.parseLong(m.group(3)) << 20);
                    committed = Math.max(committed, Long.parseLong(m.group(4)) << 20);
                }
            }
            return new GcLog(young, full, after, before, committed, afterRequested);
        }

        @Override
        public String toString() {
            return String.format(
                    "%d young/mixed pauses, %d full ones forced by the heap; largest heap after a collection"
                            + " %s, before %s; largest committed %s",
                    young, full, mib(largestAfter), mib(largestBefore), mib(largestCommitted));
        }
    }

    /** One scrape of the child's {@code /metrics} (Prometheus text). */
    private record Metrics(List<String> lines) {

        static Metrics scrape(int port) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Metrics(
                    response.body().lines().filter(l -> !l.startsWith("#")).toList());
        }

        /** Kafka Streams' metrics reach the registry only when micrometer next looks for new ones (every minute). */
        static Metrics awaitRocksDb(int port, Duration wait) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                Metrics metrics = scrape(port);
                if (metrics.max("kafka_stream_state_block_cache_usage") > 0 || System.nanoTime() > deadline) {
                    return metrics;
                }
                Thread.sleep(1_000); // CHECKSTYLE:OK polls the child's metrics until they appear
            }
        }

        long sum(String name, String labelPart) {
            return values(name, labelPart).stream().mapToLong(Long::longValue).sum();
        }

        long max(String name) {
            return values(name, "").stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        Map<String, Long> sumByStore(String name) {
            Map<String, Long> out = new TreeMap<>();
            for (String line : lines) {
                if (line.startsWith(name + "{")) {
                    Matcher store = STORE_LABEL.matcher(line);
                    out.merge(store.find() ? store.group(1) : "?", value(line), Long::sum);
                }
            }
            return out;
        }

        private List<Long> values(String name, String labelPart) {
            return lines.stream()
                    .filter(l -> l.startsWith(name + "{") && l.contains(labelPart))
                    .map(Metrics::value)
                    .toList();
        }

        private static long value(String line) {
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            return Double.isNaN(v) ? 0 : (long) v;
        }
    }
}
