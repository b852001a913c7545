package io.alertbridge.processor.store;

import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.dedupe.LastTransition;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * The processor's state stores: names and builders (changelogged; RocksDB in the processor, key-value stores on the
 * heap in replays: {@link StoreKind}).
 */
public final class StateStores {

    /** Event ids seen by dedupe: window store, event id to the stream time it was first seen. */
    public static final String DEDUPE_EVENT_IDS = "dedupe-event-ids";

    /** Latest FIRING/RESOLVED per fingerprint: key-value store of {@link LastTransition}. */
    public static final String DEDUPE_FINGERPRINTS = "dedupe-fingerprints";

    /** Hysteresis state per detector and series: key-value store of {@link SeriesState}. */
    public static final String DETECT_SERIES = "detect-series";

    private StateStores() {}

    /**
     * Event ids remembered for {@code retention} of stream time. The window size equals the retention, so a lookup
     * of {@code [now - retention, now]} finds any id seen within it.
     */
    public static StoreBuilder<WindowStore<String, Long>> dedupeEventIds(Duration retention, StoreKind kind) {
        return Stores.windowStoreBuilder(
                kind.window(DEDUPE_EVENT_IDS, retention, retention), Serdes.String(), Serdes.Long());
    }

    /** The latest transition per fingerprint; cached, so a burst on one fingerprint writes the changelog once. */
    public static StoreBuilder<KeyValueStore<String, LastTransition>> dedupeFingerprints(StoreKind kind) {
        return Stores.keyValueStoreBuilder(
                        kind.keyValue(DEDUPE_FINGERPRINTS), Serdes.String(), JsonSerde.of(LastTransition.class))
                .withCachingEnabled();
    }

    /** The hysteresis state per series; cached for the same reason. */
    public static StoreBuilder<KeyValueStore<String, SeriesState>> detectSeries(StoreKind kind) {
        return Stores.keyValueStoreBuilder(
                        kind.keyValue(DETECT_SERIES), Serdes.String(), JsonSerde.of(SeriesState.class))
                .withCachingEnabled();
    }
}
