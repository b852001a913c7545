package io.alertbridge.devkit.receivers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a stand-in answers instead of its normal answer: a queue of one-off faults (a status with an optional
 * {@code Retry-After}), an outage switch (503 to everything until switched off), and a delay before every answer.
 *
 * <p>Thread-safe.
 */
public final class Faults {

    /**
     * One answer in place of the normal one.
     *
     * @param status the HTTP status
     * @param retryAfterSeconds the {@code Retry-After} header, or null for none
     * @param body the body (JSON), or null
     */
    public record Fault(int status, Integer retryAfterSeconds, String body) {}

    private final Deque<Fault> next = new ArrayDeque<>();
    private boolean down;
    private Duration delay = Duration.ZERO;

    /** The next {@code times} requests get {@code fault}. */
    public synchronized void queue(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            next.addLast(fault);
        }
    }

    /** While down, every request gets 503. */
    public synchronized void down(boolean value) {
        down = value;
    }

    /** Every answer waits this long first. */
    public synchronized void delay(Duration value) {
        delay = value;
    }

    /** The fault for this request, or null for the normal answer. */
    synchronized Fault take() {
        if (down) {
            return new Fault(503, null, "{\"status\":\"unavailable\"}");
        }
        return next.pollFirst();
    }

    synchronized Duration delay() {
        return delay;
    }
}
