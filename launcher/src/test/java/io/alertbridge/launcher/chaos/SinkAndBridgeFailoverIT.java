package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.chaos.AlarmStorm;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.IncidentAudit;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Slack sinks and two SQS bridges share the work (child JVMs, one processor); mid-storm one of each is killed
 * with SIGKILL. The bridge's unacknowledged SQS messages come back after their visibility timeout and are
 * deduplicated; the sink's partitions move to the other sink, which settles the dead one's posts in flight from
 * their recorded intents. Slack shows every incident exactly once, in its final state.
 */
@ExtendWith(DevkitExtension.class)
class SinkAndBridgeFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(SinkAndBridgeFailoverIT.class);
    private static final int ALARMS = 50;

    @Test
    void shouldPostEveryIncidentOnceWhenASinkAndABridgeAreKilled(EmbeddedKafka kafka, EmbeddedSqs sqs)
            throws Exception {
        try (Deployment deployment = new Deployment("sink-bridge", kafka, sqs, 0, ALARMS)) {
            ChildJvm processor = deployment.start("process", "process");
            ChildJvm bridge1 = deployment.start("bridge-1", "bridge");
            ChildJvm bridge2 = deployment.start("bridge-2", "bridge");
            ChildJvm sink1 = deployment.start("sink-1", "sink");
            ChildJvm sink2 = deployment.start("sink-2", "sink");
            Deployment.awaitHealthy(processor, bridge1, bridge2, sink1, sink2);
            AlarmStorm storm = deployment.storm;
            AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.openings(), Duration.ZERO);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deployment.audit().posted() == ALARMS);
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                try {
                    AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.rest(), Duration.ofSeconds(12));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int callsBefore = deployment.slack.calls("chat.update").size();
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> deployment.slack.calls("chat.update").size() > callsBefore);
            bridge1.kill();
            sink1.kill();

            rest.get();
            IncidentAudit.Result audit = deployment.awaitConverged(Duration.ofMinutes(3));
            LOG.info("Sink and bridge killed: {}", audit);
            assertThat(audit.clean()).as(audit.toString()).isTrue();
            assertThat(bridge2.isAlive() && sink2.isAlive()).isTrue();
        }
    }
}
