package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.sqs.SqsErrorClassifier.Decision;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResultEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps messages hidden while the bridge still works on them: every tick it finds, per queue, the messages in
 * flight whose visibility ends within the margin, and extends them by the visibility timeout with
 * {@code ChangeMessageVisibilityBatch}. A slow or absent Kafka therefore never makes SQS hand a message to another
 * consumer (or count one more receive towards the queue's redrive policy) while its record waits in the producer.
 *
 * <p>Entries SQS refuses for good (a stale receipt handle: the message already reappeared) are not tried again; the
 * message finishes its course and is at worst produced twice. SQS caps a message's total visibility at 12 hours.
 *
 * <p>{@link #run()} is called by one scheduler thread; the class is safe to use from that thread and to register
 * queues from another before it starts.
 */
final class VisibilityExtender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityExtender.class);

    /** One queue's messages and meters. */
    record Target(String queueUrl, InFlightTracker tracker, QueueMetrics metrics) {}

    private final SqsClient client;
    private final List<Target> targets;
    private final int visibilitySeconds;
    private final long marginNanos;
    private final SqsErrorClassifier classifier;
    private final Set<InFlightMessage> refused = ConcurrentHashMap.newKeySet();

    VisibilityExtender(SqsClient client, List<Target> targets, SqsBridgeConfig config, SqsErrorClassifier classifier) {
        this.client = client;
        this.targets = List.copyOf(targets);
        this.visibilitySeconds = (int) config.visibilityTimeout().getSeconds();
        this.marginNanos = config.extensionMargin().toNanos();
        this.classifier = classifier;
    }

    /** How often to look: often enough that a message is seen at least twice within its margin. */
    static Duration period(SqsBridgeConfig config) {
        long millis = Math.max(100, Math.min(1000, config.extensionMargin().toMillis() / 3));
        return Duration.ofMillis(millis);
    }

    @Override
    public void run() {
        for (Target target : targets) {
            try {
                extend(target);
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again; keep extending the other messages and later ticks.
                LOG.error("Visibility extension on {} failed unexpectedly", target.queueUrl(), LogText.failure(e));
            }
        }
        refused.removeIf(m -> m.state() == InFlightMessage.State.DONE);
    }

    private void extend(Target target) {
        long now = System.nanoTime();
        List<InFlightMessage> due = due(target.tracker().snapshot(), now, marginNanos);
        due.removeAll(refused);
        for (int from = 0; from < due.size(); from += SqsAcknowledger.BATCH) {
            List<InFlightMessage> batch = due.subList(from, Math.min(due.size(), from + SqsAcknowledger.BATCH));
            extendBatch(target, batch, System.nanoTime());
        }
    }

    private void extendBatch(Target target, List<InFlightMessage> batch, long requestedAt) {
        ChangeMessageVisibilityBatchResponse response;
        try {
            response = client.changeMessageVisibilityBatch(b -> b.queueUrl(target.queueUrl())
                    .entries(
                            SqsAcknowledger.entries(batch, (id, m) -> ChangeMessageVisibilityBatchRequestEntry.builder()
                                    .id(id)
                                    .receiptHandle(m.receiptHandle())
                                    .visibilityTimeout(visibilitySeconds)
                                    .build())));
        } catch (SdkException e) {
            // Tried again at the next tick while the messages are still due.
            target.metrics().visibilityErrors.increment(batch.size());
            LOG.warn(
                    "Extending visibility of {} messages on {} failed: {}",
                    batch.size(),
                    target.queueUrl(),
                    LogText.safe(e.toString()));
            return;
        }
        long visibleAt = requestedAt + Duration.ofSeconds(visibilitySeconds).toNanos();
        for (ChangeMessageVisibilityBatchResultEntry ok : response.successful()) {
            InFlightMessage message = batch.get(Integer.parseInt(ok.id()));
            message.visibleAtNanos(visibleAt);
            target.metrics().visibilityExtended.increment();
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            InFlightMessage message = batch.get(Integer.parseInt(failed.id()));
            target.metrics().visibilityErrors.increment();
            if (classifier.classify(failed) == Decision.GIVE_UP) {
                refused.add(message);
                LOG.warn(
                        "Cannot extend visibility of {} on {} ({}: {}); it may be delivered again",
                        LogText.safe(message.messageId()),
                        target.queueUrl(),
                        LogText.safe(failed.code()),
                        LogText.safe(failed.message()));
            }
        }
        LOG.debug(
                "Extended visibility of {} messages on {}",
                response.successful().size(),
                target.queueUrl());
    }

    /** The messages not yet finished whose visibility ends within {@code marginNanos} of {@code nowNanos}. */
    static List<InFlightMessage> due(Collection<InFlightMessage> inFlight, long nowNanos, long marginNanos) {
        List<InFlightMessage> due = new ArrayList<>();
        for (InFlightMessage message : inFlight) {
            if (message.state() != InFlightMessage.State.DONE && message.visibleAtNanos() - nowNanos <= marginNanos) {
                due.add(message);
            }
        }
        return due;
    }
}
