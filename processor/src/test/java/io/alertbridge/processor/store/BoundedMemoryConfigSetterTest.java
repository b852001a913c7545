package io.alertbridge.processor.store;

import io.alertbridge.processor.config.RocksDbSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The write-buffer manager charges memtables by their arena blocks: with RocksDB's default block (an eighth of
     * the write buffer, at most 1 MiB: 1 MiB for Kafka Streams' 16 MiB buffers), sixteen stores holding a few kilobytes each would fill a 16 MiB manager
     * and every write would flush a nearly empty memtable to a new file.
     */
    @Test
    void shouldKeepSmallWritesOfManyStoresInTheirMemtables(@TempDir Path dir) throws RocksDBException {
        int stores = 16;
        List<RocksDB> databases = new ArrayList<>();
        List<Options> options = new ArrayList<>();
        try (RocksDbMemory memory = new RocksDbMemory(RocksDbSlice.defaults())) {
            try {
                for (int i = 0; i < stores; i++) {
                    Options storeOptions = new Options()
                            .setCreateIfMissing(true)
                            .setWriteBufferSize(16L << 20) // Kafka Streams' RocksDBStore default
                            .setMaxWriteBufferNumber(3);
                    storeOptions.setTableFormatConfig(new BlockBasedTableConfig());
                    new BoundedMemoryConfigSetter()
                            .setConfig(
                                    "store-" + i,
                                    storeOptions,
                                    Map.of(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory));
                    options.add(storeOptions);
                    databases.add(
                            RocksDB.open(storeOptions, dir.resolve("store-" + i).toString()));
                }
                byte[] value = "x".repeat(200).getBytes(StandardCharsets.UTF_8);
                for (int key = 0; key < 40; key++) {
                    for (RocksDB db : databases) {
                        db.put(("key-" + key).getBytes(StandardCharsets.UTF_8), value);
                    }
                }

                for (RocksDB db : databases) {
                    assertThat(db.getProperty("rocksdb.num-files-at-level0"))
                            .as("SST files written by flushes of a store holding 8 KB")
                            .isEqualTo("0");
                    assertThat(db.getLongProperty("rocksdb.num-immutable-mem-table"))
                            .isZero();
                }
            } finally {
                databases.forEach(RocksDB::close);
                options.forEach(Options::close);
            }
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
