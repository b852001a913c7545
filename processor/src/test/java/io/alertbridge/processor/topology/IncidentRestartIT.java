package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.junit.DevkitExtension;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.topology.StreamsItSupport.PATIENCE;
import static io.alertbridge.processor.topology.StreamsItSupport.postAbout;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident stages' state survives a restart on an empty state directory (restored from the changelogs and the
 * rules topic): the incident keeps its id and its message is edited, not posted again.
 */
@ExtendWith(DevkitExtension.class)
class IncidentRestartIT {

    @Test
    void shouldKeepIncidentsMessagesAndTopicRulesAcrossARestartOnAnEmptyStateDirectory(
            EmbeddedKafka kafka, @TempDir Path firstState, @TempDir Path secondState) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "restart");
        String applicationId = DevkitExtension.unique("restart");
        List<NotificationCommand> seen = new ArrayList<>();
        Instant firedAt = Instant.now();
        try (KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = StreamsItSupport.notifications(kafka, topics)) {
            NotificationCommand post;
            LiveRuleBook before = seedRules();
            try (KafkaStreams streams = StreamsItSupport.start(
                    kafka, StreamsItSupport.topology(topics, before), applicationId, firstState)) {
                StreamsItSupport.sendRule(
                        producer,
                        topics,
                        "payments",
                        StreamsItSupport.route("payments", List.of(Matcher.parse("team=pay")), "#payments"));
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> before.get().route("payments").isPresent());
                StreamsItSupport.send(producer, topics, alarm("i-9", FIRING, firedAt));
                post = StreamsItSupport.await(consumer, seen, postAbout("i-9"));
                // Leave the group on the way out, so the next instance need not wait for the session to time out.
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(PATIENCE));
            }

            LiveRuleBook after = seedRules();
            try (KafkaStreams streams = StreamsItSupport.start(
                    kafka, StreamsItSupport.topology(topics, after), applicationId, secondState)) {
                Awaitility.await()
                        .atMost(PATIENCE)
                        .until(() -> after.get().route("payments").isPresent());
                StreamsItSupport.send(producer, topics, alarm("i-9", RESOLVED, firedAt.plusSeconds(1)));
                NotificationCommand update = StreamsItSupport.await(
                        consumer,
                        seen,
                        c -> c.type() == Type.UPDATE && c.incident().state() == IncidentState.RESOLVED);

                assertThat(post.channel()).isEqualTo("#payments");
                assertThat(update.incidentId()).isEqualTo(post.incidentId());
                assertThat(update.incident().alertCount()).isEqualTo(2);
                assertThat(seen).filteredOn(c -> c.type() == Type.POST).hasSize(1);
            }
        }
    }

    private static LiveRuleBook seedRules() {
        return new LiveRuleBook(List.of(StreamsItSupport.route("default", List.of(), "#alerts")), "#alerts");
    }

    private static io.alertbridge.schemas.model.AlertEvent alarm(
            String resource, io.alertbridge.schemas.model.AlertStatus status, Instant at) {
        return Fixtures.withLabels(Fixtures.alarm("latency", resource, status, at), Map.of("team", "pay"));
    }
}
