package io.alertbridge.connectors.slack.sink;

import io.alertbridge.schemas.model.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the notifications the sink could not carry out to the dead-letter topic, with their coordinates and why,
 * and remembers a letter Kafka lost, so that no offset past it is committed ({@link #throwIfLost()}).
 *
 * <p>{@link #write} on the loop thread; the producer's callback may run on its own thread.
 */
public final class DeadLetters {

    static final String STAGE = "slack-sink";

    private final String topic;
    private final String dlqTopic;
    private final Producer<byte[], byte[]> producer;
    private final SinkMetrics metrics;
    private final AtomicReference<Exception> lost = new AtomicReference<>();

    /**
     * @param topic the notifications topic the letters come from
     * @param dlqTopic the dead-letter topic
     */
    public DeadLetters(String topic, String dlqTopic, Producer<byte[], byte[]> producer, SinkMetrics metrics) {
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.producer = producer;
        this.metrics = metrics;
    }

    /** Sends {@code record} to the dead-letter topic, headers kept, with the error and reason. */
    void write(ConsumerRecord<byte[], byte[]> record, String error, String reason) {
        metrics.deadLettered(error);
        DeadLetter letter = new DeadLetter(topic, STAGE, error, reason, record.partition(), record.offset());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        producer.send(
                new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), letter.writeTo(headers)),
                (metadata, e) -> {
                    if (e != null) {
                        lost.compareAndSet(null, e);
                    }
                });
    }

    /**
     * Call after a flush.
     *
     * @throws KafkaException when a letter written since the last call was lost
     */
    void throwIfLost() {
        Exception e = lost.getAndSet(null);
        if (e != null) {
            throw new KafkaException("a dead letter could not be written; offsets are not committed", e);
        }
    }
}
