package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.sqs.SqsErrorClassifier.Decision;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Removes messages from one queue once Kafka acknowledged their records, and gives messages back at shutdown: the
 * bridge's position in the queue.
 *
 * <p>{@link #acknowledge} is called from the producer's callback thread, so it only enqueues. Worker threads take
 * up to 10 acknowledged messages at a time and send one {@code DeleteMessageBatch}; they always read the answer's
 * {@code failed()} list, retry the entries (or the whole call) that {@link SqsErrorClassifier} calls transient with
 * backoff, and give up on the others. A message whose delete is given up is not lost: it becomes visible again and
 * is delivered and produced once more, which at-least-once allows. Nothing is ever deleted that was not first
 * acknowledged by Kafka, because nothing else reaches this class.
 *
 * <p>{@link #release} sets the visibility of messages the bridge will not finish to 0, so another instance gets
 * them at once rather than after their timeout.
 *
 * <p>Thread-safe.
 */
final class SqsAcknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(SqsAcknowledger.class);

    /** SQS's largest batch. */
    static final int BATCH = 10;

    /** Attempts per delete batch before its remaining entries are left to their visibility timeout. */
    static final int MAX_ATTEMPTS = 8;

    /**
     * How long a worker waits for a partial batch to fill before it deletes what it has. A delete is off every
     * alert's path (the record is in Kafka before it is scheduled), so waiting costs no latency: a message only stays
     * invisible in the queue that much longer. It saves calls where alarms trickle in: at 100 a second a 5 ms wait
     * deleted them one call each (bench/run BridgeSteadyCost). The AWS SDK's own batch manager waits 200 ms.
     */
    static final Duration FILL_WAIT = Duration.ofMillis(100);

    private final SqsClient client;
    private final String queueUrl;
    private final InFlightTracker tracker;
    private final QueueMetrics metrics;
    private final SqsErrorClassifier classifier;
    private final Backoff backoff;
    private final BlockingQueue<InFlightMessage> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    SqsAcknowledger(
            SqsClient client,
            String queueUrl,
            InFlightTracker tracker,
            QueueMetrics metrics,
            SqsErrorClassifier classifier,
            Backoff backoff) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.tracker = tracker;
        this.metrics = metrics;
        this.classifier = classifier;
        this.backoff = backoff;
    }

    /** Starts {@code count} delete workers. */
    void start(int count, ThreadFactory threads) {
        for (int i = 0; i < count; i++) {
            Thread worker = threads.newThread(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    /** Schedules the delete of a message Kafka acknowledged. Never blocks. */
    void acknowledge(InFlightMessage message) {
        outstanding.incrementAndGet();
        pending.add(message);
    }

    /** Waits until every acknowledged message was deleted or given up; false when the timeout came first. */
    boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling a counter at shutdown: no single event to wait on
        }
        return true;
    }

    /** Stops the workers; messages still pending are left to their visibility timeout (or to {@link #release}). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(5));
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
    }

    private void work() {
        List<InFlightMessage> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                InFlightMessage first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                deleteWithRetries(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error(
                        "Delete worker of {} failed unexpectedly; {} messages left to their visibility timeout",
                        queueUrl,
                        batch.size(),
                        LogText.failure(e));
                batch.forEach(this::giveUp);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Tops a batch up to 10, waiting up to {@link #FILL_WAIT} for more: the producer acknowledges records one
     * callback at a time, and a full batch costs SQS one call instead of several.
     */
    private void fill(List<InFlightMessage> batch) throws InterruptedException {
        long deadline = System.nanoTime() + FILL_WAIT.toNanos();
        pending.drainTo(batch, BATCH - batch.size());
        while (batch.size() < BATCH) {
            long left = deadline - System.nanoTime();
            InFlightMessage next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            pending.drainTo(batch, BATCH - batch.size());
        }
    }

    private void deleteWithRetries(List<InFlightMessage> batch) throws InterruptedException {
        List<InFlightMessage> remaining = batch;
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            if (attempt > 0) {
                if (attempt >= MAX_ATTEMPTS) {
                    LOG.warn(
                            "Giving up deleting {} messages from {} after {} attempts; SQS will deliver them again",
                            remaining.size(),
                            queueUrl,
                            attempt);
                    remaining.forEach(this::giveUp);
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(backoff.delay(attempt - 1).toMillis());
            }
            remaining = deleteOnce(remaining);
        }
    }

    /** One {@code DeleteMessageBatch}; returns the messages to try again. */
    private List<InFlightMessage> deleteOnce(List<InFlightMessage> batch) {
        DeleteMessageBatchResponse response;
        try {
            response = client.deleteMessageBatch(
                    b -> b.queueUrl(queueUrl).entries(entries(batch, (id, m) -> DeleteMessageBatchRequestEntry.builder()
                            .id(id)
                            .receiptHandle(m.receiptHandle())
                            .build())));
        } catch (SdkException e) {
            metrics.deleteErrors.increment(batch.size());
            if (classifier.classify(e) == Decision.RETRY) {
                LOG.warn("DeleteMessageBatch on {} failed, will retry: {}", queueUrl, LogText.safe(e.toString()));
                return batch;
            }
            LOG.error(
                    "DeleteMessageBatch on {} failed for good; {} messages will be delivered again",
                    queueUrl,
                    batch.size(),
                    LogText.failure(e));
            batch.forEach(this::giveUp);
            return List.of();
        }
        Sorted sorted = sort(batch, response, classifier);
        sorted.deleted().forEach(this::deleted);
        for (Failure failure : sorted.givenUp()) {
            metrics.deleteErrors.increment();
            LOG.warn(
                    "Cannot delete {} from {} ({}: {}); SQS will deliver it again",
                    LogText.safe(failure.message().messageId()),
                    queueUrl,
                    LogText.safe(failure.code()),
                    LogText.safe(failure.reason()));
            giveUp(failure.message());
        }
        if (!sorted.retry().isEmpty()) {
            metrics.deleteErrors.increment(sorted.retry().size());
            LOG.debug(
                    "Retrying the delete of {} messages from {}", sorted.retry().size(), queueUrl);
        }
        return sorted.retry();
    }

    private void deleted(InFlightMessage message) {
        metrics.deleted.increment();
        LOG.debug("Deleted {} from {}", LogText.safe(message.messageId()), queueUrl);
        tracker.finish(message);
        outstanding.decrementAndGet();
    }

    private void giveUp(InFlightMessage message) {
        tracker.finish(message);
        outstanding.decrementAndGet();
    }

    /**
     * Gives messages back: visibility 0, so SQS delivers them again at once. Reads {@code failed()} and retries
     * transient failures once; every message is finished either way (at worst it reappears after its timeout).
     *
     * @return how many were released
     */
    int release(Collection<InFlightMessage> messages) {
        int released = 0;
        List<InFlightMessage> all = List.copyOf(messages);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<InFlightMessage> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<InFlightMessage> retry = releaseOnce(batch);
            if (!retry.isEmpty()) {
                retry = releaseOnce(retry);
            }
            released += batch.size() - retry.size();
            batch.forEach(tracker::finish);
        }
        return released;
    }

    private List<InFlightMessage> releaseOnce(List<InFlightMessage> batch) {
        try {
            ChangeMessageVisibilityBatchResponse response =
                    client.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl)
                            .entries(entries(batch, (id, m) -> ChangeMessageVisibilityBatchRequestEntry.builder()
                                    .id(id)
                                    .receiptHandle(m.receiptHandle())
                                    .visibilityTimeout(0)
                                    .build())));
            List<InFlightMessage> retry = new ArrayList<>();
            for (BatchResultErrorEntry failed : response.failed()) {
                metrics.visibilityErrors.increment();
                InFlightMessage message = batch.get(Integer.parseInt(failed.id()));
                if (classifier.classify(failed) == Decision.RETRY) {
                    retry.add(message);
                } else {
                    LOG.debug(
                            "Cannot release {} on {}: {}",
                            LogText.safe(message.messageId()),
                            queueUrl,
                            LogText.safe(failed.code()));
                }
            }
            return retry;
        } catch (SdkException e) {
            metrics.visibilityErrors.increment(batch.size());
            LOG.warn(
                    "Releasing {} messages on {} failed; they reappear after their visibility timeout: {}",
                    batch.size(),
                    queueUrl,
                    LogText.safe(e.toString()));
            return classifier.classify(e) == Decision.RETRY ? batch : List.of();
        }
    }

    /** Batch entries with ids "0".."9": unique within the batch even when SQS delivered one message twice. */
    static <E> List<E> entries(List<InFlightMessage> batch, EntryBuilder<E> builder) {
        List<E> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(builder.build(Integer.toString(i), batch.get(i)));
        }
        return entries;
    }

    /**
     * Sorts one {@code DeleteMessageBatch} answer into deleted, to retry, and given up. An entry SQS mentions in
     * neither list is retried, since only a listed success proves the delete.
     */
    static Sorted sort(
            List<InFlightMessage> batch, DeleteMessageBatchResponse response, SqsErrorClassifier classifier) {
        Function<String, InFlightMessage> byId = id -> {
            try {
                int index = Integer.parseInt(id);
                return index >= 0 && index < batch.size() ? batch.get(index) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        };
        boolean[] answered = new boolean[batch.size()];
        List<InFlightMessage> deleted = new ArrayList<>();
        List<InFlightMessage> retry = new ArrayList<>();
        List<Failure> givenUp = new ArrayList<>();
        for (DeleteMessageBatchResultEntry ok : response.successful()) {
            InFlightMessage message = byId.apply(ok.id());
            if (message != null && !answered[Integer.parseInt(ok.id())]) {
                answered[Integer.parseInt(ok.id())] = true;
                deleted.add(message);
            }
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            InFlightMessage message = byId.apply(failed.id());
            if (message != null && !answered[Integer.parseInt(failed.id())]) {
                answered[Integer.parseInt(failed.id())] = true;
                if (classifier.classify(failed) == Decision.RETRY) {
                    retry.add(message);
                } else {
                    givenUp.add(new Failure(message, failed.code(), failed.message()));
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!answered[i]) {
                retry.add(batch.get(i));
            }
        }
        return new Sorted(deleted, retry, givenUp);
    }

    /** Builds one batch entry from its id and message. */
    @FunctionalInterface
    interface EntryBuilder<E> {
        E build(String id, InFlightMessage message);
    }

    /** A batch answer sorted by what to do next. */
    record Sorted(List<InFlightMessage> deleted, List<InFlightMessage> retry, List<Failure> givenUp) {}

    /** An entry SQS refused for good, with SQS's code and explanation. */
    record Failure(InFlightMessage message, String code, String reason) {}
}
