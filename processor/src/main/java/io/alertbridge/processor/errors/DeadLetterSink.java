package io.alertbridge.processor.errors;

import io.alertbridge.schemas.model.DeadLetter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;

/**
 * Writes a stage's {@link Rejected} records to the dead-letter topic: original bytes as key and value, the input
 * record's headers kept, the reason and the source coordinates in {@link DeadLetter} headers. Being part of the
 * topology, the dead letter is produced in the same transaction as the stage's other output.
 */
public final class DeadLetterSink {

    private DeadLetterSink() {}

    /**
     * Attaches the sink.
     *
     * @param rejects the stage's rejects
     * @param deadLetterTopic the DLQ topic
     * @param name prefix of the processor names ({@code <name>-dead-letter}, {@code <name>-dead-letter-sink})
     */
    public static <K> void attach(KStream<K, Rejected> rejects, String deadLetterTopic, String name) {
        rejects.process(ToDeadLetter<K>::new, Named.as(name + "-dead-letter"))
                .to(
                        deadLetterTopic,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-dead-letter-sink"));
    }

    /** Turns a reject into the dead-letter record; the record metadata is that of the stage's input record. */
    private static final class ToDeadLetter<K> extends ContextualProcessor<K, Rejected, byte[], byte[]> {
        @Override
        public void process(Record<K, Rejected> record) {
            Rejected rejected = record.value();
            Optional<RecordMetadata> source = context().recordMetadata();
            DeadLetter reason = new DeadLetter(
                    source.map(RecordMetadata::topic).orElse("(unknown)"),
                    rejected.stage(),
                    rejected.errorClass(),
                    rejected.reason(),
                    source.map(RecordMetadata::partition).orElse(-1),
                    source.map(RecordMetadata::offset).orElse(-1L));
            Record<byte[], byte[]> letter =
                    new Record<>(rejected.key(), rejected.value(), record.timestamp(), record.headers());
            reason.writeTo(letter.headers());
            context().forward(letter);
        }
    }
}
