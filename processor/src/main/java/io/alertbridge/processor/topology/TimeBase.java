package io.alertbridge.processor.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Instant;

/**
 * What "now" means to the stages that keep timers ({@link LifecycleStage}, {@link ThrottleStage}).
 *
 * <p>Live processing runs on the wall clock: a group wait or an escalation must fire when its time comes even if no
 * record ever arrives again. Reprocessing history ({@code replay --rebuild}) cannot: a week of records flows through
 * in minutes, and judged by today's clock every incident of that week would look hours old the moment it opened.
 * There "now" is the task's stream time, the newest record timestamp it has seen, and the timers due by a record's
 * time fire just before that record is applied, in the order they would have fired live.
 */
public enum TimeBase {

    /** Live: now is the wall clock; a wall-clock punctuator fires the due timers. */
    WALL_CLOCK,

    /**
     * Reprocessing: now is the task's stream time; due timers fire before each record that moves stream time on.
     * Timers due after the last record wait for the next one, or for the switch back to the wall clock.
     */
    RECORD_TIME;

    /** The current instant for the task of {@code context}. */
    public Instant now(ProcessorContext<?, ?> context) {
        return Instant.ofEpochMilli(
                this == WALL_CLOCK ? context.currentSystemTimeMs() : Math.max(0, context.currentStreamTimeMs()));
    }
}
