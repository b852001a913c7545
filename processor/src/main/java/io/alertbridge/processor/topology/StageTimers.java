package io.alertbridge.processor.topology;

import io.alertbridge.processor.store.StateStores;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime of a stage that keeps timers ({@link LifecycleStage}, {@link ThrottleStage}): what "now" is
 * ({@link TimeBase}), where the pending timers are kept (a {@link TimerIndex} in one of
 * {@link StateStores#TIMER_INDEXES}) and when the due ones fire. The stage keeps each state's own due instant, calls
 * {@link #move} whenever it changes, and judges each due timer in its {@link Handler}.
 *
 * <ul>
 *   <li>{@link TimeBase#WALL_CLOCK} (live): a wall-clock punctuator, every {@code tick}, fires every timer due by
 *       then, earliest first. After a pause (a long collection, a rebalance, a restart) the timers that fell due
 *       during it all fire at the first tick, in the order they fell due. Besides the tick, one wake-up (a one-shot
 *       wall-clock punctuation) waits for the earliest pending timer, so a timer fires when it falls due (or at most
 *       {@link #WAKE_UP_SPACING} after the last wake-up), not up to a tick later: a first post waits for its group
 *       wait, not for the group wait and the rest of a tick. The tick stays, as the net under anything the wake-up
 *       misses (a timer restored with the store, an entry that stays due).
 *   <li>{@link TimeBase#RECORD_TIME} (reprocessing history): no punctuator; {@link #now} fires the timers due by the
 *       record's time just before the record is applied, each at the instant it fell due and earliest first, as
 *       they would have fired live. A timer that its handler sets again for an instant still before the record's
 *       fires again in its turn: a channel's post slot taken at 10:00:00 frees at 10:00:01 for the next waiting
 *       incident, not at the next record, which in sparse history may come minutes later.
 * </ul>
 *
 * <p>The timers live in the store, not in this object, so a restarted task (its store restored from the changelog)
 * fires the timers its predecessor set. Not thread-safe: one per task processor, created with it.
 */
final class StageTimers {

    /**
     * Least time between two wake-ups. Each one reads the index (the due entries, then the earliest left), and a
     * burst of new incidents has a timer due at nearly every millisecond: spaced, they fire in batches, at most this
     * late, instead of one read of the index per timer.
     */
    static final Duration WAKE_UP_SPACING = Duration.ofMillis(50);

    /**
     * Most timers one record may fire under record time: a guard against a handler that keeps setting its timer a
     * little later forever, not a limit that history meets (a channel drains one waiting incident a second).
     */
    static final int MAX_CATCH_UP_FIRES = 100_000;

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
    private Instant catchingUpTo;
    private Instant earliestSetWhileCatchingUp;
    private Cancellable wakeUp;
    private long wakeUpAtMs = Long.MAX_VALUE;
    private long wokenUpAtMs = Long.MIN_VALUE / 2;

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
            context.schedule(
                    tick,
                    PunctuationType.WALL_CLOCK_TIME,
                    wallMs -> fireDueOnTheWallClock(Instant.ofEpochMilli(wallMs)));
            // Timers restored with the store: Kafka Streams sets the task's clock only once it processes, so before
            // that (0) the first tick sets the wake-up instead.
            long nowMs = context.currentSystemTimeMs();
            if (nowMs > 0) {
                wakeUpForEarliest(nowMs);
            }
        }
    }

    /**
     * The instant the current record is judged at. Under record time, the timers due by then fire first, so the
     * record meets the state it would have met live.
     */
    Instant now() {
        Instant now = timeBase.now(context);
        if (timeBase == TimeBase.RECORD_TIME && now.isAfter(caughtUpTo)) {
            catchUp(now);
            caughtUpTo = now;
        }
        return now;
    }

    /** Moves the timer of {@code id} from {@code before} to {@code after} (either may be null for none). */
    void move(String id, Instant before, Instant after) {
        index.move(id, before, after);
        if (after != null && timeBase == TimeBase.WALL_CLOCK) {
            wakeUpAt(after.toEpochMilli(), context.currentSystemTimeMs());
        }
        if (after != null && catchingUpTo != null && !after.isAfter(catchingUpTo)) {
            earliestSetWhileCatchingUp =
                    earliestSetWhileCatchingUp == null || after.isBefore(earliestSetWhileCatchingUp)
                            ? after
                            : earliestSetWhileCatchingUp;
        }
    }

    /**
     * Under record time: fires every timer due by {@code now}, each at the instant it fell due (never before the
     * last instant fired), earliest first, including those the handlers set again meanwhile for an instant up to
     * {@code now}. The index is read again only when a handler set a timer earlier than the next one read. A timer
     * kept at the very instant it fired at (its handler did not move it) fires once here, and again with the next
     * record, as under a tick. Bounded by {@link #MAX_CATCH_UP_FIRES}: what is left fires with the next record.
     */
    private void catchUp(Instant now) {
        Set<TimerIndex.Due> fired = new HashSet<>();
        Instant clock = caughtUpTo;
        catchingUpTo = now;
        try {
            do {
                earliestSetWhileCatchingUp = null;
                for (TimerIndex.Due due : index.due(now)) {
                    if (earliestSetWhileCatchingUp != null && earliestSetWhileCatchingUp.isBefore(due.at())) {
                        break; // a timer set meanwhile comes first: read the index again
                    }
                    if (fired.size() >= MAX_CATCH_UP_FIRES || !fired.add(due)) {
                        continue;
                    }
                    clock = due.at().isAfter(clock) ? due.at() : clock;
                    if (!handler.fire(due.id(), due.at(), clock)) {
                        index.drop(due);
                    }
                }
            } while (earliestSetWhileCatchingUp != null && fired.size() < MAX_CATCH_UP_FIRES);
        } finally {
            catchingUpTo = null;
            earliestSetWhileCatchingUp = null;
        }
    }

    /** On the wall clock (a tick or a wake-up): fires every timer due by {@code now} at {@code now}. */
    private void fireDueOnTheWallClock(Instant now) {
        for (TimerIndex.Due due : index.due(now)) {
            if (!handler.fire(due.id(), due.at(), now)) {
                index.drop(due);
            }
        }
        wakeUpForEarliest(now.toEpochMilli());
    }

    /**
     * Sets the wake-up for the earliest pending timer, when that is still ahead of {@code nowMs}: an entry already
     * due after the timers fired is one its handler kept (it fires again at the next tick, as before), and waking up
     * for it at once would spin.
     */
    private void wakeUpForEarliest(long nowMs) {
        Optional<Instant> earliest = index.earliest();
        if (earliest.isPresent() && earliest.get().toEpochMilli() > nowMs) {
            wakeUpAt(earliest.get().toEpochMilli(), nowMs);
        }
    }

    /**
     * Moves the wake-up to {@code dueMs}, or {@link #WAKE_UP_SPACING} after the last one if that is later, when that
     * is earlier than the one set (if any).
     */
    private void wakeUpAt(long dueMs, long nowMs) {
        dueMs = Math.max(dueMs, wokenUpAtMs + WAKE_UP_SPACING.toMillis());
        if (dueMs >= wakeUpAtMs) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        wakeUpAtMs = dueMs;
        // A wall-clock punctuation first runs one interval after it is scheduled; run once, then cancelled.
        wakeUp = context.schedule(
                Duration.ofMillis(Math.max(1, dueMs - nowMs)), PunctuationType.WALL_CLOCK_TIME, this::wokenUp);
    }

    private void wokenUp(long wallMs) {
        wakeUp.cancel();
        wakeUp = null;
        wakeUpAtMs = Long.MAX_VALUE;
        wokenUpAtMs = wallMs;
        fireDueOnTheWallClock(Instant.ofEpochMilli(wallMs));
    }
}
