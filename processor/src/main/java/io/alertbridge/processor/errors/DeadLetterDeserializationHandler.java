package io.alertbridge.processor.errors;

import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sends a record whose key or value cannot be read to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name}, byte for byte, with {@link DeadLetter} headers (stage
 * {@value #STAGE}), and goes on with the next record. Kafka Streams produces the dead letter itself (KIP-1034), in
 * the task's transaction under exactly-once. Configured by Kafka Streams; thread-safe after configuration.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** The stage named in the dead letter's headers. */
    public static final String STAGE = "deserialize";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(java.util.Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic for " + getClass().getSimpleName());
        }
        deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn(
                "Unreadable record at {}-{}@{} sent to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                deadLetterTopic,
                LogText.safe(exception.getMessage()));
        DeadLetter reason = new DeadLetter(
                record.topic(),
                STAGE,
                exception.getClass().getName(),
                String.valueOf(exception.getMessage()),
                record.partition(),
                record.offset());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(
                deadLetterTopic, null, record.timestamp(), record.key(), record.value(), record.headers());
        reason.writeTo(letter.headers());
        return Response.resume(List.of(letter));
    }
}
