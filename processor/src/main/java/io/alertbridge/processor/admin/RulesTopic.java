package io.alertbridge.processor.admin;

import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.topics.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The compacted rules topic as operators use it: apply rules (each keyed by its id, so a new version replaces the
 * old), delete one (a tombstone), and read the current set. The running processor picks changes up without a
 * restart. Not thread-safe; one instance per command.
 */
public final class RulesTopic {

    private final Map<String, Object> clientProperties;
    private final TopicSpec<String, Rule> topic;

    /**
     * @param clientProperties Kafka client settings ({@code bootstrap.servers}, security)
     * @param topic the rules topic
     */
    public RulesTopic(Map<String, Object> clientProperties, TopicSpec<String, Rule> topic) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
    }

    /** Writes the rules (already validated) and waits until Kafka has them all. */
    public void apply(List<Rule> rules) throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<String, Rule> producer = producer()) {
            for (Rule rule : rules) {
                producer.send(new ProducerRecord<>(topic.name(), rule.id(), rule))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Deletes a rule by writing its tombstone. */
    public void delete(String ruleId) throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<String, Rule> producer = producer()) {
            producer.send(new ProducerRecord<>(topic.name(), ruleId, null)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The current rules: the topic read from its beginning to its present end, tombstones applied. */
    public Map<String, Rule> current() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (KafkaConsumer<String, Rule> consumer = new KafkaConsumer<>(
                props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, Rule> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        rules.remove(record.key());
                    } else {
                        rules.put(record.key(), record.value());
                    }
                }
            }
        }
        return rules;
    }

    private KafkaProducer<String, Rule> producer() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(
                props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
