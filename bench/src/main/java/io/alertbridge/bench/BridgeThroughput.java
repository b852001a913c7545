package io.alertbridge.bench;

import io.alertbridge.connectors.sqs.SqsBridge;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Throughput of the SQS to Kafka bridge draining a preloaded ElasticMQ queue into the in-process broker, next to
 * the ceiling ElasticMQ allows: a bare AWS SDK loop that only receives (10 per call, same long-poll request, same
 * number of threads) and batch-deletes, with no Kafka at all. Both run in the same JVM on the same servers, in
 * rounds after a warm-up, each round starting with another mode; the figures are the median round of each, and the ratio is what to quote.
 *
 * <p>The bridge deletes on threads of its own (as many as it has receivers) while its receivers go on receiving, so
 * it keeps twice as many SQS calls in flight as the same-concurrency loop, which waits for each delete. A second
 * baseline, {@code bare-2x}, gives the loop that many threads too: the stricter comparison.
 *
 * <p>Run: {@code bench/run BridgeThroughput [messages=20000] [receivers=2] [rounds=3]}.
 */
public final class BridgeThroughput {

    private BridgeThroughput() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int receivers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String body = alarmEnvelope();
        System.out.printf(
                "messages per round: %d, receivers: %d, rounds: %d, body: %d bytes%n",
                messages, receivers, rounds, body.length());
        try (EmbeddedKafka kafka = TestKitKafka.start();
                EmbeddedSqs sqs = EmbeddedSqs.start(0)) {
            SqsClient client = sqs.newClient();
            // Warm-up: JIT, connection pools, broker log segments; not reported.
            bare(client, preload(sqs, client, "warm-bare", messages / 4, body), messages / 4, receivers);
            bridge(kafka, sqs, client, "warm", messages / 4, receivers, body);

            List<Double> bareRates = new ArrayList<>();
            List<Double> wideRates = new ArrayList<>();
            List<Double> bridgeRates = new ArrayList<>();
            System.out.printf("%-8s %-8s %10s %12s%n", "round", "mode", "seconds", "msgs/s");
            List<String> modes = List.of("bare", "bare-2x", "bridge");
            Map<String, List<Double>> rates = Map.of("bare", bareRates, "bare-2x", wideRates, "bridge", bridgeRates);
            for (int round = 1; round <= rounds; round++) {
                // Each round starts with another mode, so that none profits from running last (warmer JIT).
                for (int m = 0; m < modes.size(); m++) {
                    String mode = modes.get((m + round - 1) % modes.size());
                    String name = mode + "-" + round;
                    double seconds =
                            switch (mode) {
                                case "bare" ->
                                    bare(client, preload(sqs, client, name, messages, body), messages, receivers);
                                case "bare-2x" ->
                                    bare(client, preload(sqs, client, name, messages, body), messages, 2 * receivers);
                                default -> bridge(kafka, sqs, client, name, messages, receivers, body);
                            };
                    rates.get(mode).add(messages / seconds);
                    System.out.printf("%-8d %-8s %10.2f %12.0f%n", round, mode, seconds, messages / seconds);
                }
            }
            double bare = median(bareRates);
            double wide = median(wideRates);
            double bridge = median(bridgeRates);
            System.out.printf("%nbare SDK receive+delete loop, %d threads (median): %8.0f msgs/s%n", receivers, bare);
            System.out.printf(
                    "bare loop, %d threads (median):                     %8.0f msgs/s%n", 2 * receivers, wide);
            System.out.printf("SQS -> Kafka bridge, %d receivers (median):          %8.0f msgs/s%n", receivers, bridge);
            System.out.printf(
                    "ratio bridge / bare (same receiving concurrency):   %8.1f %% (goal >= 80 %%)%n",
                    100 * bridge / bare);
            System.out.printf(
                    "ratio bridge / bare-2x (as many SQS threads as the bridge: receivers + delete workers): %.1f %%%n",
                    100 * bridge / wide);
            client.close();
        }
    }

    /** The ceiling: receive 10 at a time with the bridge's request, delete the batch, on {@code threads} threads. */
    private static double bare(SqsClient client, String queue, int messages, int threads) throws Exception {
        AtomicInteger deleted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            loops.add(pool.submit(() -> {
                while (deleted.get() < messages) {
                    List<Message> batch = client.receiveMessage(b -> b.queueUrl(queue)
                                    .maxNumberOfMessages(10)
                                    .waitTimeSeconds(1)
                                    .visibilityTimeout(30)
                                    .messageAttributeNames("All")
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                            .messages();
                    if (batch.isEmpty()) {
                        continue;
                    }
                    DeleteMessageBatchResponse response = client.deleteMessageBatch(b -> b.queueUrl(queue)
                            .entries(IntStream.range(0, batch.size())
                                    .mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                                            .id(Integer.toString(i))
                                            .receiptHandle(batch.get(i).receiptHandle())
                                            .build())
                                    .toList()));
                    deleted.addAndGet(response.successful().size());
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            loop.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return seconds;
    }

    /** The bridge with default settings (but for the receiver count) draining the queue; timed until all deleted. */
    private static double bridge(
            EmbeddedKafka kafka,
            EmbeddedSqs sqs,
            SqsClient client,
            String name,
            int messages,
            int receivers,
            String body)
            throws Exception {
        Topics topics = Topics.withPrefix("bench-" + name + ".");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), 3, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String queue = preload(sqs, client, name, messages, body);
        SqsBridgeConfig config = SqsBridgeConfig.of(List.of(queue)).toBuilder()
                .topics(topics)
                .receiversPerQueue(receivers)
                .waitTime(Duration.ofSeconds(1))
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        long started = System.nanoTime();
        double seconds;
        try (SqsBridge bridge = SqsBridge.start(config, client, producer, registry)) {
            while (registry.get("alertbridge.sqs.deleted")
                            .tag("queue", queue)
                            .counter()
                            .count()
                    < messages) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            seconds = (System.nanoTime() - started) / 1e9;
        }
        long records = records(kafka, topics.awsRaw().name());
        if (records < messages) {
            throw new IllegalStateException("only " + records + " of " + messages + " records reached Kafka");
        }
        return seconds;
    }

    private static long records(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    /** Fills a new queue with {@code messages} copies of the body, 10 per call on 4 threads. */
    private static String preload(EmbeddedSqs sqs, SqsClient client, String name, int messages, String body)
            throws Exception {
        String queue = sqs.createQueue("bench-" + name + "-" + System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> sends = new ArrayList<>();
        for (int from = 0; from < messages; from += 10) {
            int count = Math.min(10, messages - from);
            sends.add(pool.submit(() -> client.sendMessageBatch(b -> b.queueUrl(queue)
                    .entries(IntStream.range(0, count)
                            .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                    .id(Integer.toString(i))
                                    .messageBody(body)
                                    .build())
                            .toList()))));
        }
        for (Future<?> send : sends) {
            send.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return queue;
    }

    /** A CloudWatch alarm as SNS puts it into SQS with raw delivery off: the typical body (about 2 KB). */
    private static String alarmEnvelope() {
        String alarm = "{\\\"AlarmName\\\":\\\"api-5xx-high\\\",\\\"AlarmDescription\\\":\\\"5xx rate above 1%\\\","
                + "\\\"AWSAccountId\\\":\\\"111122223333\\\",\\\"NewStateValue\\\":\\\"ALARM\\\","
                + "\\\"NewStateReason\\\":\\\"Threshold Crossed: 1 datapoint [4.2 (01/05/24 12:00:00)] was greater"
                + " than the threshold (1.0).\\\",\\\"StateChangeTime\\\":\\\"2024-05-01T12:01:00.000+0000\\\","
                + "\\\"Region\\\":\\\"EU (Ireland)\\\",\\\"AlarmArn\\\":\\\"arn:aws:cloudwatch:eu-west-1:111122223333:"
                + "alarm:api-5xx-high\\\",\\\"OldStateValue\\\":\\\"OK\\\",\\\"Trigger\\\":{\\\"MetricName\\\":"
                + "\\\"5XXError\\\",\\\"Namespace\\\":\\\"AWS/ApiGateway\\\",\\\"StatisticType\\\":\\\"Statistic\\\","
                + "\\\"Statistic\\\":\\\"AVERAGE\\\",\\\"Unit\\\":null,\\\"Dimensions\\\":[{\\\"value\\\":\\\"prod\\\","
                + "\\\"name\\\":\\\"Stage\\\"}],\\\"Period\\\":60,\\\"EvaluationPeriods\\\":1,"
                + "\\\"ComparisonOperator\\\":\\\"GreaterThanThreshold\\\",\\\"Threshold\\\":1.0,"
                + "\\\"TreatMissingData\\\":\\\"missing\\\",\\\"EvaluateLowSampleCountPercentile\\\":\\\"\\\"}}";
        return "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"5f2d0b8e-7c1a-5d3e-9b4f-2a6c8e0d1f3b\",\n"
                + "  \"TopicArn\" : \"arn:aws:sns:eu-west-1:111122223333:alarms\",\n"
                + "  \"Subject\" : \"ALARM: \\\"api-5xx-high\\\" in EU (Ireland)\",\n"
                + "  \"Message\" : \"" + alarm + "\",\n"
                + "  \"Timestamp\" : \"2024-05-01T12:01:00.123Z\",\n  \"SignatureVersion\" : \"1\",\n"
                + "  \"Signature\" : \"" + "EXAMPLE".repeat(40) + "\",\n"
                + "  \"SigningCertURL\" : \"https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem\",\n"
                + "  \"UnsubscribeURL\" : \"https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                + "arn:aws:sns:eu-west-1:111122223333:alarms:0a1b2c3d\"\n}";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
