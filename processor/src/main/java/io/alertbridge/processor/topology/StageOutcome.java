package io.alertbridge.processor.topology;

import io.alertbridge.processor.errors.DeadLetterSink;
import io.alertbridge.processor.errors.Rejected;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * A stage's output record before it is split: either a value for the next stage or a record for the dead-letter
 * topic. Never serialized (it lives between two processors of one sub-topology).
 *
 * @param value the value to pass on, or null
 * @param rejected the dead letter, or null
 * @param <V> value type
 */
record StageOutcome<V>(V value, Rejected rejected) {

    static <V> StageOutcome<V> of(V value) {
        return new StageOutcome<>(value, null);
    }

    static <V> StageOutcome<V> reject(Rejected rejected) {
        return new StageOutcome<>(null, rejected);
    }

    /** Sends the rejects to the dead-letter topic and returns the values. */
    static <V> KStream<String, V> split(
            KStream<String, StageOutcome<V>> outcomes, String deadLetterTopic, String stage) {
        DeadLetterSink.attach(
                outcomes.filter((key, outcome) -> outcome.rejected() != null, Named.as(stage + "-rejects"))
                        .mapValues(StageOutcome::rejected, Named.as(stage + "-reject-values")),
                deadLetterTopic,
                stage);
        return outcomes.filter((key, outcome) -> outcome.value() != null, Named.as(stage + "-passed"))
                .mapValues(StageOutcome::value, Named.as(stage + "-passed-values"));
    }
}
