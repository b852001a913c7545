package io.alertbridge.processor.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.alertbridge.schemas.config.ByteSize;
import io.alertbridge.schemas.config.Check;

/**
 * RocksDB memory of the whole process ({@code rocksdb:} in YAML): every state store shares one block cache and
 * one write-buffer manager charged to it, so the total stays bounded however many stores and tasks exist.
 *
 * @param blockCacheBytes the shared LRU block cache (memtables included, since the write buffers are charged to
 *     it); e.g. {@code 64MiB}
 * @param writeBufferBytes the share of the cache that memtables may take; at most {@code blockCacheBytes}
 */
public record RocksDbSlice(
        @JsonDeserialize(using = ByteSize.Deserializer.class) long blockCacheBytes,
        @JsonDeserialize(using = ByteSize.Deserializer.class) long writeBufferBytes) {

    public RocksDbSlice {
        Check.atLeast("rocksdb.blockCacheBytes", blockCacheBytes, 1L << 20);
        Check.atLeast("rocksdb.writeBufferBytes", writeBufferBytes, 1L << 20);
        if (writeBufferBytes > blockCacheBytes) {
            throw new IllegalArgumentException("rocksdb.writeBufferBytes (" + writeBufferBytes
                    + ") must not exceed rocksdb.blockCacheBytes (" + blockCacheBytes + ")");
        }
    }

    public static RocksDbSlice defaults() {
        return new RocksDbSlice(64L << 20, 16L << 20);
    }
}
