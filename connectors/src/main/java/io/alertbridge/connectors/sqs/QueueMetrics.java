package io.alertbridge.connectors.sqs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * The bridge's meters for one queue, tagged {@code queue=<queue URL>}: messages received, produced to Kafka,
 * deleted from SQS, visibility extensions, produce failures left in SQS for redelivery, messages dead-lettered, SQS
 * call errors by operation, and the gauge of messages in flight. Prometheus shows them as
 * {@code alertbridge_sqs_received_total{queue="..."}} and so on.
 *
 * <p>Thread-safe (Micrometer meters are). Counters outlive the bridge (a bridge started again in the same process
 * with the same registry continues them, as Prometheus expects of totals); {@link #remove()} unregisters the gauge,
 * which would otherwise keep a closed bridge reachable.
 */
final class QueueMetrics {

    static final String PREFIX = "alertbridge.sqs.";

    final Counter received;
    final Counter produced;
    final Counter deleted;
    final Counter visibilityExtended;
    final Counter failed;
    final Counter deadLettered;
    final Counter receiveErrors;
    final Counter deleteErrors;
    final Counter visibilityErrors;

    private final MeterRegistry registry;
    private final Gauge inFlightGauge;

    QueueMetrics(MeterRegistry registry, String queueUrl, Supplier<Number> inFlight) {
        this.registry = registry;
        received = counter(queueUrl, "received", "messages received from the queue (redeliveries included)");
        produced = counter(queueUrl, "produced", "records Kafka acknowledged on the raw topic");
        deleted = counter(queueUrl, "deleted", "messages deleted from the queue after Kafka acknowledged them");
        visibilityExtended =
                counter(queueUrl, "visibility.extended", "visibility extensions of messages still in flight");
        failed = counter(queueUrl, "failed", "produce failures: messages left in the queue to be delivered again");
        deadLettered = counter(queueUrl, "dead.lettered", "poison messages written to the dead-letter topic");
        receiveErrors = errors(queueUrl, "receive");
        deleteErrors = errors(queueUrl, "delete");
        visibilityErrors = errors(queueUrl, "visibility");
        inFlightGauge = Gauge.builder(PREFIX + "in.flight", inFlight)
                .description("messages received and not yet deleted or given back")
                .tag("queue", queueUrl)
                .register(registry);
    }

    private Counter counter(String queueUrl, String name, String description) {
        Counter counter = Counter.builder(PREFIX + name)
                .description(description)
                .tag("queue", queueUrl)
                .register(registry);
        return counter;
    }

    private Counter errors(String queueUrl, String operation) {
        Counter counter = Counter.builder(PREFIX + "errors")
                .description("failed SQS calls or batch entries, by operation")
                .tag("queue", queueUrl)
                .tag("operation", operation)
                .register(registry);
        return counter;
    }

    /** Unregisters the in-flight gauge. */
    void remove() {
        registry.remove(inFlightGauge);
    }
}
