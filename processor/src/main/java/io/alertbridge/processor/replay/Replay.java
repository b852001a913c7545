package io.alertbridge.processor.replay;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.test.TestRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * {@code alertbridge replay}: runs the production topology over {@code [from, to)} of the raw history under the
 * given rules, in memory ({@link ReplayEngine}), and counts what it would have done next to what production did
 * over the same range (its {@code alerts}, {@code incidents} and {@code notifications} topics). Never writes to
 * the cluster and never calls Slack itself.
 *
 * <p>A {@link NotificationListener} (what {@code --post-to} uses) receives every Slack command as the replayed
 * topology produces it. With a listener and a {@code speed}, the replay's clock follows the scaled wall clock even
 * between records and during the run-on, so group waits, throttles and escalations come out when the scaled timeline
 * says, not when the next record happens to arrive; without a listener nothing changes (the run-on is instant).
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final int DRAIN_EVERY = 1_000;
    /** With a listener at a scaled speed: how often (wall time) the replay's clock catches up with the scale. */
    private static final long SLICE_NANOS = 200_000_000L;

    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);

    /** Receives the replay's Slack commands, in the order the replayed topology produced them. */
    @FunctionalInterface
    public interface NotificationListener {
        /** Called on the replaying thread; may block (the replay waits) and may throw to stop the replay. */
        void notification(NotificationCommand command);
    }

    private Replay() {}

    /**
     * What to replay.
     *
     * @param from start of the range (inclusive)
     * @param to end of the range (exclusive)
     * @param rules the rules to try
     * @param speed 0 for as fast as possible, else a time scale (60 plays an hour of history in a minute)
     * @param runOn how long time runs on after the last record, so pending waits and escalations play out
     */
    public record Options(Instant from, Instant to, RuleBook rules, double speed, Duration runOn) {
        public Options {
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("--to must be after --from");
            }
            if (speed < 0) {
                throw new IllegalArgumentException("--speed must be 0 (as fast as possible) or positive");
            }
        }
    }

    /**
     * The outcome.
     *
     * @param replayed what the replay produced
     * @param actual what production produced over the same range
     * @param records history records replayed
     * @param elapsed how long the replay took
     */
    public record Outcome(ReplayReport replayed, ReplayReport actual, long records, Duration elapsed) {
        /** Records per second. */
        public double rate() {
            return records / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    /**
     * Replays.
     *
     * @param config the processor's configuration (topics, stage settings); its rules are replaced by the options'
     * @param clientProperties Kafka client settings to read history with
     * @param options what to replay
     * @param progress where to draw the progress bar, or null for none
     */
    public static Outcome run(
            ProcessorConfig config, Map<String, Object> clientProperties, Options options, PrintStream progress)
            throws IOException, InterruptedException {
        return run(config, clientProperties, options, progress, null);
    }

    /**
     * Replays, handing every Slack command the replay produces to {@code listener} as it is produced.
     *
     * @param listener receives the replay's notification commands, or null for none
     */
    public static Outcome run(
            ProcessorConfig config,
            Map<String, Object> clientProperties,
            Options options,
            PrintStream progress,
            NotificationListener listener)
            throws IOException, InterruptedException {
        Topics topics = config.topicCatalog();
        ReplayReport replayed = new ReplayReport(topics);
        long started = System.nanoTime();
        long records = replayInto(replayed, config, clientProperties, options, progress, listener);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ReplayReport actual = new ReplayReport(topics);
        try (HistoryReader production = new HistoryReader(
                clientProperties,
                List.of(
                        topics.alerts().name(),
                        topics.incidents().name(),
                        topics.notifications().name()),
                options.from(),
                options.to())) {
            production.forEach(record -> actual.record(record.topic(), record.value()));
        }
        LOG.info("Replayed {} records in {} ms", records, elapsed.toMillis());
        return new Outcome(replayed, actual, records, elapsed);
    }

    /**
     * Replays in memory into {@code replayed} only, without reading what production did: what a rule preview
     * ({@link RulePreview}) runs twice.
     *
     * @return how many history records were replayed
     */
    public static long replayInto(
            ReplayReport replayed,
            ProcessorConfig config,
            Map<String, Object> clientProperties,
            Options options,
            PrintStream progress,
            NotificationListener listener)
            throws IOException, InterruptedException {
        Topics topics = config.topicCatalog();
        Topology topology =
                AlertbridgeTopology.forReplay(config, options::rules).build();
        List<String> inputs =
                List.of(topics.awsRaw().name(), topics.anomalyScores().name());
        List<String> outputs = List.of(
                topics.alerts().name(),
                topics.incidents().name(),
                topics.notifications().name(),
                topics.deadLetters().name());
        long records;
        try (HistoryReader history = new HistoryReader(clientProperties, inputs, options.from(), options.to())) {
            Instant start = options.from() != null ? options.from() : Instant.EPOCH;
            try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                    ReplayEngine engine = new ReplayEngine(
                            topology, StreamsProperties.from(config, memory), inputs, outputs, start)) {
                Drain drain = new Drain(replayed, topics.notifications().name(), listener);
                records = play(history, engine, drain, options, progress);
                if (drain.paced(options)) {
                    runOnPaced(engine, drain, options);
                } else {
                    engine.runOn(options.runOn());
                }
                engine.drainOutputs(drain);
            }
        }
        return records;
    }

    private static long play(
            HistoryReader history, ReplayEngine engine, Drain drain, Options options, PrintStream progress)
            throws InterruptedException {
        ProgressBar bar = progress != null ? new ProgressBar(progress, history.estimatedRecords()) : null;
        AtomicLong done = new AtomicLong();
        long wallStart = System.nanoTime();
        long[] firstTimestamp = {-1};
        InterruptedException[] interrupted = {null};
        history.forEach(record -> {
            if (interrupted[0] != null) {
                return;
            }
            if (options.speed() > 0) {
                if (firstTimestamp[0] < 0) {
                    firstTimestamp[0] = record.timestamp();
                }
                try {
                    waitUntilDue(engine, drain, options, wallStart, firstTimestamp[0], record.timestamp());
                } catch (InterruptedException e) {
                    interrupted[0] = e;
                    return;
                }
            }
            engine.pipe(record);
            // A listener gets each command as it is produced; the report alone can wait for a batch.
            if (done.incrementAndGet() % DRAIN_EVERY == 0 || drain.listening()) {
                engine.drainOutputs(drain);
            }
            if (bar != null) {
                bar.update(done.get());
            }
        });
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        if (bar != null) {
            bar.finish(done.get());
        }
        return done.get();
    }

    /**
     * Waits until the record is due on the scaled timeline. With a listener, the replay's clock moves along in
     * slices meanwhile, so what falls due between records (a group wait ending, a coalesced edit) is handed over on
     * time.
     */
    private static void waitUntilDue(
            ReplayEngine engine, Drain drain, Options options, long wallStart, long firstTimestamp, long timestamp)
            throws InterruptedException {
        long dueNanos = wallStart + (long) ((timestamp - firstTimestamp) * 1e6 / options.speed());
        while (true) {
            long wait = dueNanos - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            if (!drain.listening()) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // CHECKSTYLE:OK scaled time
                return;
            }
            long slice = Math.min(wait, SLICE_NANOS);
            Thread.sleep(slice / 1_000_000, (int) (slice % 1_000_000)); // CHECKSTYLE:OK scaled time
            long scaled = firstTimestamp + (long) ((System.nanoTime() - wallStart) / 1e6 * options.speed());
            catchUp(engine, drain, Instant.ofEpochMilli(Math.min(scaled, timestamp)));
        }
    }

    /** The run-on after the last record, on the scaled timeline (a listener is waiting for what it brings). */
    private static void runOnPaced(ReplayEngine engine, Drain drain, Options options) throws InterruptedException {
        Instant from = engine.now();
        Instant end = from.plus(options.runOn());
        long wallStart = System.nanoTime();
        while (engine.now().isBefore(end)) {
            Thread.sleep(SLICE_NANOS / 1_000_000); // CHECKSTYLE:OK scaled time
            Instant scaled = from.plusMillis((long) ((System.nanoTime() - wallStart) / 1e6 * options.speed()));
            catchUp(engine, drain, scaled.isAfter(end) ? end : scaled);
        }
    }

    private static void catchUp(ReplayEngine engine, Drain drain, Instant target) {
        if (target.isAfter(engine.now())) {
            engine.runOn(Duration.between(engine.now(), target));
        }
        engine.drainOutputs(drain);
    }

    /** Where output records go: the report counts every one; the listener gets the notifications. */
    private static final class Drain implements BiConsumer<String, TestRecord<byte[], byte[]>> {
        private final ReplayReport report;
        private final String notifications;
        private final NotificationListener listener;

        Drain(ReplayReport report, String notifications, NotificationListener listener) {
            this.report = report;
            this.notifications = notifications;
            this.listener = listener;
        }

        boolean listening() {
            return listener != null;
        }

        boolean paced(Options options) {
            return listener != null && options.speed() > 0;
        }

        @Override
        public void accept(String topic, TestRecord<byte[], byte[]> record) {
            report.record(topic, record.value());
            if (listener != null && topic.equals(notifications) && record.value() != null) {
                NotificationCommand command;
                try {
                    command = COMMANDS.deserialize(topic, record.value());
                } catch (SerializationException e) {
                    LOG.warn(
                            "Replay produced an unreadable notification; not handed over: {}",
                            LogText.safe(e.getMessage()));
                    return;
                }
                listener.notification(command);
            }
        }
    }
}
