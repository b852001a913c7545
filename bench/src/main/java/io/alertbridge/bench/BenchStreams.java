package io.alertbridge.bench;

import io.alertbridge.processor.config.ProcessorConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka Streams settings a benchmark run tries without a rebuild: every JVM system property
 * {@code bench.streams.<name>=<value>} becomes the Streams property {@code <name>} (as {@code streams.properties}
 * would in the configuration file), e.g. {@code BENCH_JAVA_OPTS="-Xmx2g -Dbench.streams.commit.interval.ms=500"}.
 * Printed, so a figure is never read without the settings that produced it.
 */
final class BenchStreams {

    private static final String PREFIX = "bench.streams.";

    private BenchStreams() {}

    /** The configuration with the overrides given on the command line, if any. */
    static ProcessorConfig withOverrides(ProcessorConfig config) {
        Map<String, String> overrides = overrides();
        if (overrides.isEmpty()) {
            return config;
        }
        Map<String, String> properties = new HashMap<>(config.streams().properties());
        properties.putAll(overrides);
        return config.toBuilder()
                .streams(config.streams().toBuilder().properties(properties).build())
                .build();
    }

    /** The overrides, for the benchmark's header. */
    static Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                overrides.put(name.substring(PREFIX.length()), System.getProperty(name));
            }
        }
        return overrides;
    }
}
