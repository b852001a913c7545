package io.alertbridge.processor.app;

import java.time.Instant;

/**
 * The processor's readiness as {@code /health} reports it.
 *
 * @param ready true only while Kafka Streams is RUNNING
 * @param state Kafka Streams' state ({@code CREATED}, {@code REBALANCING}, {@code RUNNING}, {@code ERROR}, ...)
 * @param since when it entered that state
 * @param detail one line for people
 */
public record ProcessorHealth(boolean ready, String state, Instant since, String detail) {}
