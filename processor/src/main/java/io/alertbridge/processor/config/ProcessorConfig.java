package io.alertbridge.processor.config;

import io.alertbridge.schemas.topics.Topics;

import java.nio.file.Path;
import java.util.Map;

/**
 * The processor's whole configuration, one slice per concern. Loaded once at start by {@link ConfigLoader} from
 * the YAML file named by {@code ALERTBRIDGE_CONFIG} (built-in defaults otherwise) with the environment variables of
 * {@link #ENVIRONMENT} taking precedence. Immutable; components receive their slice.
 *
 * <pre>
 * stateDir: ./.alertbridge
 * kafka:     {bootstrapServers: dev}
 * topics:    {prefix: alertbridge.}
 * streams:   {applicationId: alertbridge-processor, processingGuarantee: exactly_once_v2, numThreads: 1}
 * rocksdb:   {blockCacheBytes: 64MiB, writeBufferBytes: 16MiB}
 * rules:     {file: rules.yaml, defaultChannel: "#alerts"}
 * normalize: {insufficientData: info, insufficientDataSeverity: WARNING, maxBodyBytes: 256KiB}
 * detect:    {fireThreshold: 0.5, clearThreshold: 0.3, fireCount: 1, fireWindow: 1, clearCount: 48}
 * dedupe:    {retention: 24h}
 * incidents: {lifecycleTick: 1s, throttleTick: 1s, throttle: {postSpacing: 1s, updatesPerMinute: 20, ...}}
 * </pre>
 *
 * <p>Sections this record does not know (those of other processes reading the same file) are ignored; an unknown
 * key inside a known section fails the load.
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
    public static final String CONFIG_VARIABLE = "ALERTBRIDGE_CONFIG";

    /**
     * The environment contract of DESIGN.md that this record honours: variable name to the key it overrides. A
     * variable that is unset or blank leaves the key alone.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers",
            "ALERTBRIDGE_TOPIC_PREFIX", "topics.prefix",
            "ALERTBRIDGE_STATE_DIR", "stateDir",
            "SLACK_DEFAULT_CHANNEL", "rules.defaultChannel");

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
        return ConfigLoader.load(environment);
    }

    /** The topic catalog under the configured prefix. */
    public Topics topicCatalog() {
        return topics.catalog();
    }

    /** Kafka Streams' state directory: {@code <stateDir>/streams}. */
    public Path streamsStateDir() {
        return Path.of(stateDir).resolve("streams");
    }

    /** The same configuration with another Kafka slice (the launcher resolves {@code dev} with this). */
    public ProcessorConfig withKafka(KafkaSlice slice) {
        return new ProcessorConfig(
                stateDir, slice, topics, streams, rocksdb, rules, normalize, detect, dedupe, incidents);
    }

    /** The same configuration with another Streams slice. */
    public ProcessorConfig withStreams(StreamsSlice slice) {
        return new ProcessorConfig(
                stateDir, kafka, topics, slice, rocksdb, rules, normalize, detect, dedupe, incidents);
    }

    /** The same configuration with another state directory. */
    public ProcessorConfig withStateDir(String dir) {
        return new ProcessorConfig(dir, kafka, topics, streams, rocksdb, rules, normalize, detect, dedupe, incidents);
    }

    /** The same configuration with another topic prefix. */
    public ProcessorConfig withTopics(TopicsSlice slice) {
        return new ProcessorConfig(
                stateDir, kafka, slice, streams, rocksdb, rules, normalize, detect, dedupe, incidents);
    }

    /** The same configuration with another incidents slice. */
    public ProcessorConfig withIncidents(IncidentsSlice slice) {
        return new ProcessorConfig(stateDir, kafka, topics, streams, rocksdb, rules, normalize, detect, dedupe, slice);
    }
}
