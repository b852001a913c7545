package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.replay.Replay;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Replay throughput next to live processing, in the same run on the same history: live is the whole topology on
 * the in-process broker with the production runtime (exactly-once, RocksDB), timed until the incidents topic holds
 * one update per input ({@link FullTopologyThroughput}'s measurement); replay is {@code alertbridge replay} over the
 * same records (read from the broker, the same topology run in memory, the report built). Rounds alternate; medians
 * are compared. Goal: replay at least as fast as live.
 *
 * <p>Run: {@code bench/run ReplayThroughput [records=20000] [partitions=2]}.
 */
public final class ReplayThroughput {

    private static final int ROUNDS = 3;

    private ReplayThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("bench-replay");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
                admin.createTopics(java.util.List.of(new NewTopic("bench.pass-through", partitions, (short) 1)))
                        .all()
                        .get();
            }
            Instant from = Instant.now().minusSeconds(1);
            FullTopologyThroughput.produce(
                    kafka,
                    topics.awsRaw(),
                    FullTopologyThroughput.throughputWorkload(
                            records, Instant.now().minus(Duration.ofHours(2))));
            Instant to = Instant.now().plusSeconds(1);
            System.out.printf("history: %,d CloudWatch alarm changes on %d partitions%n", records, partitions);
            System.out.printf("%-26s %12s%n", "run", "records/s");
            double[] live = new double[ROUNDS];
            double[] replay = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                live[round] = FullTopologyThroughput.runOrRetry(kafka, dir, "live-" + round, records, true);
                replay[round] = replay(kafka, dir, from, to, round);
            }
            double liveRate = median(live);
            double replayRate = median(replay);
            System.out.printf(
                    "median live %.0f records/s, median replay %.0f records/s: replay runs at %.2fx live%n",
                    liveRate, replayRate, replayRate / liveRate);
        }
    }

    private static double replay(EmbeddedKafka kafka, Path dir, Instant from, Instant to, int round) throws Exception {
        ProcessorConfig config = ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix("bench.")
                .stateDir(dir.resolve("replay-" + round).toString())
                .build();
        RuleBook rules = RuleBook.of(FullTopologyThroughput.routes(), "#alerts");
        Replay.Outcome outcome = Replay.run(
                config,
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new Replay.Options(from, to, rules, 0, Duration.ofMinutes(30)),
                null);
        System.out.printf(
                "%-26s %12.0f   (%,d records, %d incidents, %s)%n",
                "replay-" + round,
                outcome.rate(),
                outcome.records(),
                outcome.replayed().incidents().size(),
                outcome.replayed().commandsByChannel().keySet());
        return outcome.rate();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
