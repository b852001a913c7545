package io.alertbridge.launcher.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * The end of a long-running subcommand: SIGTERM or Ctrl-C close what it started, gracefully (Kafka Streams
 * commits, the bridge deletes what Kafka acknowledged and releases the rest), before the JVM exits.
 */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {}

    /**
     * Blocks until the JVM is asked to shut down and {@code resources} have been closed by the shutdown hook. The
     * resource's {@code close()} must be idempotent: the caller's try-with-resources closes it again.
     */
    static void closeOnSignal(AutoCloseable resources) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("Shutting down");
                            try {
                                resources.close();
                            } catch (Exception e) {
                                LOG.warn("Shutdown did not complete cleanly", e);
                            } finally {
                                closed.countDown();
                            }
                        },
                        "alertbridge-shutdown"));
        closed.await();
    }
}
