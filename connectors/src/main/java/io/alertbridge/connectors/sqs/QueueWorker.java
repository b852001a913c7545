package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.sqs.InFlightMessage.State;
import io.alertbridge.connectors.sqs.SqsErrorClassifier.Decision;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains one queue: its receivers (threads that long-poll through {@link SqsPoller}), the produce of each message
 * and what follows from Kafka's answer. It wires the roles together: {@link RawMessageConverter} builds the record,
 * the producer writes it, {@link SqsAcknowledger} deletes it once acknowledged, {@link InFlightTracker} bounds what
 * is held.
 *
 * <p>Kafka's answer decides a message's fate: acknowledged, it is deleted; poison (see
 * {@link ProduceErrorClassifier}), it goes to the dead-letter topic and is deleted once that is acknowledged; any
 * other failure leaves it in SQS, which delivers it again after its visibility timeout (while closing it is kept and
 * released instead).
 *
 * <p>Thread-safe. Producer callbacks run on the producer's I/O thread, so they never block: deletes are handed to
 * the acknowledger and dead-letter produces to an executor.
 */
final class QueueWorker {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    /** Produce failures are summarised in one WARN per interval (and logged one by one at DEBUG). */
    private static final Duration FAILURE_REPORT_INTERVAL = Duration.ofSeconds(10);

    private final String queueUrl;
    private final SqsBridgeConfig config;
    private final SqsClient client;
    private final SqsPoller poller;
    private final Producer<byte[], byte[]> producer;
    private final RawMessageConverter converter;
    private final Executor deadLetters;
    private final SqsErrorClassifier sqsErrors;
    private final ProduceErrorClassifier produceErrors;
    private final Backoff backoff;
    private final InFlightTracker tracker;
    private final QueueMetrics metrics;
    private final SqsAcknowledger acknowledger;
    private final AtomicInteger producing = new AtomicInteger();
    private final AtomicInteger unreportedFailures = new AtomicInteger();
    private final AtomicLong lastFailureReport = new AtomicLong(System.nanoTime() - FAILURE_REPORT_INTERVAL.toNanos());
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<Thread> receivers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean closing;
    private volatile boolean sqsConnected;
    private volatile String lastSqsError;

    /** What a worker needs from the bridge that owns it. */
    record Shared(
            SqsClient client,
            Producer<byte[], byte[]> producer,
            RawMessageConverter converter,
            Executor deadLetters,
            SqsErrorClassifier sqsErrors,
            ProduceErrorClassifier produceErrors,
            Backoff backoff,
            MeterRegistry registry) {}

    QueueWorker(String queueUrl, SqsBridgeConfig config, Shared shared) {
        this.queueUrl = queueUrl;
        this.config = config;
        this.client = shared.client();
        this.poller = new SqsPoller(shared.client(), queueUrl, config);
        this.producer = shared.producer();
        this.converter = shared.converter();
        this.deadLetters = shared.deadLetters();
        this.sqsErrors = shared.sqsErrors();
        this.produceErrors = shared.produceErrors();
        this.backoff = shared.backoff();
        this.tracker = new InFlightTracker(config.maxInFlight());
        this.metrics = new QueueMetrics(shared.registry(), queueUrl, tracker::size);
        this.acknowledger =
                new SqsAcknowledger(shared.client(), queueUrl, tracker, metrics, shared.sqsErrors(), shared.backoff());
    }

    void start(ThreadFactory threads) {
        acknowledger.start(config.receiversPerQueue(), threads);
        for (int i = 0; i < config.receiversPerQueue(); i++) {
            boolean probe = i == 0;
            Thread receiver = threads.newThread(() -> receiveLoop(probe));
            receivers.add(receiver);
            receiver.start();
        }
    }

    private void receiveLoop(boolean probeFirst) {
        if (probeFirst) {
            probe();
        }
        int max = config.maxMessagesPerReceive();
        long visibilityNanos = config.visibilityTimeout().toNanos();
        int failures = 0;
        try {
            while (running) {
                int room = tracker.reserve(max, 200);
                if (room == 0) {
                    continue; // in flight is full: Kafka is behind, so SQS waits
                }
                long requestedAt = System.nanoTime();
                List<Message> messages;
                try {
                    messages = poller.receive(room);
                } catch (RuntimeException e) {
                    tracker.unreserve(room);
                    pauseAfter(e, failures++);
                    continue;
                }
                failures = 0;
                connected();
                tracker.unreserve(room - messages.size());
                for (Message message : messages) {
                    produce(new InFlightMessage(queueUrl, message, requestedAt + visibilityNanos));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks SQS about the queue, so readiness and misconfiguration show before the first long poll returns. */
    private void probe() {
        try {
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY))
                    .attributes();
            connected();
            LOG.info(
                    "Draining {} with {} receivers (queue visibility timeout {} s, bridge uses {} s; redrive policy: {})",
                    queueUrl,
                    config.receiversPerQueue(),
                    attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT),
                    config.visibilityTimeout().getSeconds(),
                    attributes.getOrDefault(QueueAttributeName.REDRIVE_POLICY, "none"));
        } catch (RuntimeException e) {
            disconnected(e);
            LOG.error(
                    "Cannot read the attributes of {}; receivers will keep trying: {}",
                    queueUrl,
                    LogText.safe(e.toString()));
        }
    }

    private void pauseAfter(RuntimeException error, int failures) throws InterruptedException {
        metrics.receiveErrors.increment();
        disconnected(error);
        if (!running) {
            return;
        }
        Decision decision = sqsErrors.classify(error);
        Duration pause = decision == Decision.RETRY ? backoff.delay(failures) : backoff.max();
        if (decision == Decision.RETRY) {
            LOG.warn(
                    "Receive from {} failed (attempt {}), retrying in {} ms: {}",
                    queueUrl,
                    failures + 1,
                    pause.toMillis(),
                    LogText.safe(error.toString()));
        } else {
            LOG.error(
                    "Receive from {} failed and needs attention, retrying in {} ms: {}",
                    queueUrl,
                    pause.toMillis(),
                    LogText.safe(error.toString()));
        }
        stopSignal.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void produce(InFlightMessage message) {
        tracker.track(message);
        metrics.received.increment();
        producing.incrementAndGet();
        ProducerRecord<byte[], byte[]> record;
        try {
            record = converter.toRecord(queueUrl, message.message());
        } catch (RuntimeException e) {
            onProduced(message, e);
            return;
        }
        try {
            producer.send(record, (metadata, error) -> onProduced(message, error));
        } catch (RuntimeException e) {
            // send() calls back for errors of the record; it throws for a closed or interrupted producer.
            onProduced(message, e);
        }
    }

    private void onProduced(InFlightMessage message, Exception error) {
        if (error == null) {
            metrics.produced.increment();
            acknowledged(message);
            producing.decrementAndGet();
        } else if (produceErrors.classify(error) == ProduceErrorClassifier.Outcome.POISON) {
            try {
                deadLetters.execute(() -> deadLetter(message, error));
            } catch (RejectedExecutionException e) {
                failed(message, error);
            }
        } else {
            failed(message, error);
        }
    }

    private void deadLetter(InFlightMessage message, Exception reason) {
        try {
            ProducerRecord<byte[], byte[]> record = converter.toDeadLetter(queueUrl, message.message(), reason);
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    metrics.deadLettered.increment();
                    LOG.warn(
                            "Dead-lettered {} from {} to {}-{}@{}: {}",
                            LogText.safe(message.messageId()),
                            queueUrl,
                            metadata.topic(),
                            metadata.partition(),
                            metadata.offset(),
                            LogText.safe(reason.toString()));
                    acknowledged(message);
                    producing.decrementAndGet();
                } else {
                    LOG.error(
                            "Cannot dead-letter {} from {} ({}); it stays in the queue",
                            LogText.safe(message.messageId()),
                            queueUrl,
                            LogText.safe(error.toString()));
                    failed(message, error);
                }
            });
        } catch (RuntimeException e) {
            failed(message, e);
        }
    }

    private void acknowledged(InFlightMessage message) {
        if (message.transition(State.PRODUCING, State.ACKNOWLEDGED)) {
            acknowledger.acknowledge(message);
        }
    }

    private void failed(InFlightMessage message, Exception error) {
        metrics.failed.increment();
        LOG.debug(
                "Produce of {} from {} failed; not deleted: {}",
                LogText.safe(message.messageId()),
                queueUrl,
                LogText.safe(error.toString()));
        if (closing) {
            message.transition(State.PRODUCING, State.PRODUCE_FAILED); // released at the end of close()
        } else {
            tracker.finish(message);
            reportFailure(message, error);
        }
        producing.decrementAndGet();
    }

    /** One WARN per burst: when Kafka fails, it fails for hundreds of records within milliseconds. */
    private void reportFailure(InFlightMessage message, Exception error) {
        int unreported = unreportedFailures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFailureReport.get();
        if (now - last >= FAILURE_REPORT_INTERVAL.toNanos() && lastFailureReport.compareAndSet(last, now)) {
            unreportedFailures.addAndGet(-unreported);
            LOG.warn(
                    "{} produce failures from {} since the last report (latest {}: {}); not deleted, SQS will"
                            + " deliver them again",
                    unreported,
                    queueUrl,
                    LogText.safe(message.messageId()),
                    LogText.safe(error.toString()));
        }
    }

    private void connected() {
        sqsConnected = true;
        lastSqsError = null;
    }

    private void disconnected(Exception error) {
        sqsConnected = false;
        lastSqsError = error.toString();
    }

    /** Stops receiving; a receive in progress finishes and its messages are produced. */
    void stopReceiving() {
        closing = true;
        running = false;
        stopSignal.countDown();
    }

    /** Waits for the receivers to leave their last poll, interrupting those that outlast the timeout. */
    void awaitReceivers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread receiver : receivers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            receiver.join(Math.max(1, left));
            if (receiver.isAlive()) {
                receiver.interrupt();
                receiver.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    /** Records handed to the producer (or the dead-letter topic) without an answer yet. */
    int producing() {
        return producing.get();
    }

    SqsAcknowledger acknowledger() {
        return acknowledger;
    }

    /** Gives back every message still held (visibility 0). */
    int releaseRemaining() {
        return acknowledger.release(tracker.snapshot());
    }

    VisibilityExtender.Target extenderTarget() {
        return new VisibilityExtender.Target(queueUrl, tracker, metrics);
    }

    BridgeHealth.Queue health() {
        return new BridgeHealth.Queue(sqsConnected, lastSqsError, tracker.size());
    }

    QueueMetrics metrics() {
        return metrics;
    }

    String queueUrl() {
        return queueUrl;
    }
}
