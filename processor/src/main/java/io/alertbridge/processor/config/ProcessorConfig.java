package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.config.InvalidConfigException;
import io.alertbridge.schemas.topics.Topics;

import java.nio.file.Path;
import java.util.Map;

/**
 * The processor's whole configuration, one slice per concern. Loaded once at start by {@link ConfigLoader} from
 * the YAML file named by {@code ALERTBRIDGE_CONFIG} (built-in defaults otherwise) with the environment variables of
 * {@link EnvironmentVariable} taking precedence, as the processor slice of {@link AlertbridgeConfig}. Immutable; components receive their slice.
 *
 * <pre>
 * stateDir: ./.alertbridge
 * kafka:     {bootstrapServers: dev}
 * topics:    {prefix: alertbridge.}
 * streams:   {applicationId: alertbridge-processor, processingGuarantee: exactly_once_v2, numThreads: 1}
 * rocksdb:   {blockCacheBytes: 64MiB, writeBufferBytes: 16MiB}
 * rules:     {file: rules.yaml, defaultChannel: "#alerts"}
 * normalize: {insufficientData: info, insufficientDataSeverity: WARNING, maxBodyBytes: 256KiB}
 * detect:    {fireThreshold: 0.5, clearThreshold: 0.3, fireCount: 1, fireWindow: 1, clearCount: 48, seriesPoints: 120}
 * dedupe:    {retention: 24h}
 * incidents: {lifecycleTick: 1s, throttleTick: 100ms, throttle: {postSpacing: 1s, updatesPerMinute: 20, ...}}
 * </pre>
 *
 * <p>The other parts' sections of the same file ({@code sqs}, {@code slack}, ...) are {@link AlertbridgeConfig}'s;
 * an unknown key anywhere fails the load.
 *
 * @param stateDir local state (RocksDB under {@code streams/}, dev-mode Kafka data); environment
 *     {@code ALERTBRIDGE_STATE_DIR}
 * @param kafka the cluster
 * @param topics topic naming
 * @param streams the Kafka Streams runtime
 * @param rocksdb the state stores' shared memory
 * @param rules the rules file
 * @param normalize raw AWS messages to alert events
 * @param detect default anomaly thresholds
 * @param dedupe deduplication
 * @param incidents the incident stages (silence, correlate, lifecycle, throttle, outbox)
 */
public record ProcessorConfig(
        String stateDir,
        KafkaSlice kafka,
        TopicsSlice topics,
        StreamsSlice streams,
        RocksDbSlice rocksdb,
        RulesSlice rules,
        NormalizeSlice normalize,
        DetectSlice detect,
        DedupeSlice dedupe,
        IncidentsSlice incidents) {

    /** Environment variable naming the YAML file. */
    public static final String CONFIG_VARIABLE = EnvironmentVariable.ALERTBRIDGE_CONFIG.name();

    public ProcessorConfig {
        Check.notBlank("stateDir", stateDir);
        Check.notNull("kafka", kafka);
        Check.notNull("topics", topics);
        Check.notNull("streams", streams);
        Check.notNull("rocksdb", rocksdb);
        Check.notNull("rules", rules);
        Check.notNull("normalize", normalize);
        Check.notNull("detect", detect);
        Check.notNull("dedupe", dedupe);
        Check.notNull("incidents", incidents);
    }

    /** The built-in defaults: what runs with no file and no environment. */
    public static ProcessorConfig defaults() {
        return new ProcessorConfig(
                "./.alertbridge",
                KafkaSlice.defaults(),
                TopicsSlice.defaults(),
                StreamsSlice.defaults(),
                RocksDbSlice.defaults(),
                RulesSlice.defaults(),
                NormalizeSlice.defaults(),
                DetectSlice.defaults(),
                DedupeSlice.defaults(),
                IncidentsSlice.defaults());
    }

    /**
     * Loads the configuration from the given environment (the process's is {@code System.getenv()}).
     *
     * @throws InvalidConfigException naming the key (and file or variable) that is wrong
     */
    public static ProcessorConfig load(Map<String, String> environment) {
        return ConfigLoader.load(environment).processor();
    }

    /** The topic catalog under the configured prefix. */
    public Topics topicCatalog() {
        return topics.catalog();
    }

    /** Kafka Streams' state directory: {@code <stateDir>/streams}. */
    public Path streamsStateDir() {
        return Path.of(stateDir).resolve("streams");
    }

    /** A builder starting from defaults: set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code ProcessorConfig}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private String stateDir;
        private KafkaSlice kafka;
        private TopicsSlice topics;
        private StreamsSlice streams;
        private RocksDbSlice rocksdb;
        private RulesSlice rules;
        private NormalizeSlice normalize;
        private DetectSlice detect;
        private DedupeSlice dedupe;
        private IncidentsSlice incidents;

        private Builder() {}

        private Builder(ProcessorConfig from) {
            stateDir = from.stateDir;
            kafka = from.kafka;
            topics = from.topics;
            streams = from.streams;
            rocksdb = from.rocksdb;
            rules = from.rules;
            normalize = from.normalize;
            detect = from.detect;
            dedupe = from.dedupe;
            incidents = from.incidents;
        }

        public Builder stateDir(String value) {
            stateDir = value;
            return this;
        }

        public Builder kafka(KafkaSlice value) {
            kafka = value;
            return this;
        }

        public Builder topics(TopicsSlice value) {
            topics = value;
            return this;
        }

        public Builder streams(StreamsSlice value) {
            streams = value;
            return this;
        }

        public Builder rocksdb(RocksDbSlice value) {
            rocksdb = value;
            return this;
        }

        public Builder rules(RulesSlice value) {
            rules = value;
            return this;
        }

        public Builder normalize(NormalizeSlice value) {
            normalize = value;
            return this;
        }

        public Builder detect(DetectSlice value) {
            detect = value;
            return this;
        }

        public Builder dedupe(DedupeSlice value) {
            dedupe = value;
            return this;
        }

        public Builder incidents(IncidentsSlice value) {
            incidents = value;
            return this;
        }

        /** Another cluster, the Kafka slice's other settings kept (the launcher resolves {@code dev} with this). */
        public Builder bootstrapServers(String servers) {
            kafka = kafka.toBuilder().bootstrapServers(servers).build();
            return this;
        }

        /** Another Streams application id, the Streams slice's other settings kept. */
        public Builder applicationId(String id) {
            streams = streams.toBuilder().applicationId(id).build();
            return this;
        }

        /** Another topic prefix. */
        public Builder topicPrefix(String prefix) {
            topics = new TopicsSlice(prefix);
            return this;
        }

        /** The configuration, validated. */
        public ProcessorConfig build() {
            return new ProcessorConfig(
                    stateDir, kafka, topics, streams, rocksdb, rules, normalize, detect, dedupe, incidents);
        }
    }
}
