package io.alertbridge.processor.topology;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * How a stage's records reach the next stage when the next one is keyed differently (by fingerprint, inhibition
 * group, incident group, channel, heartbeat name, series), chosen once per topology by its composer
 * ({@link AlertbridgeTopology}) and handed to every stage that re-keys. Thread-safe (immutable).
 */
public enum Hop {

    /**
     * Through the stage's repartition topic ({@code <application.id>-<name>-repartition}): the processor and a
     * rebuild, where the next stage's key may belong to another task, on another thread or instance.
     */
    THROUGH_TOPIC {
        @Override
        public <K, V> KStream<K, V> repartition(KStream<K, V> stream, Repartitioned<K, V> repartitioned) {
            return stream.repartition(repartitioned);
        }
    },

    /**
     * Straight on, in the same task: a replay, whose topology Kafka's test driver runs as one task over one
     * partition per topic, so every key already belongs to the one task that the repartition topic would lead back
     * to. The record keeps its new key, its timestamp and its headers; what it spares is a serialization, a copy held
     * by the driver, a match of the topic against every source topic (the driver compiles each source topic's name
     * as a regular expression, per record) and a deserialization, per record and hop (about a third of a replay's
     * samples, {@code bench/run ReplayThroughput}). The next stage runs at once, before the stage that forwarded the
     * record returns, where the topic would have queued it until the task had finished what it was doing: every stage
     * still sees its records in the order the stage before sent them, and a stage's state is its own, so the outputs
     * are the same; {@code ReplayEngineTest} holds a replay's outputs, in order and with their timestamps, to those of
     * the same replay through the topics (timers, a storm's digest, an inhibition).
     */
    IN_TASK {
        @Override
        public <K, V> KStream<K, V> repartition(KStream<K, V> stream, Repartitioned<K, V> repartitioned) {
            return stream;
        }
    };

    /**
     * The stream as the next stage reads it: {@code stream} after its hop.
     *
     * @param stream records already keyed as the next stage wants them
     * @param repartitioned the repartition topic's name, serdes and partitions, used by {@link #THROUGH_TOPIC}
     */
    public abstract <K, V> KStream<K, V> repartition(KStream<K, V> stream, Repartitioned<K, V> repartitioned);
}
