package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.alertbridge.processor.topology.StreamsItSupport.PATIENCE;
import static io.alertbridge.processor.topology.StreamsItSupport.postAbout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident stages' state survives a restart of the whole processor on an empty state directory (restored from
 * the changelogs, and the rules from the rules topic): the incident keeps its id and its message is edited, not
 * posted again.
 */
@ExtendWith(DevkitExtension.class)
class IncidentRestartIT {

    @Test
    void shouldKeepIncidentsMessagesAndTopicRulesAcrossARestartOnAnEmptyStateDirectory(
            EmbeddedKafka kafka, @TempDir Path firstState, @TempDir Path secondState) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "restart");
        List<NotificationCommand> seen = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = StreamsItSupport.notifications(kafka, topics)) {
            NotificationCommand post;
            LiveRuleBook before = seedRules();
            try (ProcessorApp app =
                    StreamsItSupport.start(StreamsItSupport.config(kafka, topics, firstState), before)) {
                StreamsItSupport.sendRule(
                        producer,
                        topics,
                        "payments",
                        StreamsItSupport.route("payments", List.of(Matcher.parse("alarm=~pay-.*")), "#payments"));
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> before.get().route("payments").isPresent());
                StreamsItSupport.alarm(producer, topics, "pay-latency-i-9", "i-9", true);
                post = StreamsItSupport.await(consumer, seen, postAbout("i-9"));
                // Leave the group on the way out, so the next instance need not wait for the session to time out.
                app.streams()
                        .close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                                .withTimeout(PATIENCE));
            }

            LiveRuleBook after = seedRules();
            try (ProcessorApp app =
                    StreamsItSupport.start(StreamsItSupport.config(kafka, topics, secondState), after)) {
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> after.get().route("payments").isPresent());
                StreamsItSupport.alarm(producer, topics, "pay-latency-i-9", "i-9", false);
                NotificationCommand update = StreamsItSupport.await(
                        consumer,
                        seen,
                        c -> c.type() == Type.UPDATE && c.incident().state() == IncidentState.RESOLVED);

                assertThat(post.channel()).isEqualTo("#payments");
                assertThat(update.incidentId()).isEqualTo(post.incidentId());
                assertThat(update.incident().alertCount()).isEqualTo(2);
                assertThat(seen).filteredOn(c -> c.type() == Type.POST).hasSize(1);
                assertThat(app.health().ready()).isTrue();
            }
        }
    }

    private static LiveRuleBook seedRules() {
        return new LiveRuleBook(List.of(StreamsItSupport.route("default", List.of(), "#alerts")), "#alerts");
    }
}
