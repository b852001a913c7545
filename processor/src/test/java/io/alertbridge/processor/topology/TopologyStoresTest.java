package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stores each topology runs on: the processor's in RocksDB, cached and changelogged; a replay's key-value
 * stores on the heap, and none of its stores cached or changelogged (its state dies with the run); the same names and
 * store types in both. Read from the stores the driver built, layer by layer.
 */
class TopologyStoresTest {

    private static final List<String> KEY_VALUE_STORES = List.of(
            StateStores.DEDUPE_FINGERPRINTS,
            StateStores.DETECT_SERIES,
            StateStores.DETECT_SCORES,
            StateStores.INHIBIT_GROUPS,
            StateStores.LIFECYCLE_INCIDENTS,
            StateStores.LIFECYCLE_TIMERS,
            StateStores.LIFECYCLE_SEQUENCE,
            StateStores.LIFECYCLE_FIRING_HISTORY,
            StateStores.THROTTLE_INCIDENTS,
            StateStores.THROTTLE_CHANNELS,
            StateStores.THROTTLE_TIMERS);

    @TempDir
    Path stateDir;

    @Test
    void shouldKeepEveryStoreOfTheProcessorInRocksDb() {
        ProcessorConfig config = Driver.config(stateDir);
        AlertbridgeTopology topology = new AlertbridgeTopology(config, new LiveRuleBook(List.of(), "#alerts"));

        Map<String, Store> stores = stores(topology.build(), config);

        assertThat(topology.stores()).isEqualTo(StoreKind.DURABLE);
        assertThat(stores)
                .containsKeys(StateStores.DEDUPE_EVENT_IDS, StateStores.RULES)
                .containsKeys(KEY_VALUE_STORES.toArray(String[]::new));
        assertThat(stores).allSatisfy((name, store) -> assertThat(store.innermostPersistent())
                .as("%s is on disk", name)
                .isTrue());
    }

    @Test
    void shouldKeepTheKeyValueStoresOfAReplayOnTheHeapWithoutChangelogsOrCaches() {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.empty("#alerts");
        AlertbridgeTopology replay = AlertbridgeTopology.forReplay(config, () -> rules);

        Map<String, Store> processorStores = stores(new AlertbridgeTopology(config, () -> rules).build(), config);
        Map<String, Store> replayStores = stores(
                replay.build(),
                config.toBuilder()
                        .stateDir(stateDir.resolve("replay").toString())
                        .build());

        assertThat(replay.stores()).isEqualTo(StoreKind.EPHEMERAL);
        assertThat(replayStores.keySet()).isEqualTo(processorStores.keySet());
        replayStores.forEach((name, store) -> {
            assertThat(store.type())
                    .as("%s: same store type", name)
                    .isEqualTo(processorStores.get(name).type());
            assertThat(store.wrappers())
                    .as("%s: metered, neither cached nor changelogged", name)
                    .anySatisfy(layer -> assertThat(layer).contains("Metered"))
                    .noneSatisfy(layer -> assertThat(layer).contains("Caching"))
                    .noneSatisfy(layer -> assertThat(layer).contains("ChangeLogging"));
        });
        assertThat(processorStores.get(StateStores.DEDUPE_FINGERPRINTS).wrappers())
                .as("the processor's stores are cached and changelogged")
                .anySatisfy(layer -> assertThat(layer).contains("Caching"))
                .anySatisfy(layer -> assertThat(layer).contains("ChangeLogging"));
        assertThat(processorStores.get(StateStores.DEDUPE_EVENT_IDS).wrappers())
                .as("the event ids are changelogged in the processor")
                .anySatisfy(layer -> assertThat(layer).contains("ChangeLogging"));
        KEY_VALUE_STORES.forEach(name -> assertThat(replayStores.get(name).innermostPersistent())
                .as("%s is on the heap", name)
                .isFalse());
        assertThat(replayStores.get(StateStores.DEDUPE_EVENT_IDS).innermostPersistent())
                .as("the window store stays in RocksDB (key-first lookups)")
                .isTrue();
    }

    /** The stores the driver built for a topology, by name. */
    private static Map<String, Store> stores(Topology topology, ProcessorConfig config) {
        Map<String, Store> stores = new TreeMap<>();
        try (Driver driver = Driver.of(topology, config)) {
            driver.driver().getAllStateStores().forEach((name, store) -> stores.put(name, Store.of(store)));
        }
        return stores;
    }

    /**
     * A store, peeled: the class of each wrapper from the outside in (metering, caching, changelogging, RocksDB's
     * window segments), the store type, and whether the bytes store at the core is persistent.
     */
    private record Store(List<String> wrappers, String type, boolean innermostPersistent) {

        static Store of(StateStore store) {
            String type = store instanceof WindowStore<?, ?>
                    ? "window"
                    : store instanceof KeyValueStore<?, ?>
                            ? "key-value"
                            : store.getClass().getSimpleName();
            List<String> wrappers = new ArrayList<>();
            StateStore layer = store;
            while (layer instanceof WrappedStateStore<?, ?, ?> wrapped) {
                wrappers.add(layer.getClass().getSimpleName());
                layer = wrapped.wrapped();
            }
            return new Store(wrappers, type, layer.persistent());
        }
    }
}
