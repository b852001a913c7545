package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What keeping the last points of every series (store {@code detect-scores}) costs the whole topology: anomaly scores
 * per second through {@link AlertbridgeTopology} on the in-process broker with the processor's runtime settings
 * (exactly-once, bounded RocksDB), with {@code detect.seriesPoints} at its default next to 0 (the store neither read
 * nor written, as before it existed), in the same run; 3 alternating rounds, medians and their ratio.
 *
 * <p>Input: {@code series} series scored {@code points} times each, interleaved in time as detectors score a fleet;
 * every score is quiet but each series' last, which fires (the detect defaults fire on one score at or above 0.5), so
 * a run is over when the alerts topic holds one FIRING per series (read committed), and each FIRING carries its
 * series' last points. With more points per series than {@code seriesPoints}, most writes rewrite a full history.
 *
 * <p>Run: {@code bench/run DetectScoresThroughput [series=200] [points=200] [partitions=2] [seriesPoints=120]}.
 */
public final class DetectScoresThroughput {

    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private DetectScoresThroughput() {}

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int kept = args.length > 3 ? Integer.parseInt(args[3]) : DetectSlice.DEFAULT_SERIES_POINTS;
        Path dir = Files.createTempDirectory("bench-detect-scores");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
            }
            List<AnomalyScore> scores = workload(series, points, Instant.now().minus(Duration.ofMinutes(points + 10L)));
            produce(kafka, topics.anomalyScores(), scores);
            System.out.printf(
                    "input: %,d anomaly scores (%d series x %d points) on %d partitions of %s; a history of %d points"
                            + " is %,d bytes of JSON%n",
                    scores.size(),
                    series,
                    points,
                    partitions,
                    topics.anomalyScores().name(),
                    kept,
                    historyBytes(kept));
            System.out.printf("%-26s %10s %12s%n", "seriesPoints", "seconds", "scores/s");
            double[] without = new double[ROUNDS];
            double[] with = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                without[round] = run(kafka, dir, "points-0-" + round, 0, scores.size(), series);
                with[round] = run(kafka, dir, "points-" + kept + "-" + round, kept, scores.size(), series);
            }
            double base = median(without);
            double withHistory = median(with);
            System.out.printf(
                    "median seriesPoints 0: %.0f scores/s, median seriesPoints %d: %.0f scores/s: %.2f of the rate"
                            + " without the history%n",
                    base, kept, withHistory, withHistory / base);
        }
    }

    private static double run(EmbeddedKafka kafka, Path dir, String name, int kept, int records, int series)
            throws Exception {
        ProcessorConfig base = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix("bench.")
                .stateDir(dir.resolve(name).toString())
                .applicationId("bench-" + name)
                .build();
        DetectSlice d = base.detect();
        ProcessorConfig config = base.toBuilder()
                .detect(new DetectSlice(
                        d.fireThreshold(),
                        d.clearThreshold(),
                        d.fireCount(),
                        d.fireWindow(),
                        d.clearCount(),
                        d.severity(),
                        kept))
                .build();
        AlertbridgeTopology topology = new AlertbridgeTopology(config, new LiveRuleBook(List.of(), "#alerts"));
        try (ProcessorApp app = ProcessorApp.of(config, topology.build());
                KafkaConsumer<String, byte[]> consumer =
                        reader(kafka, config.topicCatalog().alerts().name())) {
            app.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (app.state() != KafkaStreams.State.RUNNING) {
                check(deadline, name + " never reached RUNNING: " + app.state());
                consumer.poll(Duration.ofMillis(50));
            }
            long started = System.nanoTime();
            long seen = 0;
            while (seen < series) {
                check(deadline, name + ": only " + seen + " of " + series + " alerts");
                seen += consumer.poll(Duration.ofMillis(100)).count();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = records / seconds;
            System.out.printf("%-26s %10.2f %12.0f%n", name, seconds, rate);
            return rate;
        }
    }

    /** Every series scored once a minute, quiet but for its last score. */
    static List<AnomalyScore> workload(int series, int points, Instant start) {
        List<AnomalyScore> out = new ArrayList<>(series * points);
        for (int step = 0; step < points; step++) {
            for (int s = 0; s < series; s++) {
                double score = step == points - 1 ? 0.9 : 0.05 + (step * 7 + s) % 20 / 100.0;
                out.add(new AnomalyScore(
                        "randomCutForest",
                        "cpu-i-" + s,
                        "i-" + s,
                        "CPUUtilization",
                        start.plusSeconds(60L * step),
                        score,
                        20.0 + (step * 13 + s) % 600 / 10.0,
                        Map.of("service", "svc-" + s % 5)));
            }
        }
        return out;
    }

    private static long historyBytes(int points) {
        List<AnomalySeries.Point> kept = new ArrayList<>();
        long t0 = Instant.now().toEpochMilli();
        for (int i = 0; i < points; i++) {
            kept.add(new AnomalySeries.Point(t0 + 60_000L * i, 0.05 + i % 20 / 100.0, 20.0 + i % 600 / 10.0));
        }
        AnomalySeries history = new AnomalySeries("randomCutForest", "cpu-i-0", "detect-default", 0.5, 0.3, kept);
        return JsonSerde.of(AnomalySeries.class).toBytes(history).length;
    }

    private static void produce(EmbeddedKafka kafka, TopicSpec<String, AnomalyScore> topic, List<AnomalyScore> scores)
            throws Exception {
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
            for (AnomalyScore score : scores) {
                producer.send(
                        new ProducerRecord<>(
                                topic.name(),
                                null,
                                score.timestamp().toEpochMilli(),
                                score.series(),
                                topic.valueSerde().serializer().serialize(topic.name(), score)),
                        (metadata, e) -> failed.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the input could not be produced", failed.get());
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
}
