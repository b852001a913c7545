package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.server.common.MetadataVersion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transactions back to back on the in-process broker, the way an exactly-once Kafka Streams thread writes (many
 * partitions per transaction, several batches per partition, a commit every few milliseconds), counting the
 * transactions that never finish: a commit that does not return within {@value #STALL_SECONDS} s is a stall (the
 * producer is then closed and a new one takes its transactional id, as Kafka Streams' thread replacement would).
 *
 * <p>Run: {@code bench/run TransactionStallProbe [seconds=120] [partitions=6] [producers=2] [transactionVersion=2]
 * [maxInFlight=5] [metadataVersion=latest testing]}: {@code transactionVersion} is the broker's
 * {@code transaction.version} feature (1 or 2; see {@link TestKitKafka#start(short, MetadataVersion)}),
 * {@code maxInFlight} the producers' {@code max.in.flight.requests.per.connection}, {@code metadataVersion} e.g.
 * {@code 4.3-IV0}.
 */
public final class TransactionStallProbe {

    private static final int STALL_SECONDS = 20;
    private static final int RECORDS_PER_TRANSACTION = 300;
    private static final byte[] VALUE = new byte[1_000];

    private TransactionStallProbe() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int producers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        short transactionVersion = args.length > 3 ? Short.parseShort(args[3]) : 2;
        int maxInFlight = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        MetadataVersion metadataVersion =
                args.length > 5 ? MetadataVersion.fromVersionString(args[5], true) : MetadataVersion.latestTesting();
        try (EmbeddedKafka kafka = TestKitKafka.start(transactionVersion, metadataVersion)) {
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(
                                new NewTopic("probe", partitions, (short) 1),
                                new NewTopic("probe-input", producers, (short) 1)))
                        .all()
                        .get();
            }
            AtomicLong committed = new AtomicLong();
            AtomicLong stalls = new AtomicLong();
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                String id = "probe-" + p;
                int inputPartition = p;
                Thread thread = new Thread(
                        () -> loop(kafka, id, inputPartition, partitions, maxInFlight, deadline, committed, stalls),
                        id);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.printf(
                    "metadata.version=%s transaction.version=%d max.in.flight=%d, %d producers, %d partitions, %d s: "
                            + "%,d transactions committed, %d stalls%n",
                    metadataVersion,
                    transactionVersion,
                    maxInFlight,
                    producers,
                    partitions,
                    seconds,
                    committed.get(),
                    stalls.get());
        }
    }

    private static void loop(
            EmbeddedKafka kafka,
            String transactionalId,
            int inputPartition,
            int partitions,
            int maxInFlight,
            long deadline,
            AtomicLong committed,
            AtomicLong stalls) {
        while (System.nanoTime() < deadline) {
            KafkaProducer<byte[], byte[]> producer = producer(kafka, transactionalId, maxInFlight);
            try {
                producer.initTransactions();
                long offset = 0;
                while (System.nanoTime() < deadline) {
                    producer.beginTransaction();
                    for (int r = 0; r < RECORDS_PER_TRANSACTION; r++) {
                        int partition = ThreadLocalRandom.current().nextInt(partitions);
                        producer.send(new ProducerRecord<>("probe", partition, null, VALUE));
                    }
                    // As a stream thread does: the input offsets commit with the output, in the same transaction.
                    offset += RECORDS_PER_TRANSACTION;
                    producer.sendOffsetsToTransaction(
                            Map.of(new TopicPartition("probe-input", inputPartition), new OffsetAndMetadata(offset)),
                            new ConsumerGroupMetadata("probe-group-" + transactionalId));
                    producer.commitTransaction();
                    committed.incrementAndGet();
                }
                producer.close(Duration.ofSeconds(5));
            } catch (TimeoutException stalled) {
                stalls.incrementAndGet();
                System.out.printf(
                        "%s: a transaction did not commit within %d s (%s)%n",
                        transactionalId, STALL_SECONDS, stalled.getMessage());
                producer.close(Duration.ZERO);
            } catch (RuntimeException other) {
                System.out.printf("%s: %s%n", transactionalId, other);
                producer.close(Duration.ZERO);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(
            EmbeddedKafka kafka, String transactionalId, int maxInFlight) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
        // Kafka Streams' producer settings under exactly-once.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, STALL_SECONDS * 1000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
