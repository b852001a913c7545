package io.alertbridge.devkit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EmbeddedKafka} on {@code KafkaRaftServer} with a persistent data directory and a fixed port, so it can be
 * stopped and started again with its data: the broker of {@code alertbridge dev}, and of tests that take the
 * broker away in the middle of a run.
 *
 * <p>The directory is formatted on first use (cluster id kept in the directory); later starts reuse it.
 * Thread-safe: {@link #start()}, {@link #stop()} and {@link #close()} are synchronized.
 */
public final class PersistentKafka implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentKafka.class);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    private PersistentKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    static PersistentKafka start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath();
        int brokerPort = port == 0 ? freePort() : port;
        PersistentKafka kafka = new PersistentKafka(dir, brokerPort, controllerPort(dir));
        kafka.start();
        return kafka;
    }

    /** The controller's port is part of the quorum's identity: keep the first one chosen for this directory. */
    private static int controllerPort(Path dir) {
        Path file = dir.resolve("controller.port");
        try {
            if (Files.exists(file)) {
                return Integer.parseInt(Files.readString(file).trim());
            }
            int chosen = freePort();
            Files.createDirectories(dir);
            Files.writeString(file, Integer.toString(chosen));
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the controller port in " + dir, e);
        }
    }

    /** Starts the broker (again) on the same port and directory. No-op when running. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        KafkaConfig config = new KafkaConfig(properties(), false);
        formatIfNeeded();
        KafkaRaftServer raft = new KafkaRaftServer(config, Time.SYSTEM);
        raft.startup();
        server = raft;
        awaitReady();
        LOG.info(
                "In-process Kafka ready at {} (data in {}) in {} ms",
                bootstrapServers(),
                dataDir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** startup() returns before the broker takes requests; wait until it answers metadata requests. */
    private void awaitReady() {
        try (Admin admin = admin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka at " + bootstrapServers() + " not ready in 60 s", e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Kafka", e);
                }
            }
        }
    }

    /** Stops the broker, keeping its data and port for {@link #start()}. No-op when stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("In-process Kafka at {} stopped", bootstrapServers());
        }
    }

    /** True while the broker runs. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Where the broker keeps its data. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        stop();
        closed = true;
    }

    private Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>(SINGLE_NODE_SETTINGS);
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        return props;
    }

    private void formatIfNeeded() {
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                return;
            }
            String clusterId = Uuid.randomUuid().toString();
            Path configFile = dataDir.resolve("server.properties");
            Properties props = new Properties();
            props.putAll(properties());
            try (var out = Files.newOutputStream(configFile)) {
                props.store(out, "written by Alertbridge devkit");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException(
                        "formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
