package io.alertbridge.connectors.sqs;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Set;

/**
 * Decides what a failed produce means for the SQS message behind it.
 *
 * <p>{@link Outcome#POISON}: this record can never be written, whatever Kafka's health (it is larger than the
 * topic or the producer accepts, or the broker rejects its content). Retrying would block the message forever, so
 * it goes to the dead-letter topic and is then deleted.
 *
 * <p>{@link Outcome#REDELIVER}: everything else, including errors that look permanent but concern Kafka rather
 * than the record (authorization, an unknown topic, a closed producer). The message is not deleted; SQS delivers it
 * again after its visibility timeout. Treating an unknown error as poison would lose the alarm from the raw history;
 * treating it as redeliverable at worst delays it, and the queue's own redrive policy still applies.
 *
 * <p>Stateless and thread-safe.
 */
final class ProduceErrorClassifier {

    /** What becomes of the message. */
    enum Outcome {
        /** Never producible: dead-letter it, then delete it. */
        POISON,
        /** Leave it in SQS to be delivered again. */
        REDELIVER
    }

    /** Failures caused by the record itself. Subclasses count too. */
    static final Set<Class<? extends RuntimeException>> POISON_TYPES = Set.of(
            RecordTooLargeException.class,
            RecordBatchTooLargeException.class,
            InvalidRecordException.class,
            InvalidTimestampException.class,
            SerializationException.class);

    Outcome classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (Class<? extends RuntimeException> type : POISON_TYPES) {
                if (type.isInstance(t)) {
                    return Outcome.POISON;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Outcome.REDELIVER;
    }
}
