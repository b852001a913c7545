package io.alertbridge.connectors.slack.sink;

import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Incident → Slack message references, held in memory per notification partition and backed by the compacted
 * {@code <prefix>slack.refs} topic, the way a Kafka Streams store is backed by its changelog.
 *
 * <p>Co-partitioned with {@code alertbridge.notifications}: the ref of an incident whose notifications arrive on
 * partition p is written to partition p of the refs topic (explicitly, not by hashing), so an instance restores
 * exactly the partitions it was assigned and a rebalance moves each ref with its incident. Why not Kafka Streams:
 * the sink's unit of work is a Slack call that must be bracketed by an intent write and an offset commit, paused
 * during an outage and retried; a plain consumer keeps that visible in one loop, and a compacted topic read back on
 * assignment is all the state store it needs.
 *
 * <p>Writes: {@link #putDurably} waits for Kafka's acknowledgement (intents, written before a Slack call);
 * {@link #put} does not, and {@link #flush} before an offset commit makes every put durable or throws.
 *
 * <p>{@link #inMemory()} gives a store with no topic behind it, for a replay posted into a review channel
 * ({@code ReplayPoster}): its refs live and die with the process and never meet production's.
 *
 * <p>Not thread-safe: owned by the sink's loop thread.
 */
public final class SlackRefStore {

    private static final Logger LOG = LoggerFactory.getLogger(SlackRefStore.class);
    private static final JsonSerde<SlackRef> SERDE = JsonSerde.of(SlackRef.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> restorer;
    private final Map<Integer, Map<String, SlackRef>> byPartition = new HashMap<>();
    private final AtomicReference<Exception> writeFailure = new AtomicReference<>();

    public SlackRefStore(String topic, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> restorer) {
        this.topic = topic;
        this.producer = producer;
        this.restorer = restorer;
    }

    /** A store held in memory only: nothing is read from or written to any topic. */
    public static SlackRefStore inMemory() {
        return new SlackRefStore("(in memory)", null, null);
    }

    private boolean inMemoryOnly() {
        return producer == null;
    }

    /** Reads the given partitions of the refs topic from the beginning and holds their latest refs. */
    public void restore(Collection<Integer> partitions) {
        if (inMemoryOnly()) {
            partitions.forEach(p -> byPartition.putIfAbsent(p, new HashMap<>()));
            return;
        }
        if (partitions.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<TopicPartition> tps =
                partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        restorer.assign(tps);
        restorer.seekToBeginning(tps);
        Map<TopicPartition, Long> ends = restorer.endOffsets(tps);
        for (int p : partitions) {
            byPartition.put(p, new HashMap<>());
        }
        int records = 0;
        while (!caughtUp(ends)) {
            for (ConsumerRecord<byte[], byte[]> record : restorer.poll(Duration.ofMillis(200))) {
                records++;
                apply(record);
            }
        }
        restorer.assign(List.of());
        int refs = partitions.stream().mapToInt(p -> byPartition.get(p).size()).sum();
        LOG.info(
                "Restored {} Slack refs of {} partitions {} from {} records in {} ms",
                refs,
                topic,
                partitions,
                records,
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (restorer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        Map<String, SlackRef> refs = byPartition.get(record.partition());
        String key = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            refs.remove(key);
            return;
        }
        try {
            refs.put(key, SERDE.deserialize(topic, record.value()));
        } catch (KafkaException e) {
            LOG.warn(
                    "Skipping unreadable Slack ref {} at {}-{}@{}: {}",
                    LogText.safe(key),
                    topic,
                    record.partition(),
                    record.offset(),
                    LogText.safe(e.getMessage()));
        }
    }

    /** Drops the refs of partitions this instance no longer owns. */
    void forget(Collection<Integer> partitions) {
        partitions.forEach(byPartition::remove);
    }

    /** The ref of a key in a partition this instance owns. */
    public Optional<SlackRef> get(int partition, String key) {
        return Optional.ofNullable(byPartition.getOrDefault(partition, Map.of()).get(key));
    }

    /** Every ref of a partition (a snapshot, safe to iterate while putting). */
    public List<SlackRef> all(int partition) {
        return List.copyOf(byPartition.getOrDefault(partition, Map.of()).values());
    }

    /** The partitions held. */
    public Collection<Integer> partitions() {
        return List.copyOf(byPartition.keySet());
    }

    /** Records a ref and waits until Kafka has it: for intents, which must be durable before Slack is called. */
    public void putDurably(int partition, SlackRef ref) {
        hold(partition, ref);
        if (inMemoryOnly()) {
            return;
        }
        try {
            Future<RecordMetadata> sent = producer.send(record(partition, ref.key(), SERDE.serialize(topic, ref)));
            // Send now rather than after linger.ms: the Slack call waits for this acknowledgement.
            producer.flush();
            sent.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while recording a Slack intent", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not record the Slack intent for " + ref.key(), e);
        }
    }

    /**
     * Records refs and waits until Kafka has all of them, in one round trip: for intents recorded ahead of a batch's
     * posts ({@code CommandExecutor.intendAhead}).
     */
    public void putAllDurably(int partition, List<SlackRef> intents) {
        intents.forEach(ref -> hold(partition, ref));
        if (inMemoryOnly()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(intents.size());
        for (SlackRef ref : intents) {
            sent.add(producer.send(record(partition, ref.key(), SERDE.serialize(topic, ref))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> one : sent) {
                one.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while recording Slack intents", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("could not record " + intents.size() + " Slack intents", e);
        }
    }

    /** Records a ref; durable after the next {@link #flush()}. */
    public void put(int partition, SlackRef ref) {
        hold(partition, ref);
        if (inMemoryOnly()) {
            return;
        }
        producer.send(record(partition, ref.key(), SERDE.serialize(topic, ref)), this::onSent);
    }

    /** Forgets a ref, here and (by a tombstone) in the topic. */
    public void delete(int partition, String key) {
        byPartition.getOrDefault(partition, new HashMap<>()).remove(key);
        if (inMemoryOnly()) {
            return;
        }
        producer.send(record(partition, key, null), this::onSent);
    }

    /** Makes every earlier put durable, or throws: call before committing offsets. */
    void flush() {
        if (inMemoryOnly()) {
            return;
        }
        producer.flush();
        Exception failure = writeFailure.getAndSet(null);
        if (failure != null) {
            throw new KafkaException("a Slack ref could not be written; offsets are not committed", failure);
        }
    }

    private void hold(int partition, SlackRef ref) {
        byPartition.computeIfAbsent(partition, p -> new HashMap<>()).put(ref.key(), ref);
    }

    private void onSent(Object metadata, Exception e) {
        if (e != null) {
            writeFailure.compareAndSet(null, e);
        }
    }

    private ProducerRecord<byte[], byte[]> record(int partition, String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
