package io.alertbridge.connectors.receivers.pagerduty;

import com.sun.net.httpserver.HttpServer;
import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverHarness;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.receivers.LocalPagerDuty;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PagerDuty receiver against the local Events API v2 stand-in, with the in-process broker: the incident's
 * lifecycle as one PagerDuty alert, a refused routing key, a kill after PagerDuty's answer that does not open a
 * second PagerDuty incident, no loop for what came from PagerDuty; and PagerDuty's webhooks back into
 * {@code alertbridge.actions}, forged, stale and replayed ones refused.
 */
@ExtendWith(DevkitExtension.class)
class PagerDutyReceiverIT {

    private static final String KEY = "R0UTINGKEY0000000000000000000001";
    private static final String WEBHOOK_SECRET = "pd_webhook_secret";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonSerde<UserAction> ACTIONS = JsonSerde.of(UserAction.class);

    private LocalPagerDuty pagerDuty;
    private ReceiverHarness harness;

    @BeforeEach
    void start(EmbeddedKafka kafka) throws Exception {
        pagerDuty = LocalPagerDuty.start(Set.of(KEY));
        harness = new ReceiverHarness(kafka, 2);
    }

    @AfterEach
    void stop() {
        harness.close();
        pagerDuty.close();
    }

    private PagerDutyConfig config(String key) {
        return PagerDutyConfig.of(key, pagerDuty.url(), WEBHOOK_SECRET)
                .withRetries(
                        Duration.ofMillis(50),
                        Duration.ofMillis(500),
                        Duration.ofMinutes(5),
                        "pd-" + harness.topics.prefix());
    }

    private ReceiverSink start(PagerDutyConfig config, ReceiverProbe probe) {
        DeliverySettings settings = config.delivery("oncall");
        return harness.start(
                new PagerDutyDestination("oncall", config, Clock.systemUTC()),
                settings,
                ReceiverHarness.payments("slack", "pagerduty:oncall"),
                probe,
                Map.of());
    }

    private List<String> actions(String dedupKey) {
        return pagerDuty.events().stream()
                .filter(e -> e.dedupKey().equals(dedupKey))
                .map(LocalPagerDuty.Event::action)
                .toList();
    }

    @Test
    void shouldTriggerAcknowledgeAndResolveOnePagerDutyAlert() {
        start(config(KEY), ReceiverProbe.NONE);
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");

        for (Incident change : a) {
            harness.send(change);
            int expected = (int) change.version();
            Awaitility.await().atMost(WAIT).until(() -> actions("INC-A").size() == expected);
        }

        assertThat(actions("INC-A")).containsExactly("trigger", "acknowledge", "resolve");
        assertThat(pagerDuty.opened("INC-A")).isEqualTo(1);
        assertThat(pagerDuty.status("INC-A")).isEqualTo("resolved");
        assertThat(pagerDuty
                        .events()
                        .get(0)
                        .body()
                        .path("payload")
                        .path("severity")
                        .asText())
                .isEqualTo("critical");
        assertThat(pagerDuty.refusals()).isEmpty();
    }

    @Test
    void shouldNotRetryARefusedRoutingKeyButDeadLetterAndShowIt() {
        ReceiverSink sink = start(config("NOT-THE-KEY"), ReceiverProbe.NONE);

        harness.send(ReceiverHarness.lifecycle("INC-A").get(0));
        Awaitility.await().atMost(WAIT).until(() -> harness.deadLetters().size() == 1);

        DeadLetter why = ReceiverHarness.letter(harness.deadLetters().get(0));
        assertThat(why.stage()).isEqualTo("receiver:pagerduty:oncall");
        assertThat(why.errorClass()).isEqualTo("refused");
        assertThat(why.errorMessage())
                .contains("400")
                .contains("Invalid routing key")
                .doesNotContain("NOT-THE-KEY");
        assertThat(pagerDuty.refusals()).containsExactly("Invalid routing key");
        assertThat(sink.health().degraded()).isTrue();
        assertThat(sink.health().detail()).contains("refused 1");
    }

    @Test
    void shouldNotOpenASecondPagerDutyIncidentWhenKilledAfterItsAnswer() throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        ReceiverSink first = start(config(KEY), point -> {
            if (point == ReceiverProbe.Point.DELIVERED && killed.compareAndSet(false, true)) {
                throw new ReceiverProbe.Crash("killed after PagerDuty took the trigger");
            }
        });
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");
        harness.send(a.get(0));
        Awaitility.await().atMost(WAIT).until(killed::get);
        assertThat(first.awaitTermination(WAIT)).isTrue();

        start(config(KEY), ReceiverProbe.NONE);
        harness.send(a.get(1), a.get(2));
        Awaitility.await().atMost(WAIT).until(() -> "resolved".equals(pagerDuty.status("INC-A")));

        assertThat(pagerDuty.opened("INC-A")).isEqualTo(1);
        assertThat(actions("INC-A")).startsWith("trigger").endsWith("resolve");
    }

    @Test
    void shouldNotSendBackAnAcknowledgementThatCameFromPagerDuty() {
        start(config(KEY), ReceiverProbe.NONE);
        Incident open = Incidents.open("INC-A", "#pay");
        Incident acknowledgedInPagerDuty = open.toBuilder()
                .version(2)
                .state(IncidentState.ACKNOWLEDGED)
                .acknowledgedBy("pagerduty:Jane Doe")
                .build();
        Incident resolved = Incidents.next(acknowledgedInPagerDuty, IncidentState.RESOLVED);

        harness.send(open);
        Awaitility.await().atMost(WAIT).until(() -> actions("INC-A").size() == 1);
        harness.send(acknowledgedInPagerDuty, Incidents.open("INC-B", "#pay"));
        Awaitility.await().atMost(WAIT).until(() -> actions("INC-B").size() == 1);
        harness.send(resolved);
        Awaitility.await().atMost(WAIT).until(() -> actions("INC-A").size() == 2);

        assertThat(actions("INC-A")).containsExactly("trigger", "resolve");
    }

    @Test
    void shouldTurnSignedWebhooksIntoActionsAndRefuseForgedStaleAndReplayedOnes() throws Exception {
        Incident open = Incidents.open("INC-A", "#pay");
        harness.send(open);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        try (IncidentKeys keys = IncidentKeys.start(
                        harness.kafkaProps(), harness.topics.incidents().name());
                PagerDutyWebhooks webhooks = new PagerDutyWebhooks(
                        "oncall",
                        config(KEY),
                        keys::groupKey,
                        harness.kafkaProps(),
                        harness.topics,
                        harness.registry,
                        Clock.systemUTC())) {
            server.createContext(PagerDutyWebhooks.path("oncall"), webhooks);
            server.start();
            URI target =
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PagerDutyWebhooks.path("oncall"));
            Awaitility.await().atMost(WAIT).until(() -> keys.groupKey("INC-A").isPresent());
            Instant now = Instant.now();
            byte[] acknowledged =
                    LocalPagerDuty.webhookBody("01ACK", "incident.acknowledged", "INC-A", "Jane Doe", now);

            assertThat(pagerDuty.sendWebhook(target, WEBHOOK_SECRET, acknowledged))
                    .isEqualTo(202);
            assertThat(pagerDuty.sendWebhook(target, WEBHOOK_SECRET, acknowledged))
                    .isEqualTo(200);
            assertThat(pagerDuty.sendWebhook(
                            target,
                            "not-the-secret",
                            LocalPagerDuty.webhookBody("01FORGED", "incident.resolved", "INC-A", "Mallory", now)))
                    .isEqualTo(401);
            assertThat(pagerDuty.sendWebhook(
                            target,
                            WEBHOOK_SECRET,
                            LocalPagerDuty.webhookBody(
                                    "01OLD", "incident.resolved", "INC-A", "Jane Doe", now.minus(Duration.ofHours(1)))))
                    .isEqualTo(400);
            assertThat(pagerDuty.sendWebhook(
                            target, WEBHOOK_SECRET, "incident.resolved", "INC-UNKNOWN", "Jane Doe", now))
                    .isEqualTo(200);

            List<UserAction> actions = actionsOnTopic();
            assertThat(actions).hasSize(1);
            UserAction action = actions.get(0);
            assertThat(action.type()).isEqualTo(UserAction.ActionType.ACKNOWLEDGE);
            assertThat(action.groupKey()).isEqualTo(open.groupKey());
            assertThat(action.origin()).isEqualTo("pagerduty");
            assertThat(action.userId()).isEqualTo("pagerduty:Jane Doe");
            assertThat(harness.counter("alertbridge.receiver.webhooks", "outcome", "forged"))
                    .isEqualTo(1);
            assertThat(harness.counter("alertbridge.receiver.webhooks", "outcome", "stale"))
                    .isEqualTo(1);
            assertThat(harness.counter("alertbridge.receiver.webhooks", "outcome", "replayed"))
                    .isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    private List<UserAction> actionsOnTopic() {
        Map<String, Object> props = new HashMap<>(harness.kafkaProps());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<UserAction> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer
                    .partitionsFor(harness.topics.actions().name())
                    .stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(ACTIONS.deserialize(r.topic(), r.value())));
            }
        }
        return out;
    }
}
