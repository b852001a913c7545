package io.alertbridge.launcher.ops;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ping through the ops server lands on {@code alertbridge.heartbeats} of a real broker, keyed by heartbeat name; a
 * ping with a wrong token lands nowhere.
 */
@ExtendWith(DevkitExtension.class)
class HeartbeatPingsIT {

    private static final String TOKEN = "token-of-the-deploy-pipeline";

    @Test
    void shouldRecordAValidPingOnTheHeartbeatsTopicAndNothingForAWrongToken(EmbeddedKafka kafka) throws Exception {
        Topics topics = Topics.withPrefix(DevkitExtension.unique("pings") + ".");
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topics.heartbeats().name(), 1, (short) 1)))
                    .all()
                    .get();
        }
        HeartbeatRule deploy = new HeartbeatRule(
                "deploy-pipeline",
                BeatKind.PING,
                null,
                null,
                null,
                null,
                List.of(),
                HeartbeatTokens.sha256(TOKEN),
                Duration.ofHours(1),
                null,
                2,
                null,
                null,
                Map.of());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpClient http = HttpClient.newHttpClient();
        try (KafkaBeatPublisher publisher = new KafkaBeatPublisher(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), topics);
                OpsServer ops = OpsServer.start(InetAddress.getLoopbackAddress(), 0, registry)) {
            ops.mount(
                    HeartbeatPings.PATH,
                    new HeartbeatPings(
                            name -> Optional.of(deploy).filter(rule -> rule.id().equals(name)),
                            publisher,
                            Clock.systemUTC(),
                            registry));
            URI uri = URI.create("http://127.0.0.1:" + ops.port() + "/heartbeat/deploy-pipeline");

            int wrong = http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer wrong")
                                    .POST(HttpRequest.BodyPublishers.ofString("wrong"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            int right = http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString("release 2026.12.2 deployed"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();

            assertThat(wrong).isEqualTo(401);
            assertThat(right).isEqualTo(202);
            List<ConsumerRecord<String, HeartbeatBeat>> records = readAll(kafka, topics);
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("deploy-pipeline");
                assertThat(record.value().name()).isEqualTo("deploy-pipeline");
                assertThat(record.value().origin()).isEqualTo("ping");
                assertThat(record.value().note()).isEqualTo("release 2026.12.2 deployed");
            });
        } finally {
            registry.close();
        }
    }

    /** What the topic holds: polled until the accepted ping is there, then for one more poll to catch any other. */
    private static List<ConsumerRecord<String, HeartbeatBeat>> readAll(EmbeddedKafka kafka, Topics topics) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<ConsumerRecord<String, HeartbeatBeat>> records = new ArrayList<>();
        try (KafkaConsumer<String, HeartbeatBeat> consumer = new KafkaConsumer<>(
                props,
                topics.heartbeats().keySerde().deserializer(),
                topics.heartbeats().valueSerde().deserializer())) {
            // Assigned, not subscribed: no group to join, so the test does not wait for a rebalance.
            consumer.assign(List.of(new TopicPartition(topics.heartbeats().name(), 0)));
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
