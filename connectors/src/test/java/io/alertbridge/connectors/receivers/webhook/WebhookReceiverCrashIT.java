package io.alertbridge.connectors.receivers.webhook;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverHarness;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver.Delivery;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook receiver killed (as {@code kill -9} would: nothing flushed, nothing committed) at every probe point of
 * two incidents' lifecycles in turn, then a new instance of the same group taking over: every change reaches the
 * destination, in order, and the only repeat is the change whose answer came just before the kill — carrying the
 * same {@code Idempotency-Key}, so the destination keeps it once. Killed after the commit, nothing is repeated.
 * (The Slack sink's {@code SlackSinkCrashIT}, at a smaller scale.)
 */
@ExtendWith(DevkitExtension.class)
class WebhookReceiverCrashIT {

    private static final String SECRET = "whsec_crash";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldRepeatAtMostTheChangeInFlightWithItsIdempotencyKeyWhenKilled(EmbeddedKafka kafka) throws Exception {
        // A clean run passes 2 points per delivered change (6 changes, 12 points): killed after the first answer,
        // in the middle and at the last one; after the first and the last commit.
        for (int killAt : new int[] {1, 5, 11}) {
            run(kafka, killAt, ReceiverProbe.Point.DELIVERED);
        }
        for (int killAt : new int[] {2, 12}) {
            run(kafka, killAt, ReceiverProbe.Point.COMMITTED);
        }
    }

    private void run(EmbeddedKafka kafka, int killAt, ReceiverProbe.Point expectedPoint) throws Exception {
        try (LocalWebhookReceiver hooks = LocalWebhookReceiver.start(SECRET);
                ReceiverHarness harness = new ReceiverHarness(kafka, 2)) {
            WebhookConfig config = WebhookConfig.of(hooks.url("tickets"), SECRET)
                    .withRetries(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMinutes(5));
            String group = "crash-" + harness.topics.prefix();
            DeliverySettings settings = new DeliverySettings(
                    group, config.timeout(), config.initialBackoff(), config.maxBackoff(), config.giveUpAfter());
            AtomicInteger passed = new AtomicInteger();
            AtomicBoolean dead = new AtomicBoolean();
            ReceiverProbe probe = point -> {
                if (passed.incrementAndGet() == killAt) {
                    assertThat(point).isEqualTo(expectedPoint);
                    dead.set(true);
                    throw new ReceiverProbe.Crash("killed at point " + killAt + " (" + point + ")");
                }
            };
            ReceiverSink first = harness.start(
                    new WebhookDestination("tickets", config, Clock.systemUTC()),
                    settings,
                    ReceiverHarness.payments("webhook:tickets"),
                    probe,
                    Map.of());
            List<Incident> a = ReceiverHarness.lifecycle("INC-A");
            List<Incident> b = ReceiverHarness.lifecycle("INC-B");
            int step = 0;
            for (; step < 3 && !dead.get(); step++) {
                harness.send(a.get(step), b.get(step));
                Awaitility.await().atMost(WAIT).until(() -> dead.get() || harness.allCommitted(group));
            }
            assertThat(dead).as("killed at point %d", killAt).isTrue();
            assertThat(first.awaitTermination(WAIT)).isTrue();
            harness.start(
                    new WebhookDestination("tickets", config, Clock.systemUTC()),
                    settings,
                    ReceiverHarness.payments("webhook:tickets"));
            for (; step < 3; step++) {
                harness.send(a.get(step), b.get(step));
            }
            Awaitility.await().atMost(WAIT).until(() -> harness.allCommitted(group));

            String why = "killed at point " + killAt + " (" + expectedPoint + ")";
            List<Delivery> repeats =
                    hooks.deliveries().stream().filter(Delivery::repeat).toList();
            if (expectedPoint == ReceiverProbe.Point.COMMITTED) {
                assertThat(repeats).as(why).isEmpty();
            } else {
                assertThat(repeats).as(why).hasSizeLessThanOrEqualTo(1);
            }
            for (String id : List.of("INC-A", "INC-B")) {
                List<Long> firsts = hooks.deliveries().stream()
                        .filter(d -> d.incidentId().equals(id) && !d.repeat())
                        .map(Delivery::version)
                        .toList();
                assertThat(firsts).as(why).isSorted().doesNotHaveDuplicates().endsWith(3L);
            }
            assertThat(harness.deadLetters()).as(why).isEmpty();
        }
    }
}
