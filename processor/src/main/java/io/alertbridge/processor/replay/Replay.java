package io.alertbridge.processor.replay;

import io.alertbridge.processor.app.StreamsProperties;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code alertbridge replay}: runs the production topology over {@code [from, to)} of the raw history under the
 * given rules, in memory ({@link ReplayEngine}), and counts what it would have done next to what production did
 * over the same range (its {@code alerts}, {@code incidents} and {@code notifications} topics). Never writes to
 * the cluster and never calls Slack.
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final int DRAIN_EVERY = 1_000;

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
        ReplayReport replayed = new ReplayReport(topics);
        long started = System.nanoTime();
        long records;
        try (HistoryReader history = new HistoryReader(clientProperties, inputs, options.from(), options.to())) {
            Instant start = options.from() != null ? options.from() : Instant.EPOCH;
            try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb());
                    ReplayEngine engine = new ReplayEngine(
                            topology, StreamsProperties.from(config, memory), inputs, outputs, start)) {
                records = play(history, engine, replayed, options, progress);
                engine.runOn(options.runOn());
                engine.drainOutputs((topic, record) -> replayed.record(topic, record.value()));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ReplayReport actual = new ReplayReport(topics);
        try (HistoryReader production =
                new HistoryReader(clientProperties, outputs.subList(0, 3), options.from(), options.to())) {
            production.forEach(record -> actual.record(record.topic(), record.value()));
        }
        LOG.info("Replayed {} records in {} ms", records, elapsed.toMillis());
        return new Outcome(replayed, actual, records, elapsed);
    }

    private static long play(
            HistoryReader history, ReplayEngine engine, ReplayReport report, Options options, PrintStream progress)
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
                long dueNanos = wallStart + (long) ((record.timestamp() - firstTimestamp[0]) * 1e6 / options.speed());
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // CHECKSTYLE:OK scaled time
                    } catch (InterruptedException e) {
                        interrupted[0] = e;
                        return;
                    }
                }
            }
            engine.pipe(record);
            if (done.incrementAndGet() % DRAIN_EVERY == 0) {
                engine.drainOutputs((topic, out) -> report.record(topic, out.value()));
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
}
