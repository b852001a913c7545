package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.errors.DeadLetterDeserializationHandler;
import io.alertbridge.processor.errors.DeadLetterProcessingHandler;
import io.alertbridge.processor.store.BoundedMemoryConfigSetter;
import io.alertbridge.processor.store.RocksDbMemory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Streams properties of the processor, from its configuration: {@code exactly_once_v2} unless
 * configured otherwise, a 10 ms poll, explicit naming of internal resources enforced, the dead-letter topic and handlers, the
 * bounded RocksDB memory, the state directory under {@code stateDir}; then {@code kafka.properties} (client
 * security) and {@code streams.properties} (explicit operator overrides) last. Pure.
 */
public final class StreamsProperties {

    /**
     * The restore consumer reads changelogs in large batches: after a crash under exactly-once every store is
     * restored from scratch, and at the defaults (1,000 records and 1 MiB per partition a poll) the state of 10,000
     * incidents takes hundreds of polls per store.
     */
    static final Map<String, Object> RESTORE = Map.of(
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 10_000,
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 8 * 1024 * 1024,
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 64 * 1024 * 1024);

    /**
     * Internal topics (changelogs and repartition topics) are created with small segments, so that a changelog is
     * compacted while the processor runs: the log cleaner never touches the active segment, and at the broker's
     * default (1 GiB) a changelog keeps every version of every incident, channel and timer that was ever written
     * (a channel's state is rewritten on every change of any of its incidents), all of which a restore reads. Applied
     * when Kafka Streams creates a topic; existing topics keep their configuration until altered.
     */
    static final Map<String, Object> INTERNAL_TOPICS = Map.of(
            StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG),
            16 * 1024 * 1024,
            StreamsConfig.topicPrefix(TopicConfig.SEGMENT_MS_CONFIG),
            Duration.ofHours(1).toMillis(),
            StreamsConfig.topicPrefix(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG),
            0.25);

    /**
     * How long a stream thread blocks in its poll when nothing new was fetched: 10 ms, where Kafka Streams waits 100.
     * Under exactly-once a stage's output reaches the next stage only when its transaction commits, and the thread
     * looks at its commit interval only after its poll returns; at a quiet pace every record waited for up to a poll
     * at each of the processor's four hops. {@code bench/run HopLatency 0,1,3 150 100} (a record every 100 ms through
     * 3 exactly-once repartition hops): p50 707 ms at 100 ms against 418 ms at 10 ms (197 against 111 ms a hop); and
     * {@code bench/run EndToEndLatency 30 30 500 1s}, SQS to Slack, p99 770 against 685 ms. Costs an idle thread
     * about a hundred empty polls a second, answered from the consumer's buffer.
     */
    static final int POLL_MS = 10;

    private StreamsProperties() {}

    /**
     * Properties for running the topology without a consumer group (a replay, a test driver).
     *
     * @param config the configuration (its bootstrap servers must be resolved, not {@code dev})
     * @param memory the process's RocksDB memory, handed to every store's config setter
     */
    public static Properties from(ProcessorConfig config, RocksDbMemory memory) {
        Properties props = forTopology(config);
        props.put(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory);
        return props;
    }

    /**
     * Properties for running as a member of the application's consumer group ({@link ProcessorApp}).
     *
     * @param config the configuration (its bootstrap servers must be resolved, not {@code dev})
     * @param memory the process's RocksDB memory, handed to every store's config setter
     * @param instanceId what makes this process the same group member across restarts (its state directory's id):
     *     the consumer's {@code group.instance.id} is the application id and this, unless {@code streams.properties}
     *     sets one
     */
    public static Properties from(ProcessorConfig config, RocksDbMemory memory, String instanceId) {
        Properties props = from(config, memory);
        // Static membership: a restarted process takes its old place in the group at once instead of waiting for the
        // broker to expire the killed member's session (45 s) before a rebalance can complete.
        props.putIfAbsent(
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.streams().applicationId() + "-" + instanceId);
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
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                config.topicCatalog().deadLetters().name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryConfigSetter.class);
        props.putAll(RESTORE);
        props.putAll(INTERNAL_TOPICS);
        props.putAll(streams.properties());
        return props;
    }
}
