package io.alertbridge.connectors.receivers.webhook;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverHarness;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.receivers.Faults;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver.Delivery;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook receiver against the local webhook stand-in (which verifies every signature on its own) with the
 * in-process broker: order and routing, an outage caught up with the latest state, a refusal that is not retried,
 * a give-up into the dead-letter topic, {@code Retry-After}, and a destination slower than the poll interval.
 */
@ExtendWith(DevkitExtension.class)
class WebhookReceiverIT {

    private static final String SECRET = "whsec_local_test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LocalWebhookReceiver hooks;
    private ReceiverHarness harness;

    @BeforeEach
    void start(EmbeddedKafka kafka) throws Exception {
        hooks = LocalWebhookReceiver.start(SECRET);
        harness = new ReceiverHarness(kafka, 2);
    }

    @AfterEach
    void stop() {
        harness.close();
        hooks.close();
    }

    private WebhookConfig config() {
        return WebhookConfig.of(hooks.url("tickets"), SECRET)
                .withRetries(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    private ReceiverSink start(WebhookConfig config, Map<String, Object> consumer) {
        DeliverySettings settings = config.delivery("tickets");
        return harness.start(
                new WebhookDestination("tickets", config, Clock.systemUTC()),
                new DeliverySettings(
                        settings.groupId() + "-" + harness.topics.prefix(),
                        settings.timeout(),
                        settings.initialBackoff(),
                        settings.maxBackoff(),
                        settings.giveUpAfter()),
                ReceiverHarness.payments("slack", "webhook:tickets"),
                ReceiverProbe.NONE,
                consumer);
    }

    private List<Delivery> of(String incidentId) {
        return hooks.deliveries().stream()
                .filter(d -> d.incidentId().equals(incidentId))
                .toList();
    }

    @Test
    void shouldDeliverEveryChangeInOrderSignedAndOnlyForRoutesThatListTheReceiver() {
        start(config(), Map.of());
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");
        List<Incident> b = ReceiverHarness.lifecycle("INC-B");
        Incident elsewhere = a.get(0).toBuilder()
                .incidentId("INC-ELSEWHERE")
                .groupKey("other|INC-ELSEWHERE")
                .routeId("other")
                .build();
        for (int step = 0; step < 3; step++) {
            harness.send(
                    a.get(step),
                    b.get(step),
                    elsewhere.toBuilder().version(step + 1).build());
            int expected = step + 1;
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> of("INC-A").size() == expected && of("INC-B").size() == expected);
        }

        assertThat(of("INC-A")).extracting(Delivery::version).containsExactly(1L, 2L, 3L);
        assertThat(of("INC-B")).extracting(Delivery::version).containsExactly(1L, 2L, 3L);
        assertThat(of("INC-A"))
                .extracting(d -> d.body().path("change").path("state").asText())
                .containsExactly("OPEN", "ACKNOWLEDGED", "RESOLVED");
        assertThat(of("INC-A"))
                .extracting(Delivery::idempotencyKey)
                .containsExactly("webhook:tickets:INC-A:1", "webhook:tickets:INC-A:2", "webhook:tickets:INC-A:3");
        assertThat(of("INC-ELSEWHERE")).isEmpty();
        assertThat(hooks.rejected()).isEmpty();
        assertThat(hooks.deliveries()).noneMatch(Delivery::repeat);
        assertThat(harness.counter(
                        "alertbridge.receiver.deliveries", "receiver", "webhook:tickets", "outcome", "delivered"))
                .isEqualTo(6);
    }

    @Test
    void shouldCatchUpAfterAnOutageWithTheLatestStateAndNothingLost() {
        ReceiverSink sink = start(config(), Map.of());
        harness.send(ReceiverHarness.lifecycle("INC-WARM").get(0));
        Awaitility.await().atMost(WAIT).until(() -> of("INC-WARM").size() == 1);

        hooks.faults().down(true);
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");
        List<Incident> b = ReceiverHarness.lifecycle("INC-B");
        harness.send(a.get(0), b.get(0));
        Awaitility.await().atMost(WAIT).until(() -> sink.health().degraded());
        assertThat(sink.health().ready()).isTrue();
        assertThat(sink.health().detail()).contains("RETRYING").contains("503");
        // The outage lasts long enough for many retries with backoff, changes arriving meanwhile; the 2-minute
        // version is the soak (-Dalertbridge.outage.seconds=120, README).
        Duration outage = Duration.ofSeconds(Long.getLong("alertbridge.outage.seconds", 8));
        Awaitility.await()
                .pollDelay(outage.dividedBy(2))
                .atMost(outage.plus(WAIT))
                .until(() -> sink.health().degraded());
        harness.send(a.get(1), b.get(1));
        Awaitility.await()
                .pollDelay(outage.dividedBy(2))
                .atMost(outage.plus(WAIT))
                .until(() -> sink.health().degraded());
        harness.send(a.get(2), b.get(2));
        hooks.faults().down(false);

        Awaitility.await().atMost(WAIT).until(() -> latest("INC-A") == 3 && latest("INC-B") == 3);
        Awaitility.await().atMost(WAIT).until(() -> !sink.health().degraded());
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(hooks.deliveries()).noneMatch(Delivery::repeat);
        assertThat(harness.counter("alertbridge.receiver.retries", "receiver", "webhook:tickets"))
                .isPositive();
        for (String id : List.of("INC-A", "INC-B")) {
            assertThat(of(id)).extracting(Delivery::version).isSorted().doesNotHaveDuplicates();
        }
    }

    private long latest(String incidentId) {
        List<Delivery> deliveries = of(incidentId);
        return deliveries.isEmpty() ? 0 : deliveries.get(deliveries.size() - 1).version();
    }

    @Test
    void shouldNotRetryARefusalButRecordCountAndShowIt() {
        ReceiverSink sink = start(config(), Map.of());
        hooks.faults().queue(new Faults.Fault(400, null, "{\"error\":\"unknown project\"}"), 1);
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");

        harness.send(a.get(0));
        Awaitility.await().atMost(WAIT).until(() -> harness.deadLetters().size() == 1);
        harness.send(a.get(1));
        Awaitility.await().atMost(WAIT).until(() -> of("INC-A").size() == 1);

        ConsumerRecord<byte[], byte[]> letter = harness.deadLetters().get(0);
        DeadLetter why = ReceiverHarness.letter(letter);
        assertThat(why.stage()).isEqualTo("receiver:webhook:tickets");
        assertThat(why.errorClass()).isEqualTo("refused");
        assertThat(why.errorMessage()).contains("400").contains("unknown project");
        assertThat(ReceiverHarness.header(letter, "alertbridge.receiver.message"))
                .isEqualTo("change INC-A v1");
        assertThat(of("INC-A")).extracting(Delivery::version).containsExactly(2L);
        assertThat(harness.counter("alertbridge.receiver.retries", "receiver", "webhook:tickets"))
                .isZero();
        assertThat(harness.counter(
                        "alertbridge.receiver.deliveries", "receiver", "webhook:tickets", "outcome", "refused"))
                .isEqualTo(1);
        assertThat(sink.health().ready()).isTrue();
        assertThat(sink.health().degraded()).isTrue();
        assertThat(sink.health().detail()).contains("refused 1").contains("400");
    }

    @Test
    void shouldGiveUpAfterTheGiveUpTimeIntoTheDeadLetterTopicAndGoOn() {
        start(config().withRetries(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(2)), Map.of());
        hooks.faults().down(true);
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");
        List<Incident> b = ReceiverHarness.lifecycle("INC-B");

        harness.send(a.get(0));
        Awaitility.await().atMost(WAIT).until(() -> harness.deadLetters().size() == 1);
        hooks.faults().down(false);
        harness.send(b.get(0));
        Awaitility.await().atMost(WAIT).until(() -> of("INC-B").size() == 1);

        DeadLetter why = ReceiverHarness.letter(harness.deadLetters().get(0));
        assertThat(why.errorClass()).isEqualTo("gave_up");
        assertThat(why.errorMessage()).contains("gave up after").contains("503");
        assertThat(of("INC-A")).isEmpty();
    }

    @Test
    void shouldWaitWhatRetryAfterAsks() {
        start(config(), Map.of());
        hooks.faults().queue(new Faults.Fault(429, 2, null), 1);

        Instant sent = Instant.now();
        harness.send(ReceiverHarness.lifecycle("INC-A").get(0));
        Awaitility.await().atMost(WAIT).until(() -> of("INC-A").size() == 1);

        assertThat(Duration.between(sent, of("INC-A").get(0).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(harness.counter("alertbridge.receiver.retries", "receiver", "webhook:tickets", "reason", "429"))
                .isEqualTo(1);
    }

    @Test
    void shouldNotLoseItsPartitionsWhenAnswersAreSlowerThanThePollInterval() {
        // Answers take 2.5 s; the consumer must poll every 1.5 s or leave its group (and redeliver what it had).
        hooks.faults().delay(Duration.ofMillis(2500));
        ReceiverSink sink = start(config(), Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1500));
        List<Incident> a = ReceiverHarness.lifecycle("INC-A");

        for (Incident change : a) {
            harness.send(change);
            long version = change.version();
            Awaitility.await().atMost(WAIT).until(() -> latest("INC-A") == version);
        }

        assertThat(of("INC-A")).extracting(Delivery::version).containsExactly(1L, 2L, 3L);
        assertThat(hooks.deliveries()).noneMatch(Delivery::repeat);
        assertThat(sink.health().ready()).isTrue();
    }

    @Test
    void shouldRefuseNothingSignedWithTheRightSecretAndBeRefusedWithAWrongOne() {
        WebhookConfig wrong = WebhookConfig.of(hooks.url("tickets"), "whsec_wrong")
                .withRetries(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1));
        ReceiverSink sink = start(wrong, Map.of());

        harness.send(ReceiverHarness.lifecycle("INC-A").get(0));
        Awaitility.await().atMost(WAIT).until(() -> harness.deadLetters().size() == 1);

        assertThat(hooks.rejected()).containsExactly("signature mismatch");
        assertThat(hooks.deliveries()).isEmpty();
        assertThat(ReceiverHarness.letter(harness.deadLetters().get(0)).errorMessage())
                .contains("401");
        assertThat(sink.health().detail()).contains("refused 1");
    }
}
