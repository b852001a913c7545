package io.alertbridge.processor.store;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

import java.time.Duration;

/**
 * What the topology's state stores keep their bytes in, chosen once per topology by its composer
 * ({@code AlertbridgeTopology}) and handed to every stage. Only the bytes store underneath changes: names, serdes,
 * caching and changelogs are the stages' own and are the same for both kinds. Thread-safe (immutable).
 */
public enum StoreKind {

    /** Every store in RocksDB: the processor, whose state must outlive a restart. */
    DURABLE {
        @Override
        public KeyValueBytesStoreSupplier keyValue(String name) {
            return Stores.persistentKeyValueStore(name);
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
    };

    /** A key-value store of this kind. */
    public abstract KeyValueBytesStoreSupplier keyValue(String name);

    /** A window store of this kind, without duplicates: RocksDB for both kinds (see {@link #EPHEMERAL}). */
    public WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize) {
        return Stores.persistentWindowStore(name, retention, windowSize, false);
    }
}
