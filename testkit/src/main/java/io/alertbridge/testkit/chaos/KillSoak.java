package io.alertbridge.testkit.chaos;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The random-kill soak: {@code alertbridge run} as a child JVM against the devkit's Kafka, SQS and a local Slack
 * workspace of its own, fed a storm of alarm transitions through SQS, killed with {@code SIGKILL} at random
 * wall-clock moments and started again each time on the same state directory, with a Slack outage (every call
 * answered 503) from the middle kill on; then, once the workspace shows every incident in its final state, the
 * audit: every incident posted exactly once and in its final state.
 *
 * <p>Kills are spread over the kill window at random gaps (uniform between half and one and a half times the mean
 * gap), so some land during the child's start-up, some mid-batch, some during the outage.
 *
 * <p>Not thread-safe: one {@link #run} at a time. Uses wall-clock waits on purpose: the kill moments are the test.
 */
public final class KillSoak {

    private static final Logger LOG = LoggerFactory.getLogger(KillSoak.class);

    private KillSoak() {}

    /**
     * How the soak runs.
     *
     * @param kills how many times the child is killed (and started again)
     * @param alarms how many alarms (incidents) the storm has
     * @param maxTransitions the most state changes of one alarm
     * @param feedOver how long sending the storm takes
     * @param killWindow over how long the kills are spread (from the child's first start)
     * @param outage how long Slack answers 503 from the middle kill on
     * @param converge how long the last child may take to bring Slack to the final states
     * @param seed random seed of the storm and of the kill moments
     * @param partitions partitions of every topic
     * @param hops the processor's {@code streams.hops} ({@code in_task} needs one partition)
     * @param classPath a class path holding the launcher
     * @param workDir configuration, state and logs of the children
     */
    public record Settings(
            int kills,
            int alarms,
            int maxTransitions,
            Duration feedOver,
            Duration killWindow,
            Duration outage,
            Duration converge,
            long seed,
            int partitions,
            String hops,
            String classPath,
            Path workDir) {}

    /**
     * What happened.
     *
     * @param kills kills done
     * @param messagesSent SQS messages sent (redeliveries included)
     * @param audit the final audit of the workspace
     * @param converged whether the workspace reached every final state within {@link Settings#converge()}
     * @param convergedAfter time from the last restart until it did (or until giving up)
     * @param total the whole run, servers excluded
     * @param slackCalls Web API calls the workspace answered, faults included
     */
    public record Report(
            int kills,
            int messagesSent,
            IncidentAudit.Result audit,
            boolean converged,
            Duration convergedAfter,
            Duration total,
            int slackCalls) {}

    /**
     * Runs the soak against the given Kafka and SQS servers (which it leaves running); topics and queue are its
     * own.
     */
    public static Report run(Settings settings, EmbeddedKafka kafka, EmbeddedSqs sqs) throws Exception {
        long started = System.nanoTime();
        String runId = Long.toString(System.nanoTime(), 36);
        Random random = new Random(settings.seed());
        AlarmStorm storm = AlarmStorm.of(runId, settings.alarms(), settings.maxTransitions(), settings.seed());
        String queueUrl = sqs.createQueue("soak-" + runId);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (LocalSlackWorkspace slack =
                LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withRateLimits(false))) {
            LauncherEnvironment env = new LauncherEnvironment(
                    kafka.bootstrapServers(),
                    "soak-" + runId + ".",
                    sqs.endpoint().toString(),
                    queueUrl,
                    slack.apiUrl(),
                    slack.botToken(),
                    slack.signingSecret(),
                    settings.workDir().resolve(runId));
            Path config = env.writeConfig(0, "soak-" + runId + "-processor", settings.hops());
            env.createTopics(config, settings.classPath(), LauncherEnvironment.MAIN_CLASS, settings.partitions());

            ChildJvm.Spec spec = env.launcher("run", "run", config, settings.classPath());
            ChildJvm child = ChildJvm.start(spec);
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> feed(storm, sqs, queueUrl, settings));
            try {
                long meanGapMillis = settings.killWindow().toMillis() / Math.max(1, settings.kills());
                for (int kill = 1; kill <= settings.kills(); kill++) {
                    long gap = meanGapMillis / 2 + (long) (random.nextDouble() * meanGapMillis);
                    TimeUnit.MILLISECONDS.sleep(gap);
                    child.kill();
                    LOG.info("Kill {}/{} after {} ms", kill, settings.kills(), gap);
                    if (kill == (settings.kills() + 1) / 2) {
                        startOutage(slack, timers, settings.outage());
                    }
                    child = ChildJvm.start(spec);
                }
                feeding.get();
                long restarted = System.nanoTime();
                boolean converged = awaitConverged(slack, storm, settings.converge());
                Duration convergedAfter = Duration.ofNanos(System.nanoTime() - restarted);
                IncidentAudit.Result audit = IncidentAudit.audit(runId, storm.expected(), slack.messages("alerts"));
                LOG.info("Soak finished: {}", audit);
                return new Report(
                        settings.kills(),
                        storm.bodies().size(),
                        audit,
                        converged,
                        convergedAfter,
                        Duration.ofNanos(System.nanoTime() - started),
                        slack.calls().size());
            } finally {
                child.close();
                feeding.cancel(true);
            }
        } finally {
            timers.shutdownNow();
        }
    }

    private static void feed(AlarmStorm storm, EmbeddedSqs sqs, String queueUrl, Settings settings) {
        try {
            storm.send(sqs.client(), queueUrl, settings.feedOver());
            LOG.info(
                    "Storm sent: {} messages for {} alarms",
                    storm.bodies().size(),
                    storm.expected().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void startOutage(LocalSlackWorkspace slack, ScheduledExecutorService timers, Duration outage) {
        LOG.info("Slack outage: every call answers 503 for {}", outage);
        slack.failNext(Integer.MAX_VALUE, 503);
        timers.schedule(
                () -> {
                    slack.resetFaults();
                    LOG.info("Slack outage over");
                },
                outage.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Polls the workspace until nothing is missing or stale, or the time is up. */
    private static boolean awaitConverged(LocalSlackWorkspace slack, AlarmStorm storm, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        IncidentAudit.Result last = null;
        while (System.nanoTime() < deadline) {
            last = IncidentAudit.audit(storm.runId(), storm.expected(), slack.messages("alerts"));
            if (last.converged()) {
                return true;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        LOG.warn("Not converged within {}: {}", limit, last);
        return false;
    }
}
