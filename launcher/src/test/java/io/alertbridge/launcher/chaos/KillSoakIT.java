package io.alertbridge.launcher.chaos;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.chaos.KillSoak;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The random-kill soak, short: {@code alertbridge run} as a child JVM, killed with SIGKILL three times while a storm
 * of alarm transitions arrives through SQS, with a Slack outage (503s) from the second kill on. In the end every
 * incident has exactly one Slack message, showing its final state. The long version is {@code bench/run KillSoak}.
 * The children's logs stay under {@code target/kill-soak-it}.
 *
 * <p>Here the topics have one partition and the processor's stages hand records on in its one task
 * ({@code streams.hops: in_task}, what {@code alertbridge dev} runs): a kill then lands between a record's stages
 * within one transaction, where through repartition topics it lands between transactions. The other crash tests
 * ({@code ProcessorFailoverIT}, {@code SinkAndBridgeFailoverIT}, {@code BrokerRestartIT}) run through repartition
 * topics; {@code bench/run KillSoak 20 300 1 1 topics} is the long soak that way.
 */
@ExtendWith(DevkitExtension.class)
class KillSoakIT {

    private static final Logger LOG = LoggerFactory.getLogger(KillSoakIT.class);

    @Test
    void shouldPostEveryIncidentExactlyOnceInItsFinalStateAcrossKillsAndASlackOutage(
            EmbeddedKafka kafka, EmbeddedSqs sqs) throws Exception {
        KillSoak.Settings settings = new KillSoak.Settings(
                3,
                40,
                4,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofMinutes(3),
                42L,
                1,
                "in_task",
                System.getProperty("java.class.path"),
                Path.of("target", "kill-soak-it").toAbsolutePath());

        KillSoak.Report report = KillSoak.run(settings, kafka, sqs);
        LOG.info("Kill soak: {}", report);

        assertThat(report.kills()).isEqualTo(3);
        assertThat(report.converged()).as(report.audit().toString()).isTrue();
        assertThat(report.audit().clean()).as(report.audit().toString()).isTrue();
        assertThat(report.audit().posted()).isEqualTo(40);
    }
}
