package io.alertbridge.processor.app;

import io.alertbridge.processor.config.ConfigLoader;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.errors.DeadLetterDeserializationHandler;
import io.alertbridge.processor.errors.DeadLetterProcessingHandler;
import io.alertbridge.processor.store.BoundedMemoryConfigSetter;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.StreamsProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsPropertiesTest {

    @Test
    void shouldRunExactlyOnceWithNamingEnforcedDeadLettersAndBoundedMemoryByDefault() {
        ProcessorConfig config = ProcessorConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb())) {
            Properties props = StreamsProperties.from(config, memory);

            assertThat(props)
                    .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                    .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                    .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                    .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10)
                    .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "alertbridge-processor")
                    .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "alertbridge.dlq")
                    .containsEntry(
                            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                            DeadLetterDeserializationHandler.class)
                    .containsEntry(
                            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class)
                    .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryConfigSetter.class)
                    .containsEntry(BoundedMemoryConfigSetter.MEMORY_CONFIG, memory)
                    .containsEntry(
                            StreamsConfig.STATE_DIR_CONFIG,
                            Path.of("./.alertbridge/streams").toString());
            assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                    .isEqualTo("exactly_once_v2");
        }
    }

    @Test
    void shouldLetExplicitOperatorOverridesWinAndFollowThePrefix() {
        ProcessorConfig config = ConfigLoader.parse(
                        """
                kafka: {bootstrapServers: "k:9092", properties: {security.protocol: SASL_SSL}}
                topics: {prefix: "prod."}
                streams: {processingGuarantee: at_least_once, numThreads: 3, properties: {max.poll.records: "50", poll.ms: "250"}}
                """,
                        "test.yaml",
                        Map.of())
                .processor();

        Properties props = StreamsProperties.forTopology(config);

        assertThat(props)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.poll.records", "50")
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, "250")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "prod.dlq");
    }

    @Test
    void shouldRestoreInLargeBatches() {
        ProcessorConfig config = ProcessorConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        StreamsConfig streams = new StreamsConfig(StreamsProperties.forTopology(config));
        Map<String, Object> restore = streams.getRestoreConsumerConfigs("client");

        assertThat(restore)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        assertThat(streams.getMainConsumerConfigs("group", "client", 0))
                .as("only the restore consumer")
                .doesNotContainEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    }

    @Test
    void shouldCreateInternalTopicsWithSegmentsSmallEnoughToBeCompactedWhileRunning() {
        ProcessorConfig config = ProcessorConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        Properties props = StreamsProperties.forTopology(config);

        assertThat(props)
                .containsEntry("topic." + TopicConfig.SEGMENT_BYTES_CONFIG, 16 * 1024 * 1024)
                .containsEntry("topic." + TopicConfig.SEGMENT_MS_CONFIG, 3_600_000L)
                .containsEntry("topic." + TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, 0.25);
    }

    @Test
    void shouldBeAStaticGroupMemberNamedAfterTheStateDirectoryInstance() {
        ProcessorConfig config = ProcessorConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb())) {
            StreamsConfig streams = new StreamsConfig(StreamsProperties.from(config, memory, "i-1"));

            assertThat(streams.getMainConsumerConfigs("alertbridge-processor", "client", 2))
                    .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "alertbridge-processor-i-1-2");
            assertThat(StreamsProperties.from(config, memory))
                    .as("no group, no member id (replays, test drivers)")
                    .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        }
    }

    @Test
    void shouldLetTheOperatorNameTheGroupMember() {
        ProcessorConfig config = ConfigLoader.parse(
                        """
                kafka: {bootstrapServers: "k:9092"}
                streams: {properties: {group.instance.id: "pod-7"}}
                """,
                        "test.yaml",
                        Map.of())
                .processor();

        try (RocksDbMemory memory = new RocksDbMemory(config.rocksdb())) {
            assertThat(StreamsProperties.from(config, memory, "i-1"))
                    .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-7");
        }
    }

    @Test
    void shouldRefuseToRunAgainstTheUnresolvedDevBroker() {
        assertThatThrownBy(() -> ProcessorApp.create(ProcessorConfig.defaults(), () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka.bootstrapServers is 'dev'");
    }
}
