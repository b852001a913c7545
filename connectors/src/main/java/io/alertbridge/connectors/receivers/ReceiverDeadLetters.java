package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.model.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes what a receiver could not deliver to the dead-letter topic: the incident record as it was read, with the
 * usual {@link DeadLetter} headers (stage {@code receiver:<kind>:<name>}, the error — {@code refused},
 * {@code gave_up}, {@code unreadable} — and the reason) plus {@code alertbridge.receiver} and
 * {@code alertbridge.receiver.message} (what was not delivered, such as {@code trigger INC-7F3A v3}). Written
 * synchronously, before the offset is committed, so that nothing is dropped silently.
 *
 * <p>Used by the receiver's loop thread only.
 */
public final class ReceiverDeadLetters {

    /** Header naming the receiver. */
    public static final String RECEIVER = "alertbridge.receiver";
    /** Header describing the message that was not delivered. */
    public static final String MESSAGE = "alertbridge.receiver.message";

    private final ReceiverId receiver;
    private final String sourceTopic;
    private final String dlqTopic;
    private final Producer<byte[], byte[]> producer;
    private final ReceiverMetrics metrics;
    private final ReceiverStatus status;

    public ReceiverDeadLetters(
            ReceiverId receiver,
            String sourceTopic,
            String dlqTopic,
            Producer<byte[], byte[]> producer,
            ReceiverMetrics metrics,
            ReceiverStatus status) {
        this.receiver = receiver;
        this.sourceTopic = sourceTopic;
        this.dlqTopic = dlqTopic;
        this.producer = producer;
        this.metrics = metrics;
        this.status = status;
    }

    /**
     * Writes one letter and waits until Kafka has it.
     *
     * @throws KafkaException when Kafka does not take it (the offset must then not be committed)
     */
    void write(ConsumerRecord<byte[], byte[]> record, String error, String reason, String message) {
        metrics.deadLettered(error);
        status.deadLettered();
        DeadLetter letter =
                new DeadLetter(sourceTopic, "receiver:" + receiver, error, reason, record.partition(), record.offset());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        letter.writeTo(headers);
        headers.add(RECEIVER, receiver.toString().getBytes(StandardCharsets.UTF_8));
        if (message != null) {
            headers.add(MESSAGE, message.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("a dead letter could not be written; the offset is not committed", e);
        }
    }
}
