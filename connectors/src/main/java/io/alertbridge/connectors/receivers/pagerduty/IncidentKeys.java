package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incident id → group key, for every incident on the compacted {@code alertbridge.incidents} (all partitions, read
 * from the start, no consumer group), so that a PagerDuty webhook — which names the incident by its dedup key, the
 * incident id — becomes an action keyed by the incident's group key, whichever instance receives it.
 *
 * <p>One thread reads; any thread looks up.
 */
public final class IncidentKeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentKeys.class);
    private static final JsonSerde<Incident> INCIDENTS = JsonSerde.of(Incident.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<String, String> groupKeys = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private IncidentKeys(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.thread = new Thread(this::run, "pagerduty-incident-keys");
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topic} on the cluster of {@code kafka}. */
    public static IncidentKeys start(Map<String, Object> kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertbridge-pagerduty-incident-keys");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The processor (or topics create) makes the incidents topic with its partitions; never this reader.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        IncidentKeys keys = new IncidentKeys(new KafkaConsumer<>(props), topic);
        keys.thread.start();
        return keys;
    }

    /** The group key of the incident with this id, if it was seen. */
    public Optional<String> groupKey(String incidentId) {
        return Optional.ofNullable(groupKeys.get(incidentId));
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                try {
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    LOG.info("Waiting for the topic {} to exist (or Kafka to answer)", topic);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Incident keys stopping");
        } catch (RuntimeException e) {
            LOG.error("Incident keys stopped: PagerDuty webhooks for new incidents will not be matched", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            Incident incident = INCIDENTS.deserialize(topic, record.value());
            groupKeys.put(incident.incidentId(), incident.groupKey());
        } catch (SerializationException e) {
            LOG.debug("Skipping an unreadable incident at {}-{}@{}", topic, record.partition(), record.offset());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
