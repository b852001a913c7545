package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.junit.DevkitExtension;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.topology.StreamsItSupport.PATIENCE;
import static io.alertbridge.processor.topology.StreamsItSupport.postAbout;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real broker with exactly-once: a rule written to the rules topic while the topology runs routes the next
 * alerts, and a bad rule written after it changes nothing. No restart in between.
 */
@ExtendWith(DevkitExtension.class)
class LiveRulesIT {

    @Test
    void shouldRouteTheNextAlertsByARuleWrittenWhileTheTopologyRuns(EmbeddedKafka kafka, @TempDir Path stateDir)
            throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "live-rules");
        LiveRuleBook rules =
                new LiveRuleBook(List.of(StreamsItSupport.route("default", List.of(), "#alerts")), "#alerts");

        try (KafkaStreams streams = StreamsItSupport.start(
                        kafka,
                        StreamsItSupport.topology(topics, rules),
                        DevkitExtension.unique("live-rules"),
                        stateDir);
                KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = StreamsItSupport.notifications(kafka, topics)) {
            List<NotificationCommand> seen = new ArrayList<>();

            StreamsItSupport.send(producer, topics, paymentsAlarm("i-1"));
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-1")).channel())
                    .isEqualTo("#alerts");

            StreamsItSupport.sendRule(
                    producer,
                    topics,
                    "payments",
                    StreamsItSupport.route("payments", List.of(Matcher.parse("team=pay")), "#payments"));
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> rules.get().route("payments").isPresent());
            StreamsItSupport.send(producer, topics, paymentsAlarm("i-2"));
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-2")).channel())
                    .isEqualTo("#payments");

            StreamsItSupport.sendRule(
                    producer,
                    topics,
                    "payments",
                    "{\"kind\":\"route\",\"id\":\"payments\",\"channel\":\"\"}".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(PATIENCE).until(() -> !rules.rejections().isEmpty());
            StreamsItSupport.send(producer, topics, paymentsAlarm("i-3"));
            assertThat(StreamsItSupport.await(consumer, seen, postAbout("i-3")).channel())
                    .as("the bad rule was rejected whole; the previous version stays in force")
                    .isEqualTo("#payments");
            assertThat(seen).extracting(NotificationCommand::type).containsOnly(NotificationCommand.Type.POST);
        }
    }

    static AlertEvent paymentsAlarm(String resource) {
        return Fixtures.withLabels(Fixtures.alarm("latency", resource, FIRING, Instant.now()), Map.of("team", "pay"));
    }
}
