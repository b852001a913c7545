package io.alertbridge.processor.store;

import io.alertbridge.processor.config.RocksDbSlice;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The RocksDB memory of one processor: one LRU block cache and one write-buffer manager charged to it, shared by
 * every store of every task, so the total stays at {@code rocksdb.blockCacheBytes} however many stores exist
 * (Kafka Streams' memory-management pattern). Owned by the runner, which closes it after Kafka Streams has closed
 * every store; the config setter never closes it. Thread-safe (RocksDB's objects are).
 */
public final class RocksDbMemory implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** Share of the cache reserved for index and filter blocks, so data blocks cannot evict them. */
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    private final Cache cache;
    private final WriteBufferManager writeBufferManager;

    public RocksDbMemory(RocksDbSlice slice) {
        this.cache = new LRUCache(slice.blockCacheBytes(), -1, false, HIGH_PRIORITY_POOL_RATIO);
        this.writeBufferManager = new WriteBufferManager(slice.writeBufferBytes(), cache);
    }

    public Cache cache() {
        return cache;
    }

    public WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    @Override
    public void close() {
        writeBufferManager.close();
        cache.close();
    }
}
