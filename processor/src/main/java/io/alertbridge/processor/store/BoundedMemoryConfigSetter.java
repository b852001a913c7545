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

    /**
     * Memtable arena block size. RocksDB's default is an eighth of the write buffer, at most 1 MiB (Kafka Streams
     * sets 16 MiB write buffers, so 1 MiB), and the write-buffer manager charges each memtable the arena blocks it
     * allocated, not the data in them: every store that has taken a write holds at least a block. With a dozen or more
     * stores written per process, a 16 MiB manager is full of nearly empty memtables, and writes flush them as files
     * of a few kilobytes that compactions then merge, over and over (bench/README.md, "RocksDB's write buffers").
     */
    static final long ARENA_BLOCK_BYTES = 128L << 10;

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
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared and owned by RocksDbMemory: closing them here would
        // pull them from under every other store.
    }
}
