package io.alertbridge.connectors.kafka;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The follower against a real broker: a failing load is started over from the beginning after a reset. */
@ExtendWith(DevkitExtension.class)
class TopicFollowerIT {

    @Test
    void shouldResetAndReloadFromTheBeginningAfterAFailureThenFollowLive(EmbeddedKafka kafka) throws Exception {
        String topic = DevkitExtension.unique("follower");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        Recorder recorder = new Recorder();

        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (String value : List.of("a", "boom", "b")) {
                producer.send(new ProducerRecord<>(topic, value, value.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            try (TopicFollower follower = new TopicFollower(
                    topic,
                    props,
                    TopicFollower.Settings.of("Test view", "test-follower", "test-follower")
                            .withErrorsInDetail(),
                    recorder)) {
                recorder.follower.set(follower);
                follower.start();

                await().atMost(Duration.ofSeconds(15)).until(follower::isReady);
                assertThat(recorder.detailsAtReset)
                        .containsExactly("starting", "reloading after IllegalStateException: boom");
                assertThat(recorder.applied).containsExactlyInAnyOrder("a:load", "boom:load", "b:load");
                assertThat(follower.detail()).isEqualTo("following " + topic + " (3 records)");
                assertThat(follower.loadTime()).isNotNull();

                producer.send(new ProducerRecord<>(topic, "c", "c".getBytes(StandardCharsets.UTF_8)))
                        .get();
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.applied.contains("c:live"));
                assertThat(recorder.applied).hasSize(4);
                assertThat(follower.detail())
                        .as("the count of now, not of when it became current")
                        .isEqualTo("following " + topic + " (4 records)");
            }
        }
    }

    /** Keeps what it was given; throws once, on the first "boom". */
    private static final class Recorder implements TopicFollower.Hooks {

        final AtomicReference<TopicFollower> follower = new AtomicReference<>();
        final List<String> detailsAtReset = new CopyOnWriteArrayList<>();
        final List<String> applied = new CopyOnWriteArrayList<>();
        private boolean failed;

        @Override
        public void reset() {
            detailsAtReset.add(follower.get().detail());
            applied.clear();
        }

        @Override
        public void apply(ConsumerRecord<String, byte[]> record, boolean live) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.equals("boom") && !failed) {
                failed = true;
                throw new IllegalStateException("boom");
            }
            applied.add(value + (live ? ":live" : ":load"));
        }

        @Override
        public String currentDetail() {
            return applied.size() + " records";
        }
    }
}
