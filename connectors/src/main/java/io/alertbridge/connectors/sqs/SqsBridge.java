package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQS to Kafka bridge: drains the configured queues into {@code alertbridge.aws.raw}, at least once and never
 * early: a message is deleted from SQS only after Kafka acknowledged its record.
 *
 * <p>Start it with {@link #start}; it runs until {@link #close()}. Per queue, {@code receiversPerQueue} threads
 * long-poll ({@link SqsPoller}), each message becomes a record ({@link RawMessageConverter}) sent by one idempotent
 * producer with {@code acks=all}, and acknowledged records are deleted in batches ({@link SqsAcknowledger}). A
 * {@link VisibilityExtender} keeps messages hidden while their records wait, and at most {@code maxInFlight}
 * messages per queue are held, so a slow or absent Kafka pauses receiving instead of filling memory; receiving
 * resumes by itself when Kafka answers again. SQS errors back off with jitter ({@link SqsErrorClassifier} decides
 * how long). Poison messages (records Kafka can never take) go to the dead-letter topic with their reason and are
 * then deleted.
 *
 * <p>The bridge uses the {@link SqsClient} it is given (build one with {@link SqsClients}) and does not close it.
 * Configuration files and environment lookups are the caller's business (the launcher loads {@link SqsBridgeConfig}).
 * Thread-safe.
 */
public final class SqsBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBridge.class);

    /** How long receivers may take to leave their last long poll, on top of its wait time. */
    private static final Duration RECEIVER_GRACE = Duration.ofSeconds(5);

    private final SqsBridgeConfig config;
    private final Producer<byte[], byte[]> producer;
    private final List<QueueWorker> workers;
    private final ExecutorService deadLetters;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqsBridge(
            SqsBridgeConfig config,
            Producer<byte[], byte[]> producer,
            List<QueueWorker> workers,
            ExecutorService deadLetters,
            ScheduledExecutorService scheduler) {
        this.config = config;
        this.producer = producer;
        this.workers = workers;
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
    }

    /**
     * Starts a bridge. It returns at once; readiness shows in {@link #health()}. With no queues configured the
     * bridge is idle and creates no producer.
     *
     * @param config what to drain and how
     * @param sqs the SQS client, built the SDK's standard way ({@link SqsClients#standard}); not closed by the bridge
     * @param producerConfig Kafka producer settings ({@code bootstrap.servers}, security, tuning). The bridge sets
     *     {@code enable.idempotence=true}, {@code acks=all} and byte-array serializers, and refuses settings that
     *     contradict them; unless given, it sets {@code delivery.timeout.ms} to the maximum (a record waits for
     *     Kafka as long as it takes, its message kept hidden meanwhile), {@code max.request.size} to 4 MiB (the
     *     topic's {@code max.message.bytes} decides), {@code batch.size} to 256 KiB (an alarm is a few KiB: the
     *     default 16 KiB batch holds a handful, and the idempotent producer's five requests in flight then cap
     *     throughput), {@code max.in.flight.requests.per.connection} to 1 (see {@link #producerSettings}) and
     *     {@code client.id} to {@code alertbridge-sqs-bridge}
     * @param registry where the per-queue meters go
     * @throws IllegalArgumentException when the producer settings are unusable
     */
    public static SqsBridge start(
            SqsBridgeConfig config, SqsClient sqs, Map<String, Object> producerConfig, MeterRegistry registry) {
        return start(config, sqs, producerConfig, registry, Clock.systemUTC());
    }

    static SqsBridge start(
            SqsBridgeConfig config,
            SqsClient sqs,
            Map<String, Object> producerConfig,
            MeterRegistry registry,
            Clock clock) {
        if (config.queueUrls().isEmpty()) {
            LOG.info("SQS bridge idle: no queues configured (set sqs.queueUrls or ALERTBRIDGE_SQS_QUEUE_URLS)");
            return new SqsBridge(config, null, List.of(), null, null);
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(producerConfig));
        ExecutorService deadLetters = Executors.newSingleThreadExecutor(threads("sqs-bridge-dlq"));
        SqsErrorClassifier sqsErrors = new SqsErrorClassifier();
        QueueWorker.Shared shared = new QueueWorker.Shared(
                sqs,
                producer,
                new RawMessageConverter(config.topics(), clock),
                deadLetters,
                sqsErrors,
                new ProduceErrorClassifier(),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(20)),
                registry);
        List<QueueWorker> workers = config.queueUrls().stream()
                .map(url -> new QueueWorker(url, config, shared))
                .toList();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("sqs-bridge-extender"));
        VisibilityExtender extender = new VisibilityExtender(
                sqs, workers.stream().map(QueueWorker::extenderTarget).toList(), config, sqsErrors);
        long period = VisibilityExtender.period(config).toMillis();
        scheduler.scheduleWithFixedDelay(extender, period, period, TimeUnit.MILLISECONDS);
        SqsBridge bridge = new SqsBridge(config, producer, workers, deadLetters, scheduler);
        for (QueueWorker worker : workers) {
            worker.start(threads("sqs-bridge-" + queueName(worker.queueUrl())));
        }
        LOG.info(
                "SQS bridge started: {} queues into {} (dead letters to {})",
                workers.size(),
                config.topics().awsRaw().name(),
                config.topics().deadLetters().name());
        return bridge;
    }

    /** The producer settings the bridge runs with; public for the launcher's configuration dump and for tests. */
    public static Map<String, Object> producerSettings(Map<String, Object> given) {
        Map<String, Object> settings = new HashMap<>(given);
        if (settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("SQS bridge producer: bootstrap.servers is required");
        }
        requireUnsetOr(settings, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        requireUnsetOr(settings, ProducerConfig.ACKS_CONFIG, "all", "-1");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        settings.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        settings.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // One request in flight per broker. With more, a batch the broker refuses as too large (a poison message,
        // split and resent by the producer) can be overtaken by the next batch of its partition; when that was the
        // partition's first write, the idempotent producer then retries the split batch forever with
        // OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-14359) and the partition stalls. Kafka Connect's source producers
        // run with one request in flight for the same family of reasons.
        settings.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-sqs-bridge");
        return settings;
    }

    private static void requireUnsetOr(Map<String, Object> settings, String key, String... allowed) {
        Object value = settings.get(key);
        if (value == null) {
            return;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        for (String ok : allowed) {
            if (ok.equals(text)) {
                return;
            }
        }
        throw new IllegalArgumentException("SQS bridge producer: " + key + " must be " + String.join(" or ", allowed)
                + " (the bridge deletes SQS messages only after a durable, idempotent write), was '" + value + "'");
    }

    /** Whether the bridge is running with Kafka and every queue reachable. */
    public boolean isReady() {
        return health().ready();
    }

    /** The bridge's state for a health endpoint. Cheap; call it as often as needed. */
    public BridgeHealth health() {
        boolean running = !closed.get();
        Map<String, BridgeHealth.Queue> queues = new LinkedHashMap<>();
        workers.forEach(w -> queues.put(w.queueUrl(), w.health()));
        if (producer == null) {
            return new BridgeHealth(running, running, false, queues);
        }
        boolean kafka = running && kafkaConnected();
        boolean sqs = queues.values().stream().allMatch(BridgeHealth.Queue::connected);
        return new BridgeHealth(running && kafka && sqs, running, kafka, queues);
    }

    /** The producer holds a connection to a broker: its own {@code connection-count} metric. */
    private boolean kafkaConnected() {
        for (Map.Entry<MetricName, ? extends Metric> entry : producer.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("connection-count") && name.group().equals("producer-metrics")) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number n && n.doubleValue() > 0;
            }
        }
        return false;
    }

    /**
     * Stops gracefully: stops receiving, lets in-flight produces finish, deletes what Kafka acknowledged, and gives
     * the rest back to SQS (visibility 0). Waits at most about {@code closeTimeout} plus the receive wait time; what
     * is not finished by then is released, never deleted. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || producer == null) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + config.closeTimeout().toNanos();
        try {
            workers.forEach(QueueWorker::stopReceiving);
            for (QueueWorker worker : workers) {
                worker.awaitReceivers(config.waitTime().plus(RECEIVER_GRACE));
            }
            awaitProduces(deadline);
            deadLetters.shutdown();
            deadLetters.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            // Whatever Kafka did not answer by now fails in its callback and is kept for release below.
            producer.close(Duration.ofMillis(remainingMillis(deadline)));
            for (QueueWorker worker : workers) {
                worker.acknowledger().drain(Duration.ofMillis(Math.max(1000, remainingMillis(deadline))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.close(Duration.ZERO);
        } finally {
            finishClose(started);
        }
    }

    private void finishClose(long started) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (QueueWorker worker : workers) {
            int released = worker.releaseRemaining();
            try {
                worker.acknowledger().stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.metrics().remove();
            LOG.info(
                    "Stopped draining {}: {} produced, {} deleted, {} released for redelivery",
                    worker.queueUrl(),
                    (long) worker.metrics().produced.count(),
                    (long) worker.metrics().deleted.count(),
                    released);
        }
        deadLetters.shutdownNow();
        LOG.info("SQS bridge closed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void awaitProduces(long deadline) throws InterruptedException {
        while (workers.stream().mapToInt(QueueWorker::producing).sum() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10); // polling a counter at shutdown: no single event to wait on
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** The last path segment of a queue URL: its name, for thread names. */
    static String queueName(String queueUrl) {
        int slash = queueUrl.lastIndexOf('/');
        return slash >= 0 && slash < queueUrl.length() - 1 ? queueUrl.substring(slash + 1) : queueUrl;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
