package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.replay.Rebuild;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code replay --rebuild} throughput next to live processing, in the same run on the same workload: live is
 * {@link FullTopologyThroughput}'s measurement (the whole topology, exactly-once, RocksDB, until the incidents topic
 * holds one update per input) over the workload stamped now; the rebuild is {@link Rebuild#run} over the same
 * alarm changes stamped across {@code span} of history (topics {@code history.*}), fed in order windows, each drained
 * before the next. The ratio shows what reprocessing in time order costs.
 *
 * <p>Run: {@code bench/run RebuildThroughput [records=10000] [partitions=2] [span=1d] [window=5m] [rounds=3]}.
 */
public final class RebuildThroughput {

    private RebuildThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Duration span = args.length > 2 ? io.alertbridge.schemas.serde.Json.parseDuration(args[2]) : Duration.ofDays(1);
        Duration window =
                args.length > 3 ? io.alertbridge.schemas.serde.Json.parseDuration(args[3]) : Duration.ofMinutes(5);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path dir = Files.createTempDirectory("bench-rebuild");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics live = Topics.withPrefix("bench.");
            Topics history = Topics.withPrefix("history.");
            var settings =
                    new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(1));
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(admin, live, settings);
                TopicCreator.createAll(admin, history, settings);
                admin.createTopics(List.of(new NewTopic("bench.pass-through", partitions, (short) 1)))
                        .all()
                        .get();
            }
            // Live reads its workload as ReplayThroughput does (stamped two hours ago); the rebuild's copy is spread.
            FullTopologyThroughput.produce(
                    kafka,
                    live.awsRaw(),
                    FullTopologyThroughput.throughputWorkload(
                            records, Instant.now().minus(Duration.ofHours(2))));
            Instant start = Instant.now().minus(span).minus(Duration.ofMinutes(1));
            produceSpread(
                    kafka, history.awsRaw(), FullTopologyThroughput.throughputWorkload(records, start), start, span);
            System.out.printf(
                    "history: %,d CloudWatch alarm changes over %s on %d partitions; order window %s (%d windows at most)%n",
                    records, span, partitions, window, span.toMillis() / window.toMillis() + 1);
            System.out.printf("Streams overrides: %s%n", BenchStreams.overrides());
            System.out.printf("%-26s %12s%n", "run", "records/s");
            double[] liveRates = new double[rounds];
            double[] rebuild = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                liveRates[round] = FullTopologyThroughput.runOrRetry(kafka, dir, "live-" + round, records, true);
                rebuild[round] = rebuild(kafka, dir, round, window);
            }
            double liveRate = median(liveRates);
            double rebuildRate = median(rebuild);
            System.out.printf(
                    "median live %.0f records/s, median rebuild %.0f records/s: rebuild runs at %.2fx live%n",
                    liveRate, rebuildRate, rebuildRate / liveRate);
        }
    }

    private static double rebuild(EmbeddedKafka kafka, Path dir, int round, Duration window) throws Exception {
        // The same Streams overrides as the live rounds (bench.streams.*), so a setting is compared on both sides.
        ProcessorConfig config = BenchStreams.withOverrides(ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix("history.")
                .stateDir(dir.resolve("rebuild-" + round).toString())
                .build());
        RuleBook rules = RuleBook.of(FullTopologyThroughput.routes(), "#alerts");
        Rebuild.Outcome outcome = Rebuild.run(
                config,
                new Rebuild.Options("bench-rebuild-" + round, null, rules, false, Duration.ofHours(1), window),
                null);
        System.out.printf(
                "%-26s %12.0f   (%,d records, %d incidents)%n",
                "rebuild-" + round,
                outcome.rate(),
                outcome.records(),
                outcome.report().incidents().size());
        return outcome.rate();
    }

    /** The workload with its timestamps spread evenly over {@code span} from {@code start}. */
    private static void produceSpread(
            EmbeddedKafka kafka,
            TopicSpec<String, RawAwsMessage> topic,
            List<RawAwsMessage> messages,
            Instant start,
            Duration span)
            throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20);
        long step = Math.max(1, span.toMillis() / Math.max(1, messages.size()));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < messages.size(); i++) {
                RawAwsMessage message = messages.get(i);
                producer.send(new ProducerRecord<>(
                        topic.name(),
                        null,
                        start.toEpochMilli() + i * step,
                        message.recordKey(),
                        topic.valueSerde().serializer().serialize(topic.name(), message)));
            }
            producer.flush();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
