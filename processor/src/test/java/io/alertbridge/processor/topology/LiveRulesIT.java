package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.alertbridge.processor.topology.StreamsItSupport.PATIENCE;
import static io.alertbridge.processor.topology.StreamsItSupport.postAbout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole processor on a real broker with exactly-once, raw CloudWatch alarms in: a rule written to the rules topic
 * while it runs routes the next alerts, and a bad rule written after it changes nothing. No restart in between.
 */
@ExtendWith(DevkitExtension.class)
class LiveRulesIT {

    @Test
    void shouldRouteTheNextAlertsByARuleWrittenWhileTheProcessorRuns(EmbeddedKafka kafka, @TempDir Path stateDir)
            throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "live-rules");
        LiveRuleBook rules =
                new LiveRuleBook(List.of(StreamsItSupport.route("default", List.of(), "#alerts")), "#alerts");

        try (ProcessorApp app = StreamsItSupport.start(StreamsItSupport.config(kafka, topics, stateDir), rules);
                KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = StreamsItSupport.notifications(kafka, topics)) {
            List<NotificationCommand> seen = new ArrayList<>();

            StreamsItSupport.alarm(producer, topics, "pay-latency-i-1", "i-1", true);
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-1")).channel())
                    .isEqualTo("#alerts");

            StreamsItSupport.sendRule(
                    producer,
                    topics,
                    "payments",
                    StreamsItSupport.route("payments", List.of(Matcher.parse("alarm=~pay-.*")), "#payments"));
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> rules.get().route("payments").isPresent());
            StreamsItSupport.alarm(producer, topics, "pay-latency-i-2", "i-2", true);
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-2")).channel())
                    .isEqualTo("#payments");

            StreamsItSupport.sendRule(
                    producer,
                    topics,
                    "payments",
                    "{\"kind\":\"route\",\"id\":\"payments\",\"channel\":\"\"}".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(PATIENCE).until(() -> !rules.rejections().isEmpty());
            StreamsItSupport.alarm(producer, topics, "pay-latency-i-3", "i-3", true);
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-3")).channel())
                    .as("the bad rule was rejected whole; the previous version stays in force")
                    .isEqualTo("#payments");
            assertThat(seen).extracting(NotificationCommand::type).containsOnly(NotificationCommand.Type.POST);
            assertThat(app.health().ready()).as("no restart happened").isTrue();
        }
    }
}
