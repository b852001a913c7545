package io.alertbridge.processor.cli;

import io.alertbridge.processor.dev.DevEnvironment;
import io.alertbridge.schemas.topics.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code alertbridge dev}: the embedded default. Starts the devkit (in-process Kafka with its data under the state
 * directory, in-process SQS with the alarm queue) and Alertbridge's parts in this JVM, prints what is where, and
 * runs until interrupted (Ctrl-C or SIGTERM shut it down gracefully).
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run everything in this JVM against in-process Kafka and SQS: nothing to install but Java.",
            "Data lives under the state directory, so a restart keeps it.",
        })
final class DevCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--state-dir",
            description = "Local state: Kafka data, RocksDB (default: $ALERTBRIDGE_STATE_DIR or ./.alertbridge).")
    Path stateDir;

    @Option(
            names = "--exit-when-ready",
            hidden = true,
            description = "Stop as soon as everything is ready (smoke tests).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Path state = stateDir != null
                ? stateDir
                : Path.of(System.getenv().getOrDefault("ALERTBRIDGE_STATE_DIR", ".alertbridge"));
        Topics topics =
                Topics.withPrefix(System.getenv().getOrDefault("ALERTBRIDGE_TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
        CountDownLatch stop = new CountDownLatch(1);
        try (DevEnvironment env = DevEnvironment.start(state, topics)) {
            Thread hook = new Thread(stop::countDown, "alertbridge-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            describe(spec.commandLine().getOut(), env, topics, Duration.ofNanos(System.nanoTime() - started));
            if (!exitWhenReady) {
                stop.await();
            }
        }
        return 0;
    }

    private static void describe(PrintWriter out, DevEnvironment env, Topics topics, Duration startup) {
        out.printf("%nAlertbridge dev is ready in %.1f s%n%n", startup.toMillis() / 1000.0);
        out.printf("  Kafka bootstrap servers  %s%n", env.bootstrapServers());
        out.printf("  SQS endpoint             %s%n", env.sqs().endpoint());
        out.printf("  alarm queue              %s%n%n", env.alarmQueueUrl());
        out.println("Send a CloudWatch alarm (any SQS client; the AWS CLI with dummy credentials):");
        out.printf(
                "  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --region us-east-1 --endpoint-url %s \\%n",
                env.sqs().endpoint());
        out.printf("    sqs send-message --queue-url %s --message-body file://alarm.json%n%n", env.alarmQueueUrl());
        out.printf(
                "Produce an anomaly score (key = series id) to %s, e.g. with kcat:%n",
                topics.anomalyScores().name());
        out.printf(
                "  echo 'cpu-1|{\"detector\":\"numenta\",\"series\":\"cpu-1\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"score\":0.9}' | kcat -b %s -t %s -K'|' -P%n%n",
                env.bootstrapServers(), topics.anomalyScores().name());
        out.println("Ctrl-C stops everything; data stays for the next start.");
        out.flush();
    }
}
