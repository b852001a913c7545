package io.alertbridge.processor.replay;

import io.alertbridge.processor.topology.WallClockTimers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Runs a topology over history in memory, with Kafka's {@link TopologyTestDriver}: nothing is written to any
 * cluster and no production state is read or changed. Wall-clock time follows the records' timestamps, so
 * wall-clock punctuators (group waits, coalescing, escalation, digests) fire as they would have live, however
 * fast the replay runs.
 *
 * <p>Time moves in steps of at most {@link #FINE_STEP} across short gaps and {@link #COARSE_STEP} across long
 * ones, so every punctuator with an interval of a second or more gets its turns. Steps before the earliest pending
 * wall-clock timer ({@link WallClockTimers}) are not played one by one: no punctuator would find anything due
 * there, so the outputs are the same, and a sparse history (a record every few seconds or minutes) is not spent
 * ticking through its gaps. Not thread-safe.
 */
public final class ReplayEngine implements AutoCloseable {

    static final Duration FINE_STEP = Duration.ofSeconds(1);
    static final Duration COARSE_STEP = Duration.ofMinutes(1);
    private static final Duration FINE_WINDOW = Duration.ofMinutes(2);
    private static final Duration LONG_QUIET = Duration.ofHours(6);

    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
    private final Map<String, TestOutputTopic<byte[], byte[]>> internals = new HashMap<>();
    private final Path stateDir;
    private final List<KeyValueStore<String, String>> timerStores;
    private boolean skipQuietSteps = true;
    private Instant now;

    /**
     * @param topology the topology to run (the production one, built from the replay's configuration and rules)
     * @param properties Streams properties of the topology; the application id is replaced by a replay one
     * @param inputTopics the topics history is piped into
     * @param outputTopics the topics whose records the report reads
     * @param start where wall-clock time starts (the beginning of the range)
     */
    public ReplayEngine(
            Topology topology,
            Properties properties,
            List<String> inputTopics,
            List<String> outputTopics,
            Instant start)
            throws java.io.IOException {
        this.stateDir = Files.createTempDirectory("alertbridge-replay");
        Properties props = new Properties();
        props.putAll(properties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alertbridge-replay-" + start.toEpochMilli());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The driver commits after every record; exactly-once adds nothing in memory and drops dead letters.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // Every record is piped alone and processed at once, so there is never anything to wait for; with the default
        // (0) the task still formats a "waiting" message per empty input partition each time it asks, several
        // times per record. Processing order is the same (the lowest timestamp among what is queued).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        this.driver = new TopologyTestDriver(topology, props, start);
        this.now = start;
        this.timerStores = timerStores(driver);
        for (String topic : inputTopics) {
            inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
        }
        for (String topic : outputTopics) {
            outputs.put(
                    topic, driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        }
    }

    /** The topology's wall-clock timer stores, or none unless it has every one of them. */
    private static List<KeyValueStore<String, String>> timerStores(TopologyTestDriver driver) {
        List<KeyValueStore<String, String>> stores = new ArrayList<>();
        for (String name : WallClockTimers.STORES) {
            KeyValueStore<String, String> store = driver.getKeyValueStore(name);
            if (store == null) {
                return List.of();
            }
            stores.add(store);
        }
        return stores;
    }

    /** Moves time to the record's timestamp (never backwards) and pipes it into its topic. */
    public void pipe(HistoryRecord record) {
        TestInputTopic<byte[], byte[]> input = inputs.get(record.topic());
        if (input == null) {
            throw new IllegalArgumentException("not an input of this replay: " + record.topic());
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        advanceTo(at);
        input.pipeInput(new TestRecord<>(record.key(), record.value(), null, at));
    }

    /** Lets time run on after the last record, so pending waits, throttles and escalations play out. */
    public void runOn(Duration after) {
        advanceTo(now.plus(after));
    }

    /**
     * Hands every output record produced since the last call to {@code sink} (topic, record), and drops what the
     * topology wrote to its other topics (changelogs, repartition topics): the driver keeps every record it is
     * handed until it is read, about ten per input record, so a long replay would otherwise hold them all.
     */
    public void drainOutputs(BiConsumer<String, TestRecord<byte[], byte[]>> sink) {
        outputs.forEach((topic, output) -> {
            while (!output.isEmpty()) {
                sink.accept(topic, output.readRecord());
            }
        });
        for (String topic : driver.producedTopicNames()) {
            if (!outputs.containsKey(topic)) {
                TestOutputTopic<byte[], byte[]> internal = internals.computeIfAbsent(
                        topic,
                        name -> driver.createOutputTopic(
                                name, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
                while (!internal.isEmpty()) {
                    internal.readRecord();
                }
            }
        }
    }

    /** How many records the driver holds that nobody has read yet, over every topic the topology wrote to. */
    long unreadRecords() {
        long unread = 0;
        for (String topic : driver.producedTopicNames()) {
            unread += driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .getQueueSize();
        }
        return unread;
    }

    /** Plays every step, as before steps were skipped: the reference a test compares the skipping against. */
    void playEveryStep() {
        skipQuietSteps = false;
    }

    /** The replay's current wall-clock time. */
    public Instant now() {
        return now;
    }

    /**
     * Moves wall-clock time to {@code target} along the steps of {@link #step}, so punctuators get their turns as
     * they would have live. A step is skipped, not played, when the step after it still comes before the earliest
     * pending timer: the punctuators would find nothing due there, and the clock then reaches the last step before
     * the timer in one move, where they see the same schedule as had every step been played.
     */
    private void advanceTo(Instant target) {
        Instant fineUntil = now.plus(FINE_WINDOW);
        Instant clock = now;
        Instant wake = null;
        while (now.isBefore(target)) {
            Instant next = now.plus(step(now, target, fineUntil));
            if (skipQuietSteps && next.isBefore(target)) {
                Instant after = next.plus(step(next, target, fineUntil));
                if (wake == null) {
                    wake = earliestTimer();
                }
                if (after.isBefore(wake)) {
                    now = next;
                    continue;
                }
            }
            driver.advanceWallClockTime(Duration.between(clock, next));
            clock = next;
            now = next;
            wake = null;
        }
    }

    /**
     * The next step from {@code from}: at most {@link #FINE_STEP} within {@link #FINE_WINDOW} of the move's start, at
     * most {@link #COARSE_STEP} after; after hours of silence, to just before the target at once.
     */
    private static Duration step(Instant from, Instant target, Instant fineUntil) {
        Duration gap = Duration.between(from, target);
        if (from.isBefore(fineUntil)) {
            return min(gap, FINE_STEP);
        }
        if (gap.compareTo(LONG_QUIET) > 0 && Duration.between(fineUntil, from).compareTo(LONG_QUIET) > 0) {
            // Hours of silence: everything pending has played out; jump to just before the next record.
            return gap.minus(FINE_STEP);
        }
        return min(gap, COARSE_STEP);
    }

    /**
     * When the earliest wall-clock timer of the topology is due ({@link WallClockTimers}); {@link Instant#MIN} (never
     * skip) when the topology does not keep its timers there.
     */
    private Instant earliestTimer() {
        if (timerStores.isEmpty()) {
            return Instant.MIN;
        }
        Instant earliest = Instant.MAX;
        for (KeyValueStore<String, String> store : timerStores) {
            Optional<Instant> due = WallClockTimers.earliest(store);
            if (due.isPresent() && due.get().isBefore(earliest)) {
                earliest = due.get();
            }
        }
        return earliest;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
