package io.alertbridge.processor.store;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Objects;

/**
 * A key-value store seen through the values its processor last read or wrote, kept decoded: a read of one of them
 * returns the object instead of decoding the stored bytes again.
 *
 * <p>Why: Kafka Streams keeps serialized bytes in its record cache and in RocksDB, so every {@code get} decodes the
 * value. The lifecycle reads an incident (about 3-4 KB of CBOR) on every alert and action of its group, and the
 * throttle reads the incident's outbound state and its channel's state on every change; the same few values are read
 * again and again (a channel's state on every change of any of its incidents). Decoding them was about a tenth of the
 * stream thread's samples under {@code FullTopologyThroughput} (see {@code bench/README.md}).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Every write of the store must go through this view ({@link #put}, {@link #delete}); the store itself is still
 *       written at once, so changelogs, commits and restores are untouched. Iterate with {@link #all()}, which reads
 *       the store.
 *   <li>Values must be immutable: a caller gets the very object another caller read or wrote.
 *   <li>Its values live in the topology's {@link DecodedCache}, bounded for the whole process; the least recently
 *       used leave first. Absent keys are not remembered.
 *   <li>Make one per processor in its {@code init} ({@link DecodedCache#view}): Kafka Streams initializes a processor
 *       again after its task's state was wiped and restored (a corrupted task under exactly-once), which then starts
 *       with an empty view.
 * </ul>
 *
 * <p>One view is used by one stream thread (a processor and its punctuators); the cache behind it is shared.
 *
 * @param <V> the value type (immutable)
 */
public final class DecodedValues<V> {

    private final KeyValueStore<String, V> store;
    private final DecodedCache cache;
    private final long owner;
    private final Runnable onDecode;

    DecodedValues(KeyValueStore<String, V> store, DecodedCache cache, long owner, Runnable onDecode) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.owner = owner;
        this.onDecode = Objects.requireNonNull(onDecode, "onDecode");
    }

    /** The value of {@code key}, or null when the store has none. */
    @SuppressWarnings("unchecked") // only this view writes its owner's entries, all of them Vs
    public V get(String key) {
        V value = (V) cache.get(owner, key);
        if (value != null) {
            return value;
        }
        value = store.get(key);
        if (value != null) {
            onDecode.run();
            cache.put(owner, key, value);
        }
        return value;
    }

    /** Writes {@code value} for {@code key} to the store and keeps it decoded. A null value deletes. */
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        store.put(key, value);
        cache.put(owner, key, value);
    }

    /** Deletes {@code key} from the store. */
    public void delete(String key) {
        cache.remove(owner, key);
        store.delete(key);
    }

    /** Every entry of the store, read from the store; close it. */
    public KeyValueIterator<String, V> all() {
        return store.all();
    }

    /** How many decoded values of this view are kept now. */
    int size() {
        return cache.size(owner);
    }
}
