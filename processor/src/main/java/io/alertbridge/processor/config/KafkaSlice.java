package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

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

    /** A builder starting from defaults: set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code KafkaSlice}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private String bootstrapServers;
        private Map<String, String> properties;

        private Builder() {}

        private Builder(KafkaSlice from) {
            bootstrapServers = from.bootstrapServers;
            properties = from.properties;
        }

        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        public Builder properties(Map<String, String> value) {
            properties = value;
            return this;
        }

        /** The configuration, validated. */
        public KafkaSlice build() {
            return new KafkaSlice(bootstrapServers, properties);
        }
    }
}
