package io.alertbridge.devkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS stand-in: moto's server ({@code python3 -m moto.server}), a real AWS API over HTTP (SNS delivering into
 * SQS subscriptions, EventBridge rules with SQS targets, CloudWatch alarms and metrics, Secrets Manager, SSM,
 * CloudFormation), run as a child process on a free port of 127.0.0.1 and stopped by its PID. Clients reach it
 * through a {@link MotoGateway} on another free port, because the AWS SDK talks to CloudWatch in a protocol moto 5.2.1
 * does not serve.
 *
 * <p>Every AWS SDK client reaches it through {@link #endpoint()} (or {@code AWS_ENDPOINT_URL}), in any region, with
 * any credentials; resources live in account {@link #ACCOUNT_ID}. moto keeps everything in memory: a restart is an
 * empty account. It does not enforce IAM policies.
 *
 * <p>moto is Python: where {@code python3} or the {@code moto} package is missing, {@link #start()} fails with a
 * message that says which and how to install it, never silently. Thread-safe; {@link #close()} is idempotent.
 */
public final class MotoServer implements AutoCloseable {

    /** The account moto creates every resource in. */
    public static final String ACCOUNT_ID = "123456789012";

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final URI motoEndpoint;
    private final Path log;
    private volatile MotoGateway gateway;

    private MotoServer(Process process, URI motoEndpoint, Path log) {
        this.process = process;
        this.motoEndpoint = motoEndpoint;
        this.log = log;
    }

    /** Starts moto on a free port and returns once it answers; takes a few seconds. */
    public static MotoServer start() {
        return start("python3");
    }

    /**
     * Starts moto with the given Python interpreter.
     *
     * @throws IllegalStateException when the interpreter or moto is missing, or moto does not answer in time; the
     *     message names what is missing and its log
     */
    public static MotoServer start(String python) {
        requireMoto(python);
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(
                            python, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // A JVM stopped with Ctrl-C or SIGTERM must not leave moto running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-moto"));
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitAnswering();
            server.gateway = MotoGateway.start(server.motoEndpoint);
            LOG.info(
                    "AWS stand-in (moto) ready at {} (pid {}, behind its gateway {}), log {}",
                    server.motoEndpoint,
                    process.pid(),
                    server.endpoint(),
                    log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto's server with " + python, e);
        }
    }

    /**
     * The endpoint every AWS SDK client points at ({@code endpointOverride}, {@code AWS_ENDPOINT_URL}): moto behind
     * the gateway that lets the SDK's CloudWatch client (Smithy RPC v2 CBOR) reach moto's CloudWatch (see
     * {@link MotoGateway}).
     */
    public URI endpoint() {
        return gateway.endpoint();
    }

    /** The region clients use unless told otherwise; moto serves any. */
    public String region() {
        return "us-east-1";
    }

    /** The server's output. */
    public Path log() {
        return log;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Stops moto by its PID (and anything it started) and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        MotoGateway open = gateway;
        if (open != null) {
            open.close();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitAnswering() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(motoEndpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "moto's server exited at start (" + process.exitValue() + "): " + tail(log));
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while moto started", e);
            }
            sleepBriefly();
        }
        close();
        throw new IllegalStateException("moto's server did not answer within " + START_LIMIT + "; log " + log);
    }

    private static void requireMoto(String python) {
        Process check;
        try {
            check = new ProcessBuilder(python, "-c", "import moto, flask, werkzeug")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the AWS stand-in needs Python 3 with moto's server, but '" + python + "' cannot be run ("
                            + e.getMessage() + "); install python3 and then: pip install 'moto[server]'",
                    e);
        }
        try {
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("the AWS stand-in needs moto's server for " + python
                        + ", which is not installed: pip install 'moto[server]' (" + lastLine(output) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for moto", e);
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for moto", e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100); // CHECKSTYLE:OK polling a child process until it listens
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
