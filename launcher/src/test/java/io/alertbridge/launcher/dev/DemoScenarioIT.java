package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevkitExtension.class)
class DemoScenarioIT {

    @Test
    void shouldPlayRealShapedAlarmsIntoSqsAndNabScoresToTheScoresTopic(EmbeddedSqs sqs, EmbeddedKafka kafka)
            throws Exception {
        String queue = sqs.createQueue(DevkitExtension.unique("demo"));
        String topic = DevkitExtension.unique("scores");
        TopicSpec<String, AnomalyScore> spec = Topics.defaults().anomalyScores();
        int sent;
        List<String> progress = new ArrayList<>();
        try (KafkaProducer<String, AnomalyScore> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                spec.keySerde().serializer(),
                spec.valueSerde().serializer())) {
            DemoScenario demo = new DemoScenario(sqs.client(), queue, producer, topic, Clock.systemUTC());
            sent = demo.play(10_000.0, progress::add);
        }

        List<JsonNode> envelopes = drain(sqs, queue);
        List<ConsumerRecord<String, AnomalyScore>> scores = readScores(kafka, topic, spec, 170);
        assertThat(sent).isEqualTo(envelopes.size() + scores.size());
        assertThat(progress).anyMatch(p -> p.contains("alarm storm")).anyMatch(p -> p.contains("anomaly"));
        assertThat(envelopes).allSatisfy(e -> assertThat(e.get("Type").asText()).isEqualTo("Notification"));
        List<JsonNode> messages = envelopes.stream().map(DemoScenarioIT::inner).toList();
        assertThat(messages)
                .filteredOn(m -> m.has("AlarmArn"))
                .allSatisfy(m -> assertThat(m.get("AlarmArn").asText()).startsWith("arn:aws:cloudwatch:eu-west-2:"))
                .hasSize(24 + 10 + 24);
        assertThat(messages)
                .filteredOn(m -> m.path("source").asText().equals("aws.codepipeline"))
                .hasSize(2);
        assertThat(scores)
                .hasSize(170)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().series()))
                .anySatisfy(r -> assertThat(r.value().score()).isGreaterThanOrEqualTo(0.99));
    }

    private static List<ConsumerRecord<String, AnomalyScore>> readScores(
            EmbeddedKafka kafka, String topic, TopicSpec<String, AnomalyScore> spec, int expected) {
        List<ConsumerRecord<String, AnomalyScore>> records = new ArrayList<>();
        try (KafkaConsumer<String, AnomalyScore> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        DevkitExtension.unique("demo-reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                spec.keySerde().deserializer(),
                spec.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static JsonNode inner(JsonNode envelope) {
        try {
            return Json.mapper().readTree(envelope.get("Message").asText());
        } catch (Exception e) {
            throw new AssertionError("Message is not JSON: " + envelope, e);
        }
    }

    private static List<JsonNode> drain(EmbeddedSqs sqs, String queue) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.client()
                    .receiveMessage(
                            b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (batch.isEmpty()) {
                return bodies;
            }
            for (Message m : batch) {
                bodies.add(Json.mapper().readTree(m.body()));
                sqs.client().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
