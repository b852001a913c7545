package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One receiver beside Slack, running: its own consumer group over {@code alertbridge.incidents}, its own thread, its
 * own producer for dead letters (see {@link ReceiverLoop} for what it guarantees). Start one per configured
 * receiver; run more instances to scale out (they share the incidents' partitions).
 *
 * <p>Thread-safe: {@link #health()} and {@link #close()} from any thread.
 */
public final class ReceiverSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ReceiverId id;
    private final ReceiverLoop<?> loop;
    private final ReceiverStatus status;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);

    private ReceiverSink(
            ReceiverId id,
            ReceiverLoop<?> loop,
            ReceiverStatus status,
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer) {
        this.id = id;
        this.loop = loop;
        this.status = status;
        this.consumer = consumer;
        this.producer = producer;
        this.thread = new Thread(this::run, "receiver-" + id.kind().key() + "-" + id.name());
        this.thread.setDaemon(true);
    }

    /**
     * Starts a receiver.
     *
     * @param destination where its changes go
     * @param settings its group, timeouts, backoff and give-up time
     * @param kafka the cluster's client properties (bootstrap servers, security)
     * @param topics the topic names
     * @param routes the routes in force, by id
     * @param registry where its meters go
     * @param probe {@link ReceiverProbe#NONE} except in crash tests
     */
    public static <M> ReceiverSink start(
            Destination<M> destination,
            DeliverySettings settings,
            Map<String, Object> kafka,
            Topics topics,
            Function<String, Optional<RouteRule>> routes,
            MeterRegistry registry,
            ReceiverProbe probe) {
        Clock clock = Clock.systemUTC();
        ReceiverId id = destination.id();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafka, settings.groupId(), id));
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerConfig(kafka, id));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        ReceiverStatus status = new ReceiverStatus(clock);
        ReceiverMetrics metrics = new ReceiverMetrics(registry, id);
        ReceiverParts parts = new ReceiverParts(
                status,
                metrics,
                new ReceiverDeadLetters(
                        id, topics.incidents().name(), topics.deadLetters().name(), producer, metrics, status),
                new ReceiverWait(consumer, clock),
                probe,
                clock);
        ReceiverLoop<M> loop =
                new ReceiverLoop<>(consumer, topics.incidents().name(), destination, routes, settings, parts);
        ReceiverSink sink = new ReceiverSink(id, loop, status, consumer, producer);
        sink.thread.start();
        return sink;
    }

    static Map<String, Object> consumerConfig(Map<String, Object> kafka, String groupId, ReceiverId id) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "alertbridge-receiver-" + id.kind().key() + "-" + id.name());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka, ReceiverId id) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.keySet().removeIf(key -> key.startsWith("group.") || key.startsWith("isolation."));
        props.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        props.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        props.remove(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG);
        props.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "alertbridge-receiver-" + id.kind().key() + "-" + id.name());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    public ReceiverId id() {
        return id;
    }

    /** Ready while consuming; degraded while the destination is unavailable or refused recently. Any thread. */
    public ReceiverHealth health() {
        return status.health();
    }

    /** Stops consuming, commits what was delivered, closes its clients. Waits up to 30 s. Idempotent. */
    @Override
    public void close() {
        loop.stop();
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Receiver {} did not stop within {}", id, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the receiver's thread has ended (after a close or a simulated crash). */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        boolean graceful = true;
        try {
            loop.run();
            status.ended(ReceiverStatus.State.CLOSED, "closed");
        } catch (ReceiverProbe.Crash e) {
            graceful = false;
            loop.abandon();
            LOG.warn("Receiver {} crashed on purpose ({}): nothing committed", id, LogText.safe(e.getMessage()));
            status.ended(ReceiverStatus.State.FAILED, "crash: " + e.getMessage());
        } catch (RuntimeException e) {
            graceful = false;
            loop.abandon();
            LOG.error("Receiver {} stopped by an unexpected failure; offsets not committed", id, LogText.failure(e));
            status.ended(ReceiverStatus.State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            closeQuietly(graceful);
            LOG.info("Receiver {} {}", id, graceful ? "closed" : "abandoned");
            finished.countDown();
        }
    }

    private void closeQuietly(boolean graceful) {
        try {
            consumer.close(graceful ? Duration.ofSeconds(10) : Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("Ignoring a failure while closing receiver {}'s consumer: {}", id, e.toString());
        }
        try {
            producer.close(graceful ? Duration.ofSeconds(10) : Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("Ignoring a failure while closing receiver {}'s producer: {}", id, e.toString());
        }
    }
}
