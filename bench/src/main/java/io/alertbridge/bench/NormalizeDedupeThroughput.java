package io.alertbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.KafkaSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.config.TopicsSlice;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.processor.topology.DedupeStage;
import io.alertbridge.processor.topology.Hop;
import io.alertbridge.processor.topology.NormalizeStage;
import io.alertbridge.processor.topology.StreamsProperties;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Records per second through normalize + dedupe on a real (in-process) broker, next to a pass-through topology
 * (read the raw topic, write the same records, same serdes) in the same run, both under the processor's runtime
 * settings (exactly-once, RocksDB bounded memory). The input is produced first; each run is a fresh application
 * that reads it all, timed from RUNNING until its committed offsets reach the end of every partition it reads
 * (for normalize + dedupe: the raw topic and its repartition topic). Three rounds, alternating; medians compared.
 *
 * <p>The mix: EventBridge alarm state changes (1,000 alarms flapping), CloudWatch alarm messages in SNS envelopes,
 * CloudTrail S3 calls, with 5% SQS redeliveries and 0.5% unreadable bodies.
 *
 * <p>Run: {@code bench/run NormalizeDedupeThroughput [records] [partitions]} (defaults 50000, 3).
 */
public final class NormalizeDedupeThroughput {

    /** Rounds of both topologies, alternating; the first warms the JIT up, the median is reported. */
    private static final int ROUNDS = 3;

    private NormalizeDedupeThroughput() {}

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("bench-normalize-dedupe");
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Topics topics = Topics.withPrefix("bench.");
            createTopics(kafka, topics, partitions);
            long bytes = produce(kafka, topics, records);
            System.out.printf(
                    "input: %d records (%.1f MB) on %d partitions of %s%n",
                    records, bytes / 1e6, partitions, topics.awsRaw().name());
            System.out.printf("Streams overrides: %s%n", BenchStreams.overrides());
            System.out.printf("%-26s %10s %12s%n", "topology", "seconds", "records/s");
            double[] passThrough = new double[ROUNDS];
            double[] normalizeDedupe = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                passThrough[round] = run(kafka, topics, dir, "pass-through-" + round, records, partitions, false);
                normalizeDedupe[round] =
                        run(kafka, topics, dir, "normalize-dedupe-" + round, records, partitions, true);
            }
            double base = median(passThrough);
            double stages = median(normalizeDedupe);
            System.out.printf(
                    "median pass-through %.0f records/s, median normalize+dedupe %.0f records/s: "
                            + "normalize+dedupe runs at %.2f of pass-through (%.1fx slower)%n",
                    base, stages, stages / base, base / stages);
        }
    }

    private static double run(
            EmbeddedKafka kafka, Topics topics, Path dir, String name, int records, int partitions, boolean stages)
            throws Exception {
        ProcessorConfig config = config(kafka, dir, name);
        Topology topology = stages ? normalizeDedupe(config) : passThrough(config);
        try (ProcessorApp app = ProcessorApp.of(config, topology)) {
            app.start();
            waitFor(() -> app.state() == KafkaStreams.State.RUNNING, Duration.ofMinutes(2), name + " RUNNING");
            long started = System.nanoTime();
            String id = config.streams().applicationId();
            List<TopicPartition> reads = reads(
                    id, topics, partitions, stages && Hop.of(config.streams().hops()) == Hop.THROUGH_TOPIC);
            waitFor(() -> caughtUp(kafka, id, reads), Duration.ofMinutes(10), name + " caught up");
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = records / seconds;
            System.out.printf("%-26s %10.2f %12.0f%n", name, seconds, rate);
            return rate;
        }
    }

    private static ProcessorConfig config(EmbeddedKafka kafka, Path dir, String name) {
        ProcessorConfig defaults = ProcessorConfig.defaults();
        return BenchStreams.withOverrides(defaults.toBuilder()
                .kafka(KafkaSlice.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .build())
                .topics(new TopicsSlice("bench."))
                .stateDir(dir.resolve(name).toString())
                .streams(StreamsSlice.builder().applicationId("bench-" + name).build())
                .build());
    }

    private static Topology passThrough(ProcessorConfig config) {
        TopicSpec<String, RawAwsMessage> raw = config.topicCatalog().awsRaw();
        StreamsBuilder builder = builder(config);
        builder.stream(
                        raw.name(),
                        Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-source"))
                .to(
                        "bench.pass-through",
                        Produced.with(raw.keySerde(), raw.valueSerde()).withName("copy-sink"));
        return builder.build();
    }

    private static Topology normalizeDedupe(ProcessorConfig config) {
        Topics topics = config.topicCatalog();
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        TopicSpec<String, AlertEvent> alerts = topics.alerts();
        StreamsBuilder builder = builder(config);
        Hop hop = Hop.of(config.streams().hops());
        KStream<String, AlertEvent> normalized = new NormalizeStage(config.normalize(), topics, hop, false)
                .build(
                        builder,
                        builder.stream(
                                raw.name(),
                                Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw-source")))
                .events();
        new DedupeStage(config.dedupe(), topics, StoreKind.DURABLE, hop)
                .build(builder, normalized)
                .to(
                        alerts.name(),
                        Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));
        return builder.build();
    }

    private static StreamsBuilder builder(ProcessorConfig config) {
        return new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.forTopology(config))));
    }

    /** True once the application committed the end offset of every partition it reads. */
    private static boolean caughtUp(EmbeddedKafka kafka, String applicationId, List<TopicPartition> reads)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (!committed.keySet().containsAll(reads)) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            reads.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream()
                    .allMatch(e ->
                            committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }

    /** The partitions a run reads: the raw topic's, and for normalize + dedupe its repartition topic's. */
    private static List<TopicPartition> reads(
            String applicationId, Topics topics, int partitions, boolean repartition) {
        List<TopicPartition> reads = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            reads.add(new TopicPartition(topics.awsRaw().name(), p));
            if (repartition) {
                reads.add(new TopicPartition(applicationId + "-dedupe-by-fingerprint-repartition", p));
            }
        }
        return reads;
    }

    private static void createTopics(EmbeddedKafka kafka, Topics topics, int partitions) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), partitions, (short) 1),
                            new NewTopic(topics.alerts().name(), partitions, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1),
                            new NewTopic("bench.pass-through", partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    /** Produces the mix; returns the bytes written. */
    private static long produce(EmbeddedKafka kafka, Topics topics, int records) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024);
        JsonSerde<RawAwsMessage> serde = JsonSerde.of(RawAwsMessage.class);
        Random random = new Random(42);
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] previousKey = null;
            byte[] previousValue = null;
            for (int i = 0; i < records; i++) {
                byte[] key;
                byte[] value;
                if (previousValue != null && random.nextInt(100) < 5) {
                    key = previousKey;
                    value = previousValue;
                } else {
                    RawAwsMessage message = message(i, random);
                    key = message.recordKey().getBytes(StandardCharsets.UTF_8);
                    value = serde.toBytes(message);
                }
                producer.send(new ProducerRecord<>(topics.awsRaw().name(), key, value));
                bytes += value.length;
                previousKey = key;
                previousValue = value;
            }
            producer.flush();
        }
        return bytes;
    }

    /** One record of the mix: 0.5 % unreadable, 59.5 % EventBridge alarm changes, 25 % SNS-enveloped alarms, 15 % CloudTrail. */
    static RawAwsMessage message(int i, Random random) {
        int kind = random.nextInt(200);
        String body;
        String snsId = null;
        if (kind == 0) {
            body = "{\"detail-type\": \"CloudWatch Alarm State Ch";
        } else if (kind < 120) {
            body = alarmStateChange(i, random);
        } else if (kind < 170) {
            snsId = UUID.randomUUID().toString();
            body = snsEnvelope(snsId, cloudWatchAlarmMessage(i, random));
        } else {
            body = cloudTrailPutObject(i);
        }
        Instant now = Instant.now();
        return new RawAwsMessage(
                "https://sqs.us-east-1.amazonaws.com/123456789012/bench",
                UUID.randomUUID().toString(),
                snsId,
                body,
                Map.of(),
                Map.of("ApproximateReceiveCount", "1"),
                1,
                now,
                now);
    }

    private static String alarmStateChange(int i, Random random) {
        int alarm = random.nextInt(1000);
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "CloudWatch Alarm State Change")
                .put("source", "aws.cloudwatch")
                .put("account", "123456789012")
                .put("time", Instant.now().toString())
                .put("region", "us-east-1");
        event.putArray("resources").add("arn:aws:cloudwatch:us-east-1:123456789012:alarm:bench-" + alarm);
        ObjectNode detail = event.putObject("detail");
        detail.put("alarmName", "bench-" + alarm);
        detail.putObject("state")
                .put("value", random.nextBoolean() ? "ALARM" : "OK")
                .put("reason", "Threshold Crossed: 1 out of the last 1 datapoints was greater than the threshold")
                .put("timestamp", Instant.now().plusMillis(i).toString());
        detail.putObject("previousState")
                .put("value", "OK")
                .put("timestamp", Instant.now().toString());
        ObjectNode metric = detail.putObject("configuration")
                .put("description", "CPU too high")
                .putArray("metrics")
                .addObject()
                .put("id", "m1");
        ObjectNode stat = metric.putObject("metricStat");
        stat.putObject("metric")
                .put("namespace", "AWS/EC2")
                .put("name", "CPUUtilization")
                .putObject("dimensions")
                .put("InstanceId", "i-" + Integer.toHexString(alarm));
        stat.put("period", 300).put("stat", "Average");
        return event.toString();
    }

    private static String cloudWatchAlarmMessage(int i, Random random) {
        int alarm = random.nextInt(1000);
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("AlarmName", "sns-bench-" + alarm)
                .put("AlarmDescription", "Latency")
                .put("AWSAccountId", "123456789012")
                .put("NewStateValue", random.nextBoolean() ? "ALARM" : "OK")
                .put("NewStateReason", "Threshold Crossed")
                .put("StateChangeTime", Instant.now().plusMillis(i).toString().replace("Z", "+0000"))
                .put("Region", "US East (N. Virginia)")
                .put("AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:sns-bench-" + alarm)
                .put("OldStateValue", "OK");
        ObjectNode trigger = message.putObject("Trigger");
        trigger.put("MetricName", "TargetResponseTime")
                .put("Namespace", "AWS/ApplicationELB")
                .put("Statistic", "AVERAGE")
                .put("Threshold", 1.5)
                .put("ComparisonOperator", "GreaterThanThreshold");
        trigger.putArray("Dimensions").addObject().put("name", "LoadBalancer").put("value", "app/web/" + alarm);
        return message.toString();
    }

    private static String snsEnvelope(String messageId, String message) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("Type", "Notification")
                .put("MessageId", messageId)
                .put("TopicArn", "arn:aws:sns:us-east-1:123456789012:alarms")
                .put("Subject", "ALARM")
                .put("Message", message)
                .put("Timestamp", Instant.now().toString())
                .put("SignatureVersion", "1")
                .put("Signature", "EXAMPLE")
                .put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/x.pem")
                .put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        return envelope.toString();
    }

    private static String cloudTrailPutObject(int i) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("eventVersion", "1.08")
                .put("eventTime", Instant.now().toString())
                .put("eventSource", "s3.amazonaws.com")
                .put("eventName", "PutObject")
                .put("awsRegion", "us-east-1")
                .put("sourceIPAddress", "203.0.113.7")
                .put("eventID", UUID.randomUUID().toString())
                .put("recipientAccountId", "123456789012");
        record.putObject("userIdentity").put("arn", "arn:aws:iam::123456789012:user/deployer");
        record.putObject("requestParameters").put("bucketName", "artifacts").put("key", "builds/" + i + ".zip");
        return record.toString();
    }

    private static void waitFor(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50); // CHECKSTYLE:OK a benchmark polls its own progress; no test framework here
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean done() throws Exception;
    }
}
