package io.alertbridge.processor.store;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decoded state values of one topology (one process), shared by the {@link DecodedValues} views of all its tasks
 * and stages, bounded in entries; the least recently used leave first.
 *
 * <p>Why one bound for the process, not one per task: an outage touches its open incidents in turn (every alarm of
 * every instance), so a view smaller than the incidents that change now decodes on every read, and a bound per task
 * multiplies with the partitions a process owns. One bound keeps the heap fixed whatever the partitions, and lets
 * the tasks that are busy now use it. Sizing: an incident of four alarms takes about 9 KB of heap decoded, in the
 * lifecycle's view and again in the throttle's, so the default bound ({@code streams.decodedValues}, 16,384
 * entries, at most about 140 MiB) keeps some 8,000 changing incidents decoded (see {@code bench/README.md},
 * "Decoded values for the process").
 *
 * <p>Each view ({@link #view}) owns its entries: a view made again (a processor initialized again after its task's
 * state was wiped) never sees the values of the one before, which leave with age.
 *
 * <p>Thread-safe: stream threads of one process share it (one lock; a get or put is a hash lookup under it).
 */
public final class DecodedCache {

    private final AtomicLong owners = new AtomicLong();
    private final Map<Key, Object> recent;

    /**
     * @param capacity how many decoded values to keep at most, over all views
     */
    public DecodedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.recent = new LinkedHashMap<>(Math.min(capacity, 4096), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A view of {@code store} through this cache: a new owner, so it starts empty. */
    public <V> DecodedValues<V> view(KeyValueStore<String, V> store) {
        return view(store, () -> {});
    }

    /**
     * A view of {@code store} through this cache that calls {@code onDecode} whenever a read had to decode the stored
     * value (a value this cache did not keep): counted against the reads, it says whether
     * {@code streams.decodedValues} is large enough.
     */
    public <V> DecodedValues<V> view(KeyValueStore<String, V> store, Runnable onDecode) {
        return new DecodedValues<>(store, this, owners.incrementAndGet(), onDecode);
    }

    synchronized Object get(long owner, String key) {
        return recent.get(new Key(owner, key));
    }

    synchronized void put(long owner, String key, Object value) {
        recent.put(new Key(owner, key), value);
    }

    synchronized void remove(long owner, String key) {
        recent.remove(new Key(owner, key));
    }

    /** How many decoded values are kept now, over all views. */
    synchronized int size() {
        return recent.size();
    }

    /** How many of them {@code owner} holds (a walk of every entry: for tests). */
    synchronized int size(long owner) {
        return (int) recent.keySet().stream().filter(k -> k.owner == owner).count();
    }

    private record Key(long owner, String key) {}
}
