package io.alertbridge.connectors.slack.sink;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells the sink's thread (or the replay poster's) to stop, and lets it wait for a time unless told to stop first.
 * Stopping wakes what the thread may be blocked in (the consumer's poll).
 *
 * <p>Thread-safe: {@link #stop()} from any thread.
 */
public final class StopSignal {

    /** The part is stopping: leave what it was doing. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Runnable wakeUp;

    /** @param wakeUp interrupts what the stopping thread may block in (such as {@code consumer::wakeup}) */
    public StopSignal(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** Asks to stop. Idempotent; any thread. */
    public void stop() {
        stopped.countDown();
        wakeUp.run();
    }

    /** Asks to stop without waking anything: the stopping thread itself, after a crash. */
    void stopQuietly() {
        stopped.countDown();
    }

    /** True until {@link #stop()}. */
    boolean running() {
        return stopped.getCount() > 0;
    }

    /**
     * Waits {@code wait}, or less when asked to stop.
     *
     * @throws Stopping when asked to stop (before or while waiting), or interrupted
     */
    public void sleep(Duration wait) {
        try {
            if (stopped.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new Stopping();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
    }
}
