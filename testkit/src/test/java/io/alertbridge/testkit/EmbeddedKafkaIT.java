package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevkitExtension.class)
class EmbeddedKafkaIT {

    @Test
    void shouldCreateTopicsWithTheRequestedPartitions(EmbeddedKafka kafka) throws Exception {
        String topic = DevkitExtension.unique("topics");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();

            var description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);

            assertThat(description.partitions()).hasSize(3);
        }
    }

    @Test
    void shouldShowCommittedTransactionsAndHideAbortedOnesToReadCommittedConsumers(EmbeddedKafka kafka)
            throws Exception {
        String topic = DevkitExtension.unique("tx");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
            producer.commitTransaction();
        }

        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer(kafka)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
                return seen.size() >= 3;
            });
        }

        assertThat(seen).containsExactly("committed-1", "committed-2", "committed-3");
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DevkitExtension.unique("tx-producer"));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        DevkitExtension.unique("group"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
