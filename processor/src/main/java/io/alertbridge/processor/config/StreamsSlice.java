package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How Kafka Streams runs the topology ({@code streams:} in YAML).
 *
 * @param applicationId Streams' {@code application.id}: consumer group, prefix of internal topics and of state
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param numThreads stream threads in this process
 * @param commitInterval {@code commit.interval.ms}, or null for Kafka's default (100 ms under exactly-once)
 * @param replicationFactor replication of internal topics; -1 takes the broker's default
 * @param numStandbyReplicas warm standby copies of each state store on other instances
 * @param maxThreadReplacements how many times an unexpected failure may replace a stream thread within
 *     {@code threadReplacementWindow} before the whole client shuts down
 * @param threadReplacementWindow the window over which replacements are counted
 * @param properties any other Streams property, applied last (an explicit operator choice wins)
 * @param hops how a re-keyed record reaches the next stage: {@link Hops#TOPICS}, {@link Hops#IN_TASK} or
 *     {@link Hops#AUTO} (default)
 * @param decodedValues state values the stages keep decoded on the heap, over every task of the process
 *     ({@code DecodedCache}; an incident of four alarms is about 9 KB, kept by the lifecycle and the throttle)
 */
public record StreamsSlice(
        String applicationId,
        String processingGuarantee,
        int numThreads,
        Duration commitInterval,
        int replicationFactor,
        int numStandbyReplicas,
        int maxThreadReplacements,
        Duration threadReplacementWindow,
        Map<String, String> properties,
        Hops hops,
        int decodedValues) {

    /**
     * How records reach a stage keyed differently from the one before it (by fingerprint, incident group, channel,
     * ...): {@code streams.hops} in YAML, {@code topics}, {@code in_task} or {@code auto}.
     */
    public enum Hops {
        /**
         * Through a repartition topic per re-keying stage: any number of partitions, tasks, threads and instances.
         * Each hop is a write to the broker and a read back, and a record crosses it only when the transaction that
         * wrote it commits.
         */
        TOPICS,
        /**
         * Straight on, in the same task: no repartition topics, one sub-topology, one commit per record's whole way.
         * Needs one partition in every input topic (raw, scores, actions, heartbeats), since one task must hold every
         * key; the processor stops with a message naming the setting when a task of another partition is assigned.
         * One task runs on one stream thread of one instance (standbys still fail over). The stores and their
         * changelogs are the same as under {@link #TOPICS} with one partition, so a deployment can switch either way
         * while stopped; records still in the old repartition topics are not read again after a switch to this, so
         * switch a processor that has caught up.
         */
        IN_TASK,
        /**
         * {@link #IN_TASK} under {@code alertbridge dev} (its in-process broker's topics have one partition), else
         * {@link #TOPICS}.
         */
        AUTO
    }

    /**
     * Decoded values kept by default: about 8,000 incidents that change now (each in the lifecycle's and the
     * throttle's view), at most about 140 MiB of heap (see {@code bench/README.md}, "Decoded values for the process").
     */
    public static final int DEFAULT_DECODED_VALUES = 16_384;

    /** The guarantee the processor runs with unless told otherwise. */
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";

    private static final Set<String> GUARANTEES = Set.of(EXACTLY_ONCE_V2, "at_least_once");

    public StreamsSlice {
        Check.notBlank("streams.applicationId", applicationId);
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw new IllegalArgumentException(
                    "streams.processingGuarantee must be one of " + GUARANTEES + ", was '" + processingGuarantee + "'");
        }
        Check.atLeast("streams.numThreads", numThreads, 1);
        if (commitInterval != null) {
            Check.positive("streams.commitInterval", commitInterval);
        }
        if (replicationFactor != -1) {
            Check.atLeast("streams.replicationFactor", replicationFactor, 1);
        }
        Check.atLeast("streams.numStandbyReplicas", numStandbyReplicas, 0);
        Check.atLeast("streams.maxThreadReplacements", maxThreadReplacements, 0);
        Check.positive("streams.threadReplacementWindow", threadReplacementWindow);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        hops = hops == null ? Hops.AUTO : hops;
        Check.atLeast("streams.decodedValues", decodedValues, 1);
    }

    public static StreamsSlice defaults() {
        return new StreamsSlice(
                "alertbridge-processor",
                EXACTLY_ONCE_V2,
                1,
                null,
                -1,
                0,
                3,
                Duration.ofMinutes(10),
                Map.of(),
                Hops.AUTO,
                DEFAULT_DECODED_VALUES);
    }

    /**
     * This slice as {@code alertbridge dev} runs it: its in-process broker's topics have one partition, so
     * {@link Hops#AUTO} becomes {@link Hops#IN_TASK}; a hop set explicitly stays.
     */
    public StreamsSlice onSinglePartitionTopics() {
        return hops == Hops.AUTO ? toBuilder().hops(Hops.IN_TASK).build() : this;
    }

    /** A builder starting from defaults: set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code StreamsSlice}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private String applicationId;
        private String processingGuarantee;
        private int numThreads;
        private Duration commitInterval;
        private int replicationFactor;
        private int numStandbyReplicas;
        private int maxThreadReplacements;
        private Duration threadReplacementWindow;
        private Map<String, String> properties;
        private Hops hops;
        private int decodedValues;

        private Builder() {}

        private Builder(StreamsSlice from) {
            applicationId = from.applicationId;
            processingGuarantee = from.processingGuarantee;
            numThreads = from.numThreads;
            commitInterval = from.commitInterval;
            replicationFactor = from.replicationFactor;
            numStandbyReplicas = from.numStandbyReplicas;
            maxThreadReplacements = from.maxThreadReplacements;
            threadReplacementWindow = from.threadReplacementWindow;
            properties = from.properties;
            hops = from.hops;
            decodedValues = from.decodedValues;
        }

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder processingGuarantee(String value) {
            processingGuarantee = value;
            return this;
        }

        public Builder numThreads(int value) {
            numThreads = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        public Builder replicationFactor(int value) {
            replicationFactor = value;
            return this;
        }

        public Builder numStandbyReplicas(int value) {
            numStandbyReplicas = value;
            return this;
        }

        public Builder maxThreadReplacements(int value) {
            maxThreadReplacements = value;
            return this;
        }

        public Builder threadReplacementWindow(Duration value) {
            threadReplacementWindow = value;
            return this;
        }

        public Builder properties(Map<String, String> value) {
            properties = value;
            return this;
        }

        public Builder hops(Hops value) {
            hops = value;
            return this;
        }

        public Builder decodedValues(int value) {
            decodedValues = value;
            return this;
        }

        /** The configuration, validated. */
        public StreamsSlice build() {
            return new StreamsSlice(
                    applicationId,
                    processingGuarantee,
                    numThreads,
                    commitInterval,
                    replicationFactor,
                    numStandbyReplicas,
                    maxThreadReplacements,
                    threadReplacementWindow,
                    properties,
                    hops,
                    decodedValues);
        }
    }
}
