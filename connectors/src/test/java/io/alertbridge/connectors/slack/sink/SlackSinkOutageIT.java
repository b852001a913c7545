package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ApiCall;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-minute Slack outage, with time compressed tenfold: the sink's backoff runs from 100 ms to 6 s instead of
 * the production 1 s to 60 s, and Slack answers 503 to everything for 12 s instead of 120 s — the same number of
 * retries at the same relative spacing, ten times faster.
 */
@ExtendWith(DevkitExtension.class)
class SlackSinkOutageIT {

    private static final int COMPRESSION = 10;
    private static final Duration OUTAGE = Duration.ofMinutes(2).dividedBy(COMPRESSION);

    private LocalSlackWorkspace slack;
    private SinkHarness harness;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        slack = LocalSlackWorkspace.start();
        harness = new SinkHarness(kafka, slack, 2);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        slack.close();
    }

    @Test
    void shouldPauseThroughAnOutageLoseNothingAndCatchUpInOrderCoalescingStaleUpdates() throws Exception {
        SlackSinkConfig config = harness.config().toBuilder()
                .initialBackoff(Duration.ofSeconds(1).dividedBy(COMPRESSION))
                .maxBackoff(Duration.ofSeconds(60).dividedBy(COMPRESSION))
                .build();
        SlackSink sink = harness.start(config);
        Incident a = Incidents.open("INC-OUTA", "#alerts");
        harness.send(Incidents.post(a), Incidents.reply(a, 1, "a: opened"));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        slack.failNext(Integer.MAX_VALUE, 503);
        Instant outageStarted = Instant.now();
        List<NotificationCommand> during = new ArrayList<>();
        Incident b = Incidents.open("INC-OUTB", "#payments-alerts");
        during.add(Incidents.post(b));
        Incident latest = a;
        for (int i = 0; i < 10; i++) {
            latest = Incidents.next(latest, i < 9 ? IncidentState.ACKNOWLEDGED : IncidentState.RESOLVED);
            during.add(Incidents.update(latest));
            during.add(Incidents.reply(a, i + 2, "a: change " + (i + 1)));
        }
        during.add(Incidents.reply(b, 1, "b: opened"));
        during.add(Incidents.update(Incidents.next(b, IncidentState.RESOLVED)));
        harness.send(during.toArray(NotificationCommand[]::new));

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> sink.health().state() == SinkHealth.State.SLACK_UNAVAILABLE);
        assertThat(sink.isReady()).isFalse();
        assertThat(harness.registry.get("alertbridge.slack.paused").gauge().value())
                .isEqualTo(1.0);
        Awaitility.await()
                .atMost(OUTAGE.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Duration.between(outageStarted, Instant.now()).compareTo(OUTAGE) >= 0);
        assertThat(harness.allCommitted()).isFalse();
        assertThat(SinkHarness.version(
                        harness.incidentMessages("#alerts", "INC-OUTA").get(0)))
                .isEqualTo(1);
        slack.resetFaults();

        harness.awaitAllCommitted(Duration.ofSeconds(60));

        SlackMessage messageA = single("#alerts", "INC-OUTA");
        assertThat(SinkHarness.version(messageA)).isEqualTo(11);
        assertThat(SinkHarness.colour(messageA)).isEqualTo("#2EB67D");
        List<String> expectedA = new ArrayList<>(List.of("a: opened"));
        for (int i = 1; i <= 10; i++) {
            expectedA.add("a: change " + i);
        }
        assertThat(harness.replies(messageA)).extracting(SlackMessage::text).containsExactlyElementsOf(expectedA);
        SlackMessage messageB = single("#payments-alerts", "INC-OUTB");
        assertThat(SinkHarness.colour(messageB)).isEqualTo("#2EB67D");
        assertThat(harness.replies(messageB)).extracting(SlackMessage::text).containsExactly("b: opened");

        List<ApiCall> failed =
                slack.calls().stream().filter(c -> c.httpStatus() == 503).toList();
        assertThat(failed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(harness.counter("alertbridge.slack.retries", "error", "http_503"))
                .isEqualTo(failed.size());
        long updatesOfA = slack.calls("chat.update").stream()
                .filter(ApiCall::ok)
                .filter(c -> c.param("ts").equals(messageA.ts()))
                .count();
        assertThat(updatesOfA).as("stale updates coalesced").isLessThan(10);
        assertThat(harness.counter("alertbridge.slack.commands", "outcome", "coalesced"))
                .isPositive();
        assertThat(harness.deadLetters()).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(sink::isReady);
        assertThat(harness.registry.get("alertbridge.slack.paused").gauge().value())
                .isZero();
    }

    private SlackMessage single(String channel, String incidentId) {
        List<SlackMessage> messages = harness.incidentMessages(channel, incidentId);
        assertThat(messages).as(incidentId).hasSize(1);
        return messages.get(0);
    }
}
