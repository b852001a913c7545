package io.alertbridge.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * A topic's name bound to its key and value serdes, so producers, consumers and the topology cannot disagree on
 * either. Immutable.
 *
 * @param name full topic name (prefix included)
 * @param keySerde serde of keys
 * @param valueSerde serde of values
 * @param cleanup the topic's cleanup policy, used when the launcher creates topics
 * @param <K> key type
 * @param <V> value type
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Cleanup cleanup) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    /** How a topic keeps its data. */
    public enum Cleanup {
        /** Delete after a short retention (derived data). */
        DELETE,
        /** Delete after a long retention: the history that replay reads. */
        DELETE_LONG_RETENTION,
        /** Compacted: the latest value per key is kept forever, a tombstone deletes. */
        COMPACT
    }
}
