package io.alertbridge.processor.errors;

import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What happens when a stream thread dies of an unexpected failure: the thread is replaced (its tasks restart from
 * the last commit, so nothing is lost) up to {@code maxReplacements} times within {@code window}; one more
 * failure in that window shuts this client down, so a process that keeps failing stops and says so instead of
 * spinning. Thread-safe.
 */
public final class BoundedThreadReplacement implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedThreadReplacement.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> replacements = new ArrayDeque<>();

    /**
     * @param maxReplacements replacements allowed within the window (0: shut down at the first failure)
     * @param window how far back replacements count
     * @param clock wall clock (injected for tests)
     */
    public BoundedThreadReplacement(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(window))) {
            replacements.removeFirst();
        }
        if (replacements.size() < maxReplacements) {
            replacements.addLast(now);
            LOG.error(
                    "Stream thread failed; replacing it ({} of {} allowed within {})",
                    replacements.size(),
                    maxReplacements,
                    window,
                    LogText.failure(exception));
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error(
                "Stream thread failed again after {} replacements within {}; shutting this client down",
                maxReplacements,
                window,
                LogText.failure(exception));
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
