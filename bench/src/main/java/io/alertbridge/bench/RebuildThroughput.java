package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.KafkaSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.TopicsSlice;
import io.alertbridge.processor.replay.Rebuild;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
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
 * <p>Run: {@code bench/run RebuildThroughput [records=5000] [partitions=2] [span=1d] [window=5m]}.
 */
public final class RebuildThroughput {

    private static final int ROUNDS = 3;

    private RebuildThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Duration span = args.length > 2 ? io.alertbridge.schemas.serde.Json.parseDuration(args[2]) : Duration.ofDays(1);
        Duration window =
                args.length > 3 ? io.alertbridge.schemas.serde.Json.parseDuration(args[3]) : Duration.ofMinutes(5);
        Path dir = Files.createTempDirectory("bench-rebuild");
        try (EmbeddedKafka kafka = EmbeddedKafka.forTests()) {
            Topics topics = Topics.withPrefix("bench.");
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(
                        admin,
                        topics,
                        new TopicCreator.TopicSettings(
                                partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(1)));
                admin.createTopics(List.of(new NewTopic("bench.pass-through", partitions, (short) 1)))
                        .all()
                        .get();
            }
            Instant start = Instant.now().minus(span).minus(Duration.ofMinutes(1));
            produceSpread(
                    kafka, topics.awsRaw(), FullTopologyThroughput.throughputWorkload(records, start), start, span);
            System.out.printf(
                    "history: %,d CloudWatch alarm changes over %s on %d partitions; order window %s (%d windows at most)%n",
                    records, span, partitions, window, span.toMillis() / window.toMillis() + 1);
            System.out.printf("%-26s %12s%n", "run", "records/s");
            double[] live = new double[ROUNDS];
            double[] rebuild = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                live[round] = FullTopologyThroughput.runOrRetry(kafka, dir, "live-" + round, records, true);
                rebuild[round] = rebuild(kafka, dir, round, window);
            }
            double liveRate = median(live);
            double rebuildRate = median(rebuild);
            System.out.printf(
                    "median live %.0f records/s, median rebuild %.0f records/s: rebuild runs at %.2fx live%n",
                    liveRate, rebuildRate, rebuildRate / liveRate);
        }
    }

    private static double rebuild(EmbeddedKafka kafka, Path dir, int round, Duration window) throws Exception {
        ProcessorConfig config = ProcessorConfig.defaults()
                .withKafka(KafkaSlice.defaults().withBootstrapServers(kafka.bootstrapServers()))
                .withTopics(new TopicsSlice("history."))
                .withStateDir(dir.resolve("rebuild-" + round).toString());
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
