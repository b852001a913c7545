/**
 * The processor's three error paths (STYLE.md). Unreadable input goes to the dead-letter topic with its original
 * bytes and the reason in {@link io.alertbridge.schemas.model.DeadLetter} headers: from the deserializer
 * ({@link io.alertbridge.processor.errors.DeadLetterDeserializationHandler}), from a stage that rejects a record
 * ({@link io.alertbridge.processor.errors.Rejected} through {@link io.alertbridge.processor.errors.DeadLetterSink}),
 * or from a stage that failed on one record ({@link io.alertbridge.processor.errors.DeadLetterProcessingHandler}).
 * The handlers use Kafka Streams' own dead-letter mechanism (KIP-1034: the handler's response carries the records,
 * produced in the task's transaction) with the topic of {@code errors.dead.letter.queue.topic.name}. Anything else
 * reaches {@link io.alertbridge.processor.errors.BoundedThreadReplacement}.
 */
package io.alertbridge.processor.errors;
