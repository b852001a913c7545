package io.alertbridge.processor.topology;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A wall-clock timer index kept in a key-value store: one entry per pending timer, keyed by its due instant
 * (zero-padded epoch milliseconds, so the store's byte order is time order) and the id it is for. A punctuator reads
 * the due ones with one range scan instead of scanning every state entry. The owner keeps each state's own due
 * instant and calls {@link #move} when it changes, so an entry whose state moved on is recognised as stale.
 * Not thread-safe: used by one stream task.
 */
final class TimerIndex {

    private static final int INSTANT_DIGITS = 19;
    private static final String ZEROS = "0".repeat(INSTANT_DIGITS);
    private static final char SEPARATOR = '|';

    private final KeyValueStore<String, String> store;

    TimerIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The due instant of this index's earliest entry (see {@link #earliest(ReadOnlyKeyValueStore)}). */
    Optional<Instant> earliest() {
        return earliest(store);
    }

    /** Moves a timer of {@code id} from {@code before} to {@code after} (either may be null for none). */
    void move(String id, Instant before, Instant after) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            store.delete(key(before, id));
        }
        if (after != null) {
            store.put(key(after, id), id);
        }
    }

    /** The timers due at {@code now}, earliest first. */
    List<Due> due(Instant now) {
        List<Due> due = new ArrayList<>();
        String from = digits(0L);
        String to = digits(now.toEpochMilli() + 1);
        try (KeyValueIterator<String, String> it = store.range(from, to)) {
            while (it.hasNext()) {
                var entry = it.next();
                Instant at = dueAt(entry.key);
                if (at != null) {
                    due.add(new Due(at, entry.value));
                }
            }
        }
        return due;
    }

    /**
     * The due instant of the earliest entry of an index (stale or not), or empty when it holds none. An entry this
     * class did not write counts as due at once, so a reader never waits past it.
     */
    static Optional<Instant> earliest(ReadOnlyKeyValueStore<String, String> store) {
        try (KeyValueIterator<String, String> it = store.all()) {
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Instant at = dueAt(it.next().key);
            return Optional.of(at != null ? at : Instant.EPOCH);
        }
    }

    /** Removes a timer entry found stale (its state moved on or is gone). */
    void drop(Due due) {
        store.delete(key(due.at(), due.id()));
    }

    /** The instant a key written by {@link #key} is due at, or null for a key this class did not write. */
    private static Instant dueAt(String key) {
        if (key.length() > INSTANT_DIGITS && key.charAt(INSTANT_DIGITS) == SEPARATOR) {
            return Instant.ofEpochMilli(Long.parseLong(key.substring(0, INSTANT_DIGITS)));
        }
        return null;
    }

    private static String key(Instant at, String id) {
        return digits(Math.max(0, at.toEpochMilli())) + SEPARATOR + id;
    }

    /**
     * {@code millis} (not negative) in {@value #INSTANT_DIGITS} digits with leading zeros, so keys sort by instant.
     * By hand: {@code String.format} parses its pattern on every timer move.
     */
    static String digits(long millis) {
        String plain = Long.toString(millis);
        return ZEROS.substring(plain.length()) + plain;
    }

    /**
     * One due timer.
     *
     * @param at when it was due
     * @param id what it is for
     */
    record Due(Instant at, String id) {}
}
