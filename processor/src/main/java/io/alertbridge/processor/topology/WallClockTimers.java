package io.alertbridge.processor.topology;

import io.alertbridge.processor.store.StateStores;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The topology's wall-clock timers, as a replay reads them to know when time matters. Every wall-clock punctuator of
 * the topology (the lifecycle's and the throttle's) acts only on the entries of these timer indexes that are due, so
 * until the earliest entry is due no punctuation changes anything and a replay may let the wall clock run on in one
 * step. A new wall-clock punctuator must keep its timers through {@link StageTimers}, in a store listed in
 * {@link StateStores#TIMER_INDEXES}.
 * Thread-safe (stateless).
 */
public final class WallClockTimers {

    /** The timer index stores, one per wall-clock punctuator. */
    public static final List<String> STORES = StateStores.TIMER_INDEXES;

    private WallClockTimers() {}

    /**
     * When the earliest pending timer of one index is due (stale entries included, since the punctuator removes them
     * when due), or empty when none is pending.
     */
    public static Optional<Instant> earliest(ReadOnlyKeyValueStore<String, String> store) {
        return TimerIndex.earliest(store);
    }
}
