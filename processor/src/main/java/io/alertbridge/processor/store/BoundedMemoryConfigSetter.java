package io.alertbridge.processor.store;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;

/**
 * Installs the process's shared {@link RocksDbMemory} (passed as the object value of {@value #MEMORY_CONFIG} in
 * the Streams properties) into every RocksDB store: shared block cache with index and filter blocks in it, and the
 * shared write-buffer manager. Only options that RocksDB 10.1.3 and Kafka Streams 4.3.1 agree on are touched
 * (STACK.md). Instantiated by Kafka Streams per store; stateless.
 */
public final class BoundedMemoryConfigSetter implements RocksDBConfigSetter {

    /** The Streams property whose value is the {@link RocksDbMemory} to share. */
    public static final String MEMORY_CONFIG = "alertbridge.rocksdb.memory";

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object memory = configs.get(MEMORY_CONFIG);
        if (!(memory instanceof RocksDbMemory shared)) {
            throw new IllegalStateException(
                    MEMORY_CONFIG + " must hold the process's RocksDbMemory (store " + storeName + ")");
        }
        // Kafka Streams hands over its own BlockBasedTableConfig (holding no cache yet); keep its other settings.
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given
                ? given
                : new BlockBasedTableConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBufferManager());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared and owned by RocksDbMemory: closing them here would
        // pull them from under every other store.
    }
}
