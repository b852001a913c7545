package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.LauncherEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Time from starting the runnable jar ({@code java -cp alertbridge.jar ...}, the same entry point as
 * {@code java -jar}) to {@code GET /health} answering 200, for {@code alertbridge run} against an already running
 * Kafka, SQS server and Slack workspace, and for {@code alertbridge dev} on an empty state directory (which starts
 * all three itself). Each round is a fresh JVM with a fresh state directory; the table gives every round and the
 * median.
 *
 * <p>Run: {@code bench/run StartToReady [JAR] [ROUNDS] [BASELINE_JAR]} (defaults: {@code launcher/target/alertbridge.jar},
 * 3, none). With a baseline jar the rounds alternate between the two and the ratios are printed. A jar without
 * dev mode ({@code alertbridge-server.jar}) is timed for {@code run} only.
 */
public final class StartToReady {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private StartToReady() {}

    public static void main(String[] args) throws Exception {
        Path jar = jar(args.length > 0 ? args[0] : "launcher/target/alertbridge.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> jars = new ArrayList<>(List.of(jar));
        if (args.length > 2) {
            jars.add(jar(args[2]));
        }
        Path work = Files.createTempDirectory("start-to-ready");
        Map<Path, List<Long>> run = new HashMap<>();
        Map<Path, List<Long>> dev = new HashMap<>();
        // Rounds alternate between the jars, so that a noisy minute on a shared machine hits both alike.
        for (Path each : jars) {
            run.put(each, new ArrayList<>());
            dev.put(each, new ArrayList<>());
        }
        timeRun(jars, rounds, work, run);
        timeDev(jars, rounds, work, dev);
        System.out.printf("%-6s %-60s %-32s %10s%n", "part", "jar", "rounds (ms)", "median ms");
        for (Path each : jars) {
            String name = "%s (%.1f MB)".formatted(each.getFileName(), Files.size(each) / 1_000_000.0);
            print("run", name, run.get(each));
            if (!dev.get(each).isEmpty()) {
                print("dev", name, dev.get(each));
            }
        }
        if (jars.size() == 2) {
            System.out.printf(
                    "ratio (first jar / baseline): run %.2f%n",
                    (double) median(run.get(jars.get(0))) / median(run.get(jars.get(1))));
            if (!dev.get(jars.get(0)).isEmpty() && !dev.get(jars.get(1)).isEmpty()) {
                System.out.printf(
                        "ratio (first jar / baseline): dev %.2f%n",
                        (double) median(dev.get(jars.get(0))) / median(dev.get(jars.get(1))));
            }
        }
    }

    private static Path jar(String path) {
        Path jar = Path.of(path).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it with ./alertbridge --version first");
        }
        return jar;
    }

    private static void timeRun(List<Path> jars, int rounds, Path work, Map<Path, List<Long>> times) throws Exception {
        try (EmbeddedKafka kafka = TestKitKafka.start();
                EmbeddedSqs sqs = EmbeddedSqs.start(0);
                LocalSlackWorkspace slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults())) {
            LauncherEnvironment env = new LauncherEnvironment(
                    kafka.bootstrapServers(),
                    "ready.",
                    sqs.endpoint().toString(),
                    sqs.createQueue("ready"),
                    slack.apiUrl(),
                    slack.botToken(),
                    slack.signingSecret(),
                    work.resolve("run"));
            Path config = env.writeConfig(0, "ready-processor");
            env.createTopics(config, jars.get(0).toString(), mainClass(jars.get(0)));
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < jars.size(); i++) {
                    Path jar = jars.get(i);
                    ChildJvm.Spec spec = env.launcher("run-" + i + "-" + round, "run", config, jar.toString());
                    // The JVM's defaults, as `java -jar alertbridge.jar run` has them.
                    times.get(jar)
                            .add(timeToHealthy(
                                    spec.withMainClass(mainClass(jar)).withJvmOptions(List.of())));
                }
            }
        }
    }

    private static void timeDev(List<Path> jars, int rounds, Path work, Map<Path, List<Long>> times) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < jars.size(); i++) {
                if (hasDevMode(jars.get(i))) {
                    times.get(jars.get(i)).add(timeDev(jars.get(i), "dev-" + i + "-" + round, work));
                }
            }
        }
    }

    private static long timeDev(Path jar, String name, Path work) throws InterruptedException {
        int port = LauncherEnvironment.freePort();
        Map<String, String> environment = new HashMap<>();
        environment.put("ALERTBRIDGE_STATE_DIR", work.resolve(name).toString());
        environment.put("ALERTBRIDGE_HTTP_PORT", Integer.toString(port));
        ChildJvm.Spec spec = new ChildJvm.Spec(
                name,
                mainClass(jar),
                List.of("dev"),
                environment,
                jar.toString(),
                List.of(),
                work.resolve("logs"),
                port);
        return timeToHealthy(spec);
    }

    private static long timeToHealthy(ChildJvm.Spec spec) throws InterruptedException {
        long started = System.nanoTime();
        try (ChildJvm child = ChildJvm.start(spec)) {
            long deadline = started + LIMIT.toNanos();
            while (!child.isHealthy()) {
                if (!child.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(spec.name() + " did not become healthy; its log is " + child.log());
                }
                Thread.sleep(20); // CHECKSTYLE:OK the benchmark times readiness by polling the child's /health
            }
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    /** Whether the jar carries dev mode's embedded default (alertbridge-server.jar does not). */
    private static boolean hasDevMode(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("io/alertbridge/devkit/PersistentKafka.class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** The jar's {@code Main-Class}, so that a jar from before the launcher module moved it can be timed too. */
    private static String mainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    private static void print(String part, String jar, List<Long> times) {
        System.out.printf("%-6s %-60s %-32s %10d%n", part, jar, times, median(times));
    }

    private static long median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
