package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.EmbeddedKafkaCluster;
import io.alertbridge.testkit.chaos.AlarmStorm;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.IncidentAudit;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out and fail-over of the processor on a three-broker cluster: two {@code alertbridge process} instances
 * (child JVMs, each with its own state directory) share the partitions; one is killed with SIGKILL while a storm of
 * alarm transitions arrives through SQS, the bridge and (after the processors) the Slack sink, each a child JVM too.
 * Its tasks move to the survivor; no incident is lost (each alarm's incident is on the incidents topic in its final
 * state) and none is posted twice (one Slack message each, in its final state).
 *
 * <p>Measured and logged: the fail-over time, from the kill until the survivor has committed progress on every
 * partition of the processor's inputs (the raw topic and its repartition topics), with and without a standby replica.
 * The storm's first ALARM of every alarm is processed before the kill; see {@code KillSoakIT} for what happens when
 * it is not.
 *
 * <p>Two test classes run it, {@code ProcessorFailoverIT} with a standby replica and
 * {@code ProcessorFailoverWithoutStandbyIT} without (the survivor restores the tasks from their changelogs), so that
 * the build's two test forks can take one each.
 */
@ExtendWith(DevkitExtension.class)
abstract class ProcessorFailover {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorFailover.class);
    private static final int ALARMS = 60;

    private final int standbys;

    ProcessorFailover(int standbys) {
        this.standbys = standbys;
    }

    @Test
    void shouldMoveTasksToTheSurvivorLosingAndDuplicatingNothing(EmbeddedKafkaCluster cluster, EmbeddedSqs sqs)
            throws Exception {
        try (Deployment deployment = new Deployment("failover", cluster, sqs, standbys, ALARMS)) {
            ChildJvm first = deployment.start("process-1", "process");
            ChildJvm second = deployment.start("process-2", "process");
            ChildJvm bridge = deployment.start("bridge", "bridge");
            ChildJvm sink = deployment.start("sink", "sink");
            Deployment.awaitHealthy(first, second, bridge, sink);
            AlarmStorm storm = deployment.storm;

            AlarmStorm.send(sqs.client(), deployment.env.queueUrl(), storm.openings(), Duration.ZERO);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> deployment.audit().posted() == ALARMS);
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> send(deployment, storm.rest()));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> committedInputs(deployment).size() > 0);
            Map<TopicPartition, Long> atKill = committedInputs(deployment);

            long killedAt = System.nanoTime();
            first.kill();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> allAdvanced(atKill, committedInputs(deployment)));
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
            LOG.info(
                    "FAIL-OVER with {} standby replica(s): survivor committed progress on all {} input partitions "
                            + "{} ms after the SIGKILL",
                    standbys,
                    atKill.size(),
                    failover.toMillis());

            rest.get();
            IncidentAudit.Result audit = deployment.awaitConverged(Duration.ofMinutes(3));
            Map<String, String> expected = storm.expected().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().name()));
            assertThat(audit.clean()).as(audit.toString()).isTrue();
            assertThat(deployment.incidentStates()).as("incidents topic").isEqualTo(expected);
            assertThat(second.isAlive()).isTrue();
        }
    }

    private static void send(Deployment deployment, List<String> bodies) {
        try {
            // Spread over longer than a fail-over takes (~8 s), so that some of it arrives while the tasks move.
            AlarmStorm.send(deployment.sqs.client(), deployment.env.queueUrl(), bodies, Duration.ofSeconds(12));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The group's committed offsets on the partitions that carry traffic: the raw topic and the repartitions. */
    private static Map<TopicPartition, Long> committedInputs(Deployment deployment) throws Exception {
        try (Admin admin = deployment.kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(deployment.applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, Long> inputs = new HashMap<>();
            committed.forEach((partition, offset) -> {
                String topic = partition.topic();
                if (offset != null
                        && (topic.equals(deployment.topics.awsRaw().name()) || topic.endsWith("-repartition"))) {
                    inputs.put(partition, offset.offset());
                }
            });
            return inputs;
        }
    }

    private static boolean allAdvanced(Map<TopicPartition, Long> before, Map<TopicPartition, Long> now) {
        return before.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) > e.getValue());
    }
}
