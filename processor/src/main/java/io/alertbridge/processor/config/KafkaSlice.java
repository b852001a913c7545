package io.alertbridge.processor.config;

import java.util.Map;

/**
 * Where Kafka is ({@code kafka:} in YAML).
 *
 * @param bootstrapServers the cluster's {@code bootstrap.servers}, or {@value #DEV} for the in-process broker that
 *     the launcher starts; environment {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param properties extra client properties applied to every Kafka client (security protocol, SASL, ...); never
 *     logged, since they may hold credentials
 */
public record KafkaSlice(String bootstrapServers, Map<String, String> properties) {

    /** The value that asks for the embedded broker of {@code alertbridge dev}. */
    public static final String DEV = "dev";

    public KafkaSlice {
        Check.notBlank("kafka.bootstrapServers", bootstrapServers);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static KafkaSlice defaults() {
        return new KafkaSlice(DEV, Map.of());
    }

    /**
     * Settings for a plain Kafka client of this cluster: the extra {@link #properties()} plus
     * {@code bootstrap.servers}. A new, mutable map the caller may add to.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> client = new java.util.HashMap<>(properties);
        client.put("bootstrap.servers", bootstrapServers);
        return client;
    }

    /** True when the launcher must start the in-process broker and substitute its address. */
    public boolean usesDevBroker() {
        return DEV.equals(bootstrapServers);
    }

    /** The same slice pointing at another cluster (the launcher resolves {@value #DEV} with this). */
    public KafkaSlice withBootstrapServers(String servers) {
        return new KafkaSlice(servers, properties);
    }
}
