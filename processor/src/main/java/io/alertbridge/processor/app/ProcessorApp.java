package io.alertbridge.processor.app;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.errors.BoundedThreadReplacement;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.RocksDbMemory;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.StreamsProperties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs a topology with Kafka Streams as the configuration says: {@link StreamsProperties}, the shared
 * {@link RocksDbMemory}, {@link BoundedThreadReplacement} for unexpected failures, and a state listener behind
 * {@link #health()}. The launcher creates one, {@link #start()}s it and {@link #close()}s it on shutdown.
 *
 * <p>Thread-safe: {@link #health()} may be called from any thread (an HTTP server's).
 */
public final class ProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);

    /** How long {@link #close()} waits for Kafka Streams to commit and release its state. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String applicationId;
    private final RocksDbMemory memory;
    private final KafkaStreams streams;
    private final Clock clock;
    private final LocalState localState;
    private final RestoreLog restoreLog = new RestoreLog();
    private volatile ProcessorHealth health;
    private boolean closed;

    private ProcessorApp(ProcessorConfig config, Topology topology, Clock clock) {
        if (config.kafka().usesDevBroker()) {
            throw new IllegalStateException(
                    "kafka.bootstrapServers is '" + config.kafka().bootstrapServers()
                            + "': start the embedded broker and pass its address before creating the processor");
        }
        this.applicationId = config.streams().applicationId();
        this.clock = clock;
        this.localState = new LocalState(config.streamsStateDir(), applicationId);
        CrashRecovery.Verdict recovery = CrashRecovery.decide(
                localState.lastRunEndedCleanly(), config.streams().processingGuarantee(), localState.hasLocalState());
        LOG.info("Processor {} local state: {}", applicationId, recovery.reason());
        if (recovery.wipe()) {
            localState.wipe();
        }
        this.memory = new RocksDbMemory(config.rocksdb());
        try {
            this.streams = new KafkaStreams(topology, StreamsProperties.from(config, memory, localState.instanceId()));
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
        this.health = new ProcessorHealth(false, KafkaStreams.State.CREATED.name(), clock.instant(), "not started");
        streams.setStateListener(this::onStateChange);
        streams.setGlobalStateRestoreListener(restoreLog);
        streams.setUncaughtExceptionHandler(new BoundedThreadReplacement(
                config.streams().maxThreadReplacements(), config.streams().threadReplacementWindow(), clock));
    }

    /** The Alertbridge topology under fixed rules from the supplier (the rules topic is not read). */
    public static ProcessorApp create(ProcessorConfig config, Supplier<RuleBook> rules) {
        return of(config, new AlertbridgeTopology(config, rules).build());
    }

    /** The Alertbridge topology following the rules topic: {@code rules} changes as rules are applied. */
    public static ProcessorApp create(ProcessorConfig config, LiveRuleBook rules) {
        return of(config, new AlertbridgeTopology(config, rules).build());
    }

    /** Any topology under the processor's runtime settings (benchmarks compare topologies this way). */
    public static ProcessorApp of(ProcessorConfig config, Topology topology) {
        return new ProcessorApp(config, topology, Clock.systemUTC());
    }

    /** Starts processing (asynchronously: watch {@link #health()}). */
    public void start() {
        LOG.info("Starting processor {}", applicationId);
        localState.markRunning();
        streams.start();
    }

    /** Readiness for {@code /health}: ready only while RUNNING; while state is restored, says how much is left. */
    public ProcessorHealth health() {
        ProcessorHealth current = health;
        int restoring = restoreLog.restoring();
        if (!current.ready() && restoring > 0) {
            return new ProcessorHealth(
                    false,
                    current.state(),
                    current.since(),
                    "restoring state from " + restoring + " changelog partitions");
        }
        return current;
    }

    /** Kafka Streams' current state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Kafka Streams instance, for metrics and interactive queries; do not close it directly. */
    public KafkaStreams streams() {
        return streams;
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        Instant now = clock.instant();
        String detail =
                switch (newState) {
                    case RUNNING -> "processing";
                    case REBALANCING -> "partitions being assigned or state restored";
                    case ERROR -> "stopped after repeated failures (see the log)";
                    case PENDING_ERROR, PENDING_SHUTDOWN -> "shutting down";
                    case NOT_RUNNING -> "stopped";
                    default -> "starting";
                };
        health = new ProcessorHealth(newState == KafkaStreams.State.RUNNING, newState.name(), now, detail);
        LOG.info("Processor {}: {} -> {}", applicationId, oldState, newState);
    }

    /** Closes with {@link #CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /**
     * Stops processing, commits, and releases state and memory.
     *
     * @return true when Kafka Streams closed within the timeout
     */
    public boolean close(Duration timeout) {
        return close(CloseOptions.timeout(timeout));
    }

    /**
     * Stops processing like {@link #close(Duration)} and leaves the consumer group at once, so that the next instance
     * of this application id is assigned its partitions without waiting for the session to time out. For runs that
     * end for good (a rebuild); a processor that restarts keeps its membership to avoid a needless rebalance.
     *
     * @return true when Kafka Streams closed within the timeout
     */
    public boolean closeAndLeaveGroup(Duration timeout) {
        return close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    private synchronized boolean close(CloseOptions options) {
        if (closed) {
            return true;
        }
        closed = streams.close(options);
        if (closed) {
            localState.markClosedCleanly();
            memory.close();
        } else {
            // Stores may still be open on native memory: freeing it under them would crash the JVM.
            LOG.warn("Processor {} did not close in time; RocksDB memory left to the process", applicationId);
        }
        return closed;
    }
}
