package io.alertbridge.processor.app;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.errors.DeadLetterDeserializationHandler;
import io.alertbridge.processor.errors.DeadLetterProcessingHandler;
import io.alertbridge.processor.store.BoundedMemoryConfigSetter;
import io.alertbridge.processor.store.RocksDbMemory;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * The Kafka Streams properties of the processor, from its configuration: {@code exactly_once_v2} unless
 * configured otherwise, explicit naming of internal resources enforced, the dead-letter topic and handlers, the
 * bounded RocksDB memory, the state directory under {@code stateDir}; then {@code kafka.properties} (client
 * security) and {@code streams.properties} (explicit operator overrides) last. Pure.
 */
public final class StreamsProperties {

    private StreamsProperties() {}

    /**
     * Properties for running.
     *
     * @param config the configuration (its bootstrap servers must be resolved, not {@code dev})
     * @param memory the process's RocksDB memory, handed to every store's config setter
     */
    public static Properties from(ProcessorConfig config, RocksDbMemory memory) {
        Properties props = forTopology(config);
        props.put(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory);
        return props;
    }

    /** Properties without the RocksDB memory object: enough to build (and describe, and test) the topology. */
    public static Properties forTopology(ProcessorConfig config) {
        StreamsSlice streams = config.streams();
        Properties props = new Properties();
        props.putAll(config.kafka().properties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, streams.processingGuarantee());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.numThreads());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.streamsStateDir().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, streams.replicationFactor());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, streams.numStandbyReplicas());
        if (streams.commitInterval() != null) {
            props.put(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    streams.commitInterval().toMillis());
        }
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                config.topicCatalog().deadLetters().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryConfigSetter.class);
        props.putAll(streams.properties());
        return props;
    }
}
