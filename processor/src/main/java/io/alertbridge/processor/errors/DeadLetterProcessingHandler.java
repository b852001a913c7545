package io.alertbridge.processor.errors;

import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The safety net behind the stages, which handle their own bad input: when a processor throws on one record (a
 * bug meeting an input nobody foresaw), the source record's original bytes go to the dead-letter topic with the
 * processor's name as the stage, and the stream goes on. Kafka Streams' own failures ({@link StreamsException}:
 * state stores, the producer, task migration) are not a record's fault: they fail the thread and reach
 * {@link BoundedThreadReplacement}. Thread-safe after configuration.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic for " + getClass().getSimpleName());
        }
        deadLetterTopic = topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof StreamsException) {
            return Response.fail();
        }
        LOG.error(
                "Processor {} failed on the record from {}-{}@{}; sent to {}",
                context.processorNodeId(),
                context.topic(),
                context.partition(),
                context.offset(),
                deadLetterTopic,
                LogText.failure(exception));
        DeadLetter reason = new DeadLetter(
                String.valueOf(context.topic()),
                context.processorNodeId(),
                exception.getClass().getName(),
                String.valueOf(exception.getMessage()),
                context.partition(),
                context.offset());
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(
                deadLetterTopic,
                null,
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                new RecordHeaders(context.headers().toArray()));
        reason.writeTo(letter.headers());
        return Response.resume(List.of(letter));
    }
}
