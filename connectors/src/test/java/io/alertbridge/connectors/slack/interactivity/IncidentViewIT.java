package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The view of the compacted incidents topic against a real broker: load, readiness, live updates, bad records. */
@ExtendWith(DevkitExtension.class)
class IncidentViewIT {

    @Test
    void shouldWaitForTheTopicLoadItFollowItAndSkipUnreadableRecords(EmbeddedKafka kafka) throws Exception {
        TopicSpec<String, Incident> topic =
                Topics.withPrefix(DevkitExtension.unique("view") + ".").incidents();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        Incident first = Fixtures.open("INC-V1", "api", Severity.CRITICAL, 0);
        Incident second = Fixtures.open("INC-V2", "db", Severity.WARNING, 1);

        try (IncidentView view = IncidentView.start(topic, props, registry);
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> view.detail().startsWith("waiting for topic"));
            assertThat(view.isReady()).isFalse();

            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(
                                new NewTopic(topic.name(), 2, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get();
            }
            send(producer, topic, first.groupKey(), first);
            producer.send(new ProducerRecord<>(
                            topic.name(), "garbage", "{not an incident".getBytes(StandardCharsets.UTF_8)))
                    .get();
            send(producer, topic, second.groupKey(), second);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> view.isReady() && view.index().size() == 2);
            assertThat(view.detail()).startsWith("following " + topic.name());
            assertThat(registry.get("alertbridge.interactivity.view.invalid")
                            .counter()
                            .count())
                    .isEqualTo(1.0);

            send(producer, topic, first.groupKey(), Fixtures.acknowledged(first, "U0ALICE"));
            await().atMost(Duration.ofSeconds(10)).until(() -> view.index()
                    .byId("INC-V1")
                    .map(i -> i.state() == IncidentState.ACKNOWLEDGED)
                    .orElse(false));

            send(producer, topic, second.groupKey(), null);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> view.index().byId("INC-V2").isEmpty());
            assertThat(view.index().openCount()).isEqualTo(1);
            assertThat(registry.get("alertbridge.interactivity.view.open")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, TopicSpec<String, Incident> topic, String key, Incident incident)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), incident)))
                .get();
    }
}
