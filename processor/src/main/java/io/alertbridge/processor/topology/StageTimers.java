package io.alertbridge.processor.topology;

import io.alertbridge.processor.store.StateStores;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The runtime of a stage that keeps timers ({@link LifecycleStage}, {@link ThrottleStage}): what "now" is
 * ({@link TimeBase}), where the pending timers are kept (a {@link TimerIndex} in one of
 * {@link StateStores#TIMER_INDEXES}) and when the due ones fire. The stage keeps each state's own due instant, calls
 * {@link #move} whenever it changes, and judges each due timer in its {@link Handler}.
 *
 * <ul>
 *   <li>{@link TimeBase#WALL_CLOCK} (live): a wall-clock punctuator, every {@code tick}, fires every timer due by
 *       then, earliest first. After a pause (a long collection, a rebalance, a restart) the timers that fell due
 *       during it all fire at the first tick, in the order they fell due.
 *   <li>{@link TimeBase#RECORD_TIME} (reprocessing history): no punctuator; {@link #now} fires the timers due by the
 *       record's time just before the record is applied, as they would have fired live.
 * </ul>
 *
 * <p>The timers live in the store, not in this object, so a restarted task (its store restored from the changelog)
 * fires the timers its predecessor set. Not thread-safe: one per task processor, created with it.
 */
final class StageTimers {

    /** What a stage does with a due timer. */
    @FunctionalInterface
    interface Handler {

        /**
         * Acts on the timer of {@code id} that fell due {@code at}.
         *
         * @param id what the timer is for
         * @param at when it was due (compare with the state's own due instant to tell a stale entry)
         * @param now the instant it fires at (the punctuation's, or the record's under record time)
         * @return false when the timer is stale (the state moved on or is gone): the index then drops it
         */
        boolean fire(String id, Instant at, Instant now);
    }

    private final TimeBase timeBase;
    private final Duration tick;
    private final String store;
    private ProcessorContext<?, ?> context;
    private TimerIndex index;
    private Handler handler;
    private Instant caughtUpTo = Instant.EPOCH;

    /**
     * @param timeBase what "now" is
     * @param tick how often the wall-clock punctuator runs (unused under record time)
     * @param store the timer index store, one of {@link StateStores#TIMER_INDEXES}, connected to the processor
     */
    StageTimers(TimeBase timeBase, Duration tick, String store) {
        this.timeBase = Objects.requireNonNull(timeBase, "timeBase");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.store = Objects.requireNonNull(store, "store");
        if (!StateStores.TIMER_INDEXES.contains(store)) {
            throw new IllegalArgumentException("not a timer index of the topology: " + store);
        }
    }

    /** Opens the index and, on the wall clock, schedules the punctuator; call from the processor's {@code init}. */
    void init(ProcessorContext<?, ?> context, Handler handler) {
        this.context = Objects.requireNonNull(context, "context");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.index = new TimerIndex(context.getStateStore(store));
        if (timeBase == TimeBase.WALL_CLOCK) {
            context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, wallMs -> fireDue(Instant.ofEpochMilli(wallMs)));
        }
    }

    /**
     * The instant the current record is judged at. Under record time, the timers due by then fire first, so the
     * record meets the state it would have met live.
     */
    Instant now() {
        Instant now = timeBase.now(context);
        if (timeBase == TimeBase.RECORD_TIME && now.isAfter(caughtUpTo)) {
            fireDue(now);
            caughtUpTo = now;
        }
        return now;
    }

    /** Moves the timer of {@code id} from {@code before} to {@code after} (either may be null for none). */
    void move(String id, Instant before, Instant after) {
        index.move(id, before, after);
    }

    private void fireDue(Instant now) {
        for (TimerIndex.Due due : index.due(now)) {
            if (!handler.fire(due.id(), due.at(), now)) {
                index.drop(due);
            }
        }
    }
}
