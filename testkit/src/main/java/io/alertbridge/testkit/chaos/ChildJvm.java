package io.alertbridge.testkit.chaos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class run as a child process of this JVM, on a given class path, with its standard output and error
 * in a log file. {@link #kill()} ends it with {@code SIGKILL} on Linux ({@link Process#destroyForcibly()}): no
 * shutdown hook runs, nothing is committed or flushed, as when an OOM killer or a lost host ends a process.
 *
 * <p>Thread-safe. {@link #close()} kills the child if it is still alive; so does this JVM's shutdown (not its
 * own SIGKILL).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ChildJvm(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * What to run.
     *
     * @param name a name for logs and the log file ({@code <logDir>/<name>.log}, appended to across restarts)
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @param environment variables added to this process's environment
     * @param classPath the class path ({@code System.getProperty("java.class.path")} runs this JVM's classes)
     * @param jvmOptions the child's JVM options ({@link #testJvm(String)} for tests, {@code List.of()} for the JVM's
     *     defaults, as {@code java -jar} has them)
     * @param logDir where the log file goes
     * @param httpPort the port the child serves {@code /health} on, or 0 when it serves none
     */
    public record Spec(
            String name,
            String mainClass,
            List<String> args,
            Map<String, String> environment,
            String classPath,
            List<String> jvmOptions,
            Path logDir,
            int httpPort) {
        public Spec {
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** The same child under another name (a second instance, a restart under its own log). */
        public Spec named(String other) {
            return new Spec(other, mainClass, args, environment, classPath, jvmOptions, logDir, httpPort);
        }

        /** The same child serving on another port. */
        public Spec onPort(int port) {
            return new Spec(name, mainClass, args, environment, classPath, jvmOptions, logDir, port);
        }

        /** The same child with other arguments (another subcommand of the same program). */
        public Spec withArgs(List<String> other) {
            return new Spec(name, mainClass, other, environment, classPath, jvmOptions, logDir, httpPort);
        }

        /** The same child in a JVM started with other options. */
        public Spec withJvmOptions(List<String> other) {
            return new Spec(name, mainClass, args, environment, classPath, other, logDir, httpPort);
        }

        /** The same child running another main class (the same program from an older jar). */
        public Spec withMainClass(String other) {
            return new Spec(name, other, args, environment, classPath, jvmOptions, logDir, httpPort);
        }
    }

    /**
     * JVM options for children in tests: the given heap, the serial collector and C1 only, because several children
     * start at once on two cores and a quick start matters more there than peak speed.
     */
    public static List<String> testJvm(String heap) {
        return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    /** Starts the child and returns at once (the child's JVM is still starting). */
    public static ChildJvm start(Spec spec) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(spec.classPath());
        command.add(spec.mainClass());
        command.addAll(spec.args());
        try {
            Files.createDirectories(spec.logDir());
            Path log = spec.logDir().resolve(spec.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            // A runner stopped with Ctrl-C or SIGTERM must not leave its children running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + spec.name()));
            LOG.info("Started child {} (pid {}), log {}", spec.name(), process.pid(), log);
            return new ChildJvm(spec.name(), process, log, spec.httpPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child " + spec.name(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log file (standard output and error). */
    public Path log() {
        return log;
    }

    /** The log's text so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether {@code GET /health} on the child's port answers 200 now. */
    public boolean isHealthy() {
        if (httpPort == 0 || !process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/health"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the child with {@code SIGKILL} and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitGone(process);
        LOG.info("Killed child {} (pid {})", name, process.pid());
    }

    /**
     * Waits for the child to exit by itself and returns its exit code.
     *
     * @throws IllegalStateException when it is still running after {@code timeout} (it is killed then)
     */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        throw new IllegalStateException(name + " did not exit within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void waitGone(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
