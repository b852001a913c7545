package io.alertbridge.processor.store;

import io.alertbridge.processor.config.RocksDbSlice;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedMemoryConfigSetterTest {

    @Test
    void shouldShareOneWriteBufferManagerAndCacheIndexAndFilterBlocksInEveryStore() {
        try (RocksDbMemory memory = new RocksDbMemory(new RocksDbSlice(8L << 20, 2L << 20));
                Options first = new Options();
                Options second = new Options()) {
            BoundedMemoryConfigSetter setter = new BoundedMemoryConfigSetter();
            first.setTableFormatConfig(new BlockBasedTableConfig());
            second.setTableFormatConfig(new BlockBasedTableConfig());

            setter.setConfig("a", first, Map.of(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory));
            setter.setConfig("b", second, Map.of(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory));
            setter.close("a", first);

            assertThat(first.writeBufferManager()).isSameAs(memory.writeBufferManager());
            assertThat(second.writeBufferManager()).isSameAs(memory.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) second.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(memory.cache().isOwningHandle())
                    .as("closing one store leaves the shared cache")
                    .isTrue();
        }
    }

    @Test
    void shouldFailNamingTheStoreWhenTheSharedMemoryIsMissing() {
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedMemoryConfigSetter()
                            .setConfig(StateStores.DEDUPE_FINGERPRINTS, options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(StateStores.DEDUPE_FINGERPRINTS)
                    .hasMessageContaining(BoundedMemoryConfigSetter.MEMORY_CONFIG);
        }
    }
}
