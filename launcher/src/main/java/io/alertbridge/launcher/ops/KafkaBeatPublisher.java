package io.alertbridge.launcher.ops;

import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes heartbeat pings to {@code alertbridge.heartbeats}, keyed by heartbeat name, and waits for the cluster's
 * acknowledgement (acks=all, idempotent). Thread-safe (the Kafka producer is).
 */
public final class KafkaBeatPublisher implements HeartbeatPings.BeatPublisher, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final TopicSpec<String, HeartbeatBeat> topic;

    /**
     * @param kafka the cluster's client properties
     * @param topics the topic names
     */
    public KafkaBeatPublisher(Map<String, Object> kafka, Topics topics) {
        this.topic = topics.heartbeats();
        Map<String, Object> props = new HashMap<>(kafka);
        props.keySet().removeIf(key -> key.startsWith("group.") || key.startsWith("isolation."));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-heartbeat-pings");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(HeartbeatBeat beat) throws Exception {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), beat);
        producer.send(new ProducerRecord<>(topic.name(), beat.name(), value)).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
