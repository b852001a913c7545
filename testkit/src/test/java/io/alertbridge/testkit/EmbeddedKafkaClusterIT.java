package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(DevkitExtension.class)
class EmbeddedKafkaClusterIT {

    @Test
    void shouldReplicateTopicsThreeTimesWithTwoInSyncReplicasRequired(EmbeddedKafkaCluster cluster) throws Exception {
        String topic = DevkitExtension.unique("replicated");
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty())))
                    .all()
                    .get();

            // A new topic reaches every broker's metadata a moment after creation: ask until one answers for it.
            TopicDescription description = await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(
                            () -> admin.describeTopics(List.of(topic))
                                    .allTopicNames()
                                    .get()
                                    .get(topic),
                            d -> d.partitions().stream().allMatch(p -> p.leader() != null));
            String minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next()
                    .get("min.insync.replicas")
                    .value();

            assertThat(cluster.brokerIds()).hasSize(3);
            assertThat(description.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            assertThat(minIsr).isEqualTo("2");
        }
    }

    @Test
    void shouldKeepCommittingTransactionsWhileOneBrokerIsDownAndTakeItBackAfter(EmbeddedKafkaCluster cluster)
            throws Exception {
        String topic = DevkitExtension.unique("one-down");
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get();
        }
        int victim = cluster.brokerIds().get(1);
        try (KafkaProducer<String, String> producer = transactionalProducer(cluster)) {
            producer.initTransactions();
            send(producer, topic, "before");

            cluster.stopBroker(victim);
            assertThat(cluster.runningBrokers()).doesNotContain(victim).hasSize(2);
            send(producer, topic, "while-down");

            cluster.startBroker(victim);
            send(producer, topic, "after");
        }

        assertThat(readAll(cluster, topic, 3)).containsExactlyInAnyOrder("before", "while-down", "after");
        try (Admin admin = cluster.admin()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions())
                    .as("the restarted broker caught up and is back in every ISR")
                    .allSatisfy(p -> assertThat(isr(p)).contains(victim).hasSize(3)));
        }
    }

    private static List<Integer> isr(TopicPartitionInfo partition) {
        return partition.isr().stream().map(node -> node.id()).toList();
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, value, value));
        producer.commitTransaction();
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, DevkitExtension.unique("tx"),
                        ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static List<String> readAll(EmbeddedKafka kafka, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        DevkitExtension.unique("reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
