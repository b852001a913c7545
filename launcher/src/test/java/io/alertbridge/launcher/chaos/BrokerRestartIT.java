package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.EmbeddedKafkaCluster;
import io.alertbridge.testkit.chaos.AlarmStorm;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.IncidentAudit;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One of three brokers stopped and started again under load: {@code alertbridge run} (bridge from ElasticMQ,
 * processor, Slack sink) as a child JVM on the three-broker cluster while alarm transitions arrive; a broker goes
 * down mid-storm and comes back. Nothing is lost, nothing is posted twice, and nobody had to help.
 */
@ExtendWith(DevkitExtension.class)
class BrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final int ALARMS = 50;

    @Test
    void shouldRecoverUnattendedFromABrokerRestartLosingAndDuplicatingNothing(
            EmbeddedKafkaCluster cluster, EmbeddedSqs sqs) throws Exception {
        int victim = cluster.brokerIds().get(1);
        try (Deployment deployment = new Deployment("broker-restart", cluster, sqs, 0, ALARMS)) {
            ChildJvm run = deployment.start("run", "run");
            Deployment.awaitHealthy(run);
            AlarmStorm storm = deployment.storm;
            AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.openings(), Duration.ZERO);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deployment.audit().posted() >= ALARMS / 3);
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                try {
                    AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.rest(), Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            long stopped = System.nanoTime();
            cluster.stopBroker(victim);
            try {
                int postedBefore = deployment.audit().posted();
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.audit().posted() > postedBefore
                                || deployment.audit().converged());
                LOG.info(
                        "Broker {} down: Slack kept receiving incidents ({} s after the stop)",
                        victim,
                        Duration.ofNanos(System.nanoTime() - stopped).toSeconds());
            } finally {
                cluster.startBroker(victim);
            }
            rest.get();

            IncidentAudit.Result audit = deployment.awaitConverged(Duration.ofMinutes(3));
            LOG.info("Broker restart: {}", audit);
            Map<String, String> expected = storm.expected().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().name()));
            assertThat(audit.clean()).as(audit.toString()).isTrue();
            assertThat(deployment.incidentStates()).as("incidents topic").isEqualTo(expected);
            assertThat(run.isAlive())
                    .as("recovered by itself; see " + run.log())
                    .isTrue();
        } finally {
            cluster.startBroker(victim);
        }
    }
}
