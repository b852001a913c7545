package io.alertbridge.bench;

import io.alertbridge.connectors.sqs.SqsBridge;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.connectors.sqs.SqsClients;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What the SQS to Kafka bridge costs per message at a steady rate, as alarms arrive in production (one
 * {@code SendMessage} at a time from SNS), rather than draining a backlog ({@link BridgeThroughput}): the SQS calls
 * it makes per message by operation (counted by an interceptor on its client), and the CPU time per message of its
 * own threads (receivers, delete workers, its Kafka producer) and of the SQS server's (ElasticMQ's), read from
 * {@code /proc} ({@link ThreadGroupCpu}). At a trickle every receive and every delete carries few messages, so the
 * calls per message, not the bytes, set the cost.
 *
 * <p>Run: {@code bench/run BridgeSteadyCost [rate=100] [seconds=30] [receivers=2] [rounds=3]}; each round a fresh
 * queue and bridge, after one unreported warm-up round.
 */
public final class BridgeSteadyCost {

    private BridgeSteadyCost() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int receivers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.printf(
                "steady rate: %d messages/s for %d s, %d receivers, %d rounds (+1 warm-up)%n",
                rate, seconds, receivers, rounds);
        try (EmbeddedKafka kafka = TestKitKafka.start();
                EmbeddedSqs sqs = EmbeddedSqs.start(0);
                SqsClient sender = sqs.newClient()) {
            System.out.printf(
                    "%-6s %9s %10s %12s %10s %12s %14s %14s%n",
                    "round",
                    "messages",
                    "receives",
                    "msgs/receive",
                    "deletes",
                    "msgs/delete",
                    "bridge CPU ms",
                    "ElasticMQ ms");
            for (int round = 0; round <= rounds; round++) {
                Result r = round(kafka, sqs, sender, "r" + round, rate, seconds, receivers);
                System.out.printf(
                        "%-6s %9d %10d %12.2f %10d %12.2f %14.3f %14.3f%n",
                        round == 0 ? "warm" : Integer.toString(round),
                        r.messages(),
                        r.receives(),
                        (double) r.messages() / r.receives(),
                        r.deletes(),
                        (double) r.messages() / r.deletes(),
                        r.bridgeCpuMs() / r.messages(),
                        r.serverCpuMs() / r.messages());
            }
            System.out.println("(CPU columns: milliseconds per message)");
        }
    }

    private record Result(long messages, long receives, long deletes, double bridgeCpuMs, double serverCpuMs) {}

    private static Result round(
            EmbeddedKafka kafka, EmbeddedSqs sqs, SqsClient sender, String name, int rate, int seconds, int receivers)
            throws Exception {
        Topics topics = Topics.withPrefix("bench-steady-" + name + "-" + System.nanoTime() + ".");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.awsRaw().name(), 3, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String queue = sqs.createQueue("bench-steady-" + name + "-" + System.nanoTime());
        CallCounter calls = new CallCounter();
        SqsBridgeConfig config = SqsBridgeConfig.of(List.of(queue)).toBuilder()
                .topics(topics)
                .receiversPerQueue(receivers)
                .build();
        // The product's client (SqsClients: Apache 5, its pool) with a counting interceptor.
        SqsClient bridgeClient = SqsClient.builder()
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(SqsClients.connectionsFor(config)))
                .endpointOverride(sqs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls))
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        String body = "{\"Type\":\"Notification\",\"MessageId\":\"%s\",\"Message\":\"alarm %s\"}";
        long total = (long) rate * seconds;
        try (SqsBridge bridge = SqsBridge.start(config, bridgeClient, producer, registry)) {
            // Let the receivers' first long polls start, so the round measures the steady state, not the start.
            while (calls.count("ReceiveMessage") < receivers) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            calls.reset();
            Map<String, ThreadGroupCpu.Ticks> before = ThreadGroupCpu.snapshot();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = name + "-" + i;
                sender.sendMessage(b -> b.queueUrl(queue).messageBody(body.formatted(id, id)));
                next += interval;
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (registry.get("alertbridge.sqs.deleted")
                            .tag("queue", queue)
                            .counter()
                            .count()
                    < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bridge did not delete all " + total + " messages in 2 min");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
            Map<String, Double> spent = ThreadGroupCpu.secondsByKind(before, ThreadGroupCpu.snapshot());
            double bridgeCpu = 0;
            double serverCpu = 0;
            for (Map.Entry<String, Double> e : spent.entrySet()) {
                if (e.getKey().startsWith("sqs-bridge") || e.getKey().startsWith("kafka-producer")) {
                    bridgeCpu += e.getValue();
                } else if (e.getKey().startsWith("elasticmq")) {
                    serverCpu += e.getValue();
                }
            }
            return new Result(
                    total,
                    calls.count("ReceiveMessage"),
                    calls.count("DeleteMessageBatch"),
                    bridgeCpu * 1000,
                    serverCpu * 1000);
        } finally {
            bridgeClient.close();
        }
    }

    /** Counts the bridge client's calls by operation name. */
    private static final class CallCounter implements ExecutionInterceptor {
        private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            byOperation
                    .computeIfAbsent(
                            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                    .increment();
        }

        long count(String operation) {
            LongAdder adder = byOperation.get(operation);
            return adder == null ? 0 : adder.sum();
        }

        void reset() {
            byOperation.clear();
        }
    }
}
