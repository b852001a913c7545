package io.alertbridge.processor.store;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

import java.time.Duration;

/**
 * What the topology's state stores keep their bytes in and what is layered around them, chosen once per topology by
 * its composer ({@code AlertbridgeTopology}) and handed to every stage. Names and serdes are the stages' own and the
 * same for both kinds; the bytes store and its layers ({@link #layers}) differ. Thread-safe (immutable).
 */
public enum StoreKind {

    /** Every store in RocksDB: the processor, whose state must outlive a restart. */
    DURABLE {
        @Override
        public KeyValueBytesStoreSupplier keyValue(String name) {
            return Stores.persistentKeyValueStore(name);
        }

        @Override
        public <S extends StateStore> StoreBuilder<S> layers(StoreBuilder<S> builder, boolean cached) {
            return cached ? builder.withCachingEnabled() : builder;
        }
    },

    /**
     * State that dies with the run (a replay): key-value stores on the heap, which spares a RocksDB write, read and
     * offsets commit per store on every record and every commit (Kafka's test driver commits after each record).
     * Window stores stay in RocksDB, under the run's own state directory: Kafka's in-memory window store answers a
     * one-key fetch by visiting every window start in the range, which for dedupe's event ids (a fetch over
     * {@code dedupe.retention}, a day by default) means every distinct timestamp of the last day, per record.
     */
    EPHEMERAL {
        @Override
        public KeyValueBytesStoreSupplier keyValue(String name) {
            return Stores.inMemoryKeyValueStore(name);
        }

        @Override
        public <S extends StateStore> StoreBuilder<S> layers(StoreBuilder<S> builder, boolean cached) {
            return builder.withLoggingDisabled();
        }
    };

    /** A key-value store of this kind. */
    public abstract KeyValueBytesStoreSupplier keyValue(String name);

    /**
     * The layers around a store's bytes. {@link #DURABLE}: a changelog (the state must outlive a restart and move
     * with its task) and, when {@code cached}, a record cache (many changes of one key within a commit write the
     * changelog once). {@link #EPHEMERAL}: neither. A replay's state dies with the run, and Kafka's test driver
     * commits after every record and every clock step, so a cache would never coalesce anything and a changelog
     * record would only be handed to the driver to be thrown away: about half of what the topology produces, each
     * record of which the driver matches against every source topic by compiling regular expressions (29 % of a
     * replay's samples before, {@code bench/run ReplayThroughput}).
     *
     * @param builder the store's builder, serdes set
     * @param cached whether the processor caches this store
     */
    public abstract <S extends StateStore> StoreBuilder<S> layers(StoreBuilder<S> builder, boolean cached);

    /** A window store of this kind, without duplicates: RocksDB for both kinds (see {@link #EPHEMERAL}). */
    public WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize) {
        return Stores.persistentWindowStore(name, retention, windowSize, false);
    }
}
