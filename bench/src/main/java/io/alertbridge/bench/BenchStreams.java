package io.alertbridge.bench;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.RocksDbSlice;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.schemas.config.ByteSize;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka Streams settings a benchmark run tries without a rebuild: every JVM system property
 * {@code bench.streams.<name>=<value>} becomes the Streams property {@code <name>} (as {@code streams.properties}
 * would in the configuration file), e.g. {@code BENCH_JAVA_OPTS="-Xmx2g -Dbench.streams.commit.interval.ms=500"}.
 * Printed, so a figure is never read without the settings that produced it. Likewise
 * {@code bench.rocksdb.blockCacheBytes} and {@code bench.rocksdb.writeBufferBytes} (sizes as in the configuration
 * file, e.g. {@code 48MiB}) replace the processor's {@code rocksdb:} slice, and {@code bench.hops} ({@code topics} or
 * {@code in_task}) sets {@code streams.hops} (in_task needs one partition per input topic), {@code bench.decodedValues}
 * sets {@code streams.decodedValues}.
 */
final class BenchStreams {

    private static final String PREFIX = "bench.streams.";
    private static final String BLOCK_CACHE = "bench.rocksdb.blockCacheBytes";
    private static final String WRITE_BUFFERS = "bench.rocksdb.writeBufferBytes";
    private static final String HOPS = "bench.hops";
    private static final String DECODED_VALUES = "bench.decodedValues";

    private BenchStreams() {}

    /** The configuration with the overrides given on the command line, if any. */
    static ProcessorConfig withOverrides(ProcessorConfig config) {
        config = withRocksDb(config);
        String hops = System.getProperty(HOPS);
        if (hops != null) {
            config = config.toBuilder()
                    .streams(config.streams().toBuilder()
                            .hops(StreamsSlice.Hops.valueOf(hops.toUpperCase(Locale.ROOT)))
                            .build())
                    .build();
        }
        String decoded = System.getProperty(DECODED_VALUES);
        if (decoded != null) {
            config = config.toBuilder()
                    .streams(config.streams().toBuilder()
                            .decodedValues(Integer.parseInt(decoded))
                            .build())
                    .build();
        }
        Map<String, String> overrides = streamsOverrides();
        if (overrides.isEmpty()) {
            return config;
        }
        Map<String, String> properties = new HashMap<>(config.streams().properties());
        properties.putAll(overrides);
        return config.toBuilder()
                .streams(config.streams().toBuilder().properties(properties).build())
                .build();
    }

    private static ProcessorConfig withRocksDb(ProcessorConfig config) {
        String cache = System.getProperty(BLOCK_CACHE);
        String buffers = System.getProperty(WRITE_BUFFERS);
        if (cache == null && buffers == null) {
            return config;
        }
        RocksDbSlice given = config.rocksdb();
        return config.toBuilder()
                .rocksdb(new RocksDbSlice(
                        cache == null ? given.blockCacheBytes() : ByteSize.parse(cache),
                        buffers == null ? given.writeBufferBytes() : ByteSize.parse(buffers)))
                .build();
    }

    /** The overrides, for the benchmark's header (RocksDB's memory under its {@code bench.rocksdb.} names). */
    static Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String name : List.of(BLOCK_CACHE, WRITE_BUFFERS, HOPS, DECODED_VALUES)) {
            if (System.getProperty(name) != null) {
                overrides.put(name, System.getProperty(name));
            }
        }
        overrides.putAll(streamsOverrides());
        return overrides;
    }

    private static Map<String, String> streamsOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                overrides.put(name.substring(PREFIX.length()), System.getProperty(name));
            }
        }
        return overrides;
    }
}
