package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.EmbeddedKafkaCluster;
import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.testkit.chaos.IncidentAudit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The random-kill soak ({@link io.alertbridge.testkit.chaos.KillSoak}): {@code alertbridge run} as a child JVM, fed
 * a storm of CloudWatch alarm transitions through SQS (ElasticMQ) and killed with SIGKILL at random moments, started
 * again each time; Slack (the local workspace) answers 503 for a while from the middle kill on. At the end the
 * workspace must show every incident exactly once, in its final state.
 *
 * <p>Run: {@code bench/run KillSoak [kills=20] [alarms=300] [brokers=1|3] [seed=1] [hops=topics|in_task]}: topics
 * of three partitions through repartition topics, or of one partition with the stages in one task (as
 * {@code alertbridge dev} runs). The storm is sent over 60 % of
 * the kill window; kills come every 12 s on average; the outage lasts 30 s. Children's logs go to
 * {@code bench/target/kill-soak}.
 */
public final class KillSoak {

    private KillSoak() {}

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int alarms = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int brokers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
        String hops = args.length > 4 ? args[4] : "topics";
        if (!hops.equals("topics") && !hops.equals("in_task")) {
            throw new IllegalArgumentException("hops is topics or in_task, not " + hops);
        }
        int partitions = "in_task".equals(hops) ? 1 : 3;
        Duration killWindow = Duration.ofSeconds(12L * kills);
        io.alertbridge.testkit.chaos.KillSoak.Settings settings = new io.alertbridge.testkit.chaos.KillSoak.Settings(
                kills,
                alarms,
                6,
                killWindow.multipliedBy(6).dividedBy(10),
                killWindow,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                seed,
                partitions,
                hops,
                System.getProperty("java.class.path"),
                Path.of("bench", "target", "kill-soak").toAbsolutePath());
        System.out.printf(
                "kill soak: %d kills over %ds, %d alarms, %d broker(s), seed %d, %d partition(s), hops %s%n",
                kills, killWindow.toSeconds(), alarms, brokers, seed, partitions, hops);
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = brokers >= 3 ? EmbeddedKafkaCluster.threeBrokers() : TestKitKafka.start();
                EmbeddedSqs sqs = EmbeddedSqs.start(0)) {
            io.alertbridge.testkit.chaos.KillSoak.Report report =
                    io.alertbridge.testkit.chaos.KillSoak.run(settings, kafka, sqs);
            IncidentAudit.Result audit = report.audit();
            System.out.printf("%-28s %d%n", "kills", report.kills());
            System.out.printf("%-28s %d%n", "SQS messages sent", report.messagesSent());
            System.out.printf("%-28s %d%n", "incidents expected", audit.incidents());
            System.out.printf("%-28s %d%n", "incidents posted", audit.posted());
            System.out.printf("%-28s %d%n", "duplicates", audit.duplicates());
            System.out.printf("%-28s %d%n", "lost", audit.lost());
            System.out.printf("%-28s %d%n", "final-state mismatches", audit.mismatches());
            System.out.printf("%-28s %d%n", "Slack calls", report.slackCalls());
            System.out.printf(
                    "%-28s %s (%ds after the last restart)%n",
                    "converged", report.converged(), report.convergedAfter().toSeconds());
            System.out.printf(
                    "%-28s %ds (soak), %ds (with servers)%n",
                    "total time",
                    report.total().toSeconds(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            if (!audit.problems().isEmpty()) {
                System.out.println("problems, e.g.: " + audit.problems());
            }
            System.out.println(audit.clean() && report.converged() ? "RESULT: clean" : "RESULT: NOT clean");
        }
    }
}
