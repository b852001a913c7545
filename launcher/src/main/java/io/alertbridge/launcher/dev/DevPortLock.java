package io.alertbridge.launcher.dev;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Held while {@code alertbridge dev} picks its usual ports (Kafka 9092, Slack 3000, SQS 9324) and binds them, so that
 * two dev instances starting at the same moment on one machine never both find a port free and then race for it:
 * the second waits until the first has bound, then finds the port taken and takes a free one. A failed bind cannot
 * simply be retried, because the in-process broker ends the JVM on a fatal start-up error.
 *
 * <p>Across processes an OS file lock on {@code <java.io.tmpdir>/alertbridge-dev-ports.lock}; within one JVM (where
 * a second file lock would be refused, not waited for) a lock around it. When the lock file cannot be opened (another
 * user's file, a read-only temporary directory), dev starts without it, as it did before there was one.
 */
final class DevPortLock implements AutoCloseable {

    private static final Path DEFAULT_FILE =
            Path.of(System.getProperty("java.io.tmpdir"), "alertbridge-dev-ports.lock");

    private static final Logger LOG = LoggerFactory.getLogger(DevPortLock.class);
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private DevPortLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock on {@link #DEFAULT_FILE}. */
    static DevPortLock acquire() {
        return acquire(DEFAULT_FILE);
    }

    /** Waits for the lock on {@code file}, first in this JVM, then across processes. */
    static DevPortLock acquire(Path file) {
        IN_THIS_JVM.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DevPortLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Starting without the dev port lock {}: {}", file, e.toString());
            closeQuietly(channel);
            return new DevPortLock(null, null);
        }
    }

    /** Whether this holds the file lock too (false when dev started without it). */
    boolean holdsTheFileLock() {
        return lock != null && lock.isValid();
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("Could not release the dev port lock: {}", e.toString());
        } finally {
            closeQuietly(channel);
            IN_THIS_JVM.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close the dev port lock file: {}", e.toString());
        }
    }
}
