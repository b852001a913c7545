package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.StreamsSlice;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TaskId;

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
     * partition per topic, and a processor or rebuild whose input topics have one partition each
     * ({@code streams.hops: in_task}), which Kafka Streams then runs as one task too; so every key already belongs to
     * the one task that the repartition topic would lead back to. On the real runtime it also spares the broker a
     * write and a read per record and hop, and a record's way through the topology waits for one commit instead of
     * one per hop. The record keeps its new key, its timestamp and its headers; what it spares is a serialization, a
     * copy held by the driver, a match of the topic against every source topic (the driver compiles each source
     * topic's name as a regular expression, per record) and a deserialization, per record and hop (about a third of a
     * replay's samples, {@code bench/run ReplayThroughput}). The next stage runs at once, before the stage that
     * forwarded the record returns, where the topic would have queued it until the task had finished what it was
     * doing: every stage still sees its records in the order the stage before sent them, and a stage's state is its
     * own, so the outputs are the same; {@code ReplayEngineTest} holds a replay's outputs, in order and with their
     * timestamps, to those of the same replay through the topics (timers, a storm's digest, an inhibition), and the
     * {@code *ScenariosInTaskTest}s every scenario of the processor's durable topology.
     */
    IN_TASK {
        @Override
        public <K, V> KStream<K, V> repartition(KStream<K, V> stream, Repartitioned<K, V> repartitioned) {
            return stream;
        }

        @Override
        public void checkTask(TaskId task) {
            if (task.partition() != 0) {
                throw new IllegalStateException("streams.hops is in_task, which needs one partition in every input"
                        + " topic (raw, anomaly scores, actions, heartbeats), but Kafka Streams assigned task " + task
                        + ": a record re-keyed in one task would never meet the state of its key in another. Recreate"
                        + " the topics with one partition, or set streams.hops: topics");
            }
        }
    };

    /**
     * The hops that {@code streams.hops} asks for; {@code auto} is {@link #THROUGH_TOPIC} here, since only the
     * launcher knows when it runs on the in-process broker (where it asks for {@code in_task}).
     */
    public static Hop of(StreamsSlice.Hops hops) {
        return hops == StreamsSlice.Hops.IN_TASK ? IN_TASK : THROUGH_TOPIC;
    }

    /**
     * Refuses a task these hops cannot serve: under {@link #IN_TASK} every task but the first (partition 0), since
     * a second task means an input topic with more partitions and keys split between tasks.
     *
     * @throws IllegalStateException naming the setting and the task
     */
    public void checkTask(TaskId task) {}

    /**
     * The stream as the next stage reads it: {@code stream} after its hop.
     *
     * @param stream records already keyed as the next stage wants them
     * @param repartitioned the repartition topic's name, serdes and partitions, used by {@link #THROUGH_TOPIC}
     */
    public abstract <K, V> KStream<K, V> repartition(KStream<K, V> stream, Repartitioned<K, V> repartitioned);
}
