package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Partitions move between instances (one joins, one leaves) in the middle of incidents: refs move with them. */
@ExtendWith(DevkitExtension.class)
class SlackSinkScaleOutIT {

    @Test
    void shouldKeepEditingTheSameMessagesWhilePartitionsMoveBetweenInstances(EmbeddedKafka kafka) throws Exception {
        try (LocalSlackWorkspace slack = LocalSlackWorkspace.start();
                SinkHarness harness = new SinkHarness(kafka, slack, 4)) {
            List<List<NotificationCommand>> scripts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                scripts.add(SlackSinkLifecycleIT.lifecycle(
                        Incidents.open("INC-SC" + i, i % 2 == 0 ? "#alerts" : "#payments-alerts")));
            }
            SlackSink first = harness.start(harness.config());
            sendStep(harness, scripts, 0);
            sendStep(harness, scripts, 1);

            SlackSink second = harness.start(harness.config());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            !partitions(first).isEmpty() && !partitions(second).isEmpty());
            assertThat(partitions(first) + "," + partitions(second))
                    .as("the partitions, split")
                    .matches("[0-3](,[0-3])*,[0-3](,[0-3])*")
                    .hasSize(7);
            sendStep(harness, scripts, 2);
            sendStep(harness, scripts, 3);

            first.close();
            sendStep(harness, scripts, 4);
            sendStep(harness, scripts, 5);

            for (int i = 0; i < 6; i++) {
                List<SlackMessage> messages =
                        harness.incidentMessages(i % 2 == 0 ? "#alerts" : "#payments-alerts", "INC-SC" + i);
                assertThat(messages).as("INC-SC" + i).hasSize(1);
                assertThat(SinkHarness.version(messages.get(0))).isEqualTo(3);
                assertThat(SinkHarness.colour(messages.get(0))).isEqualTo("#2EB67D");
                assertThat(harness.replies(messages.get(0)))
                        .extracting(SlackMessage::text)
                        .containsExactly("opened INC-SC" + i, "acknowledged by alice", "resolved");
            }
            assertThat(harness.counter("alertbridge.slack.messages.posted")).isEqualTo(6);
            assertThat(harness.deadLetters()).isEmpty();
        }
    }

    private static String partitions(SlackSink sink) {
        return sink.health().detail().getOrDefault("partitions", "");
    }

    private static void sendStep(SinkHarness harness, List<List<NotificationCommand>> scripts, int step) {
        for (List<NotificationCommand> script : scripts) {
            harness.send(script.get(step));
        }
        harness.awaitAllCommitted(Duration.ofSeconds(60));
    }
}
