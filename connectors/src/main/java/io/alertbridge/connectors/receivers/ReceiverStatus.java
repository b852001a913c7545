package io.alertbridge.connectors.receivers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a receiver publishes about itself: its state, how many messages it delivered, and the last refusal (a
 * refusal is shown as {@linkplain ReceiverHealth#degraded() degraded} for {@link #REFUSAL_SHOWN} after it).
 *
 * <p>Written by the receiver's loop thread, read by any thread.
 */
public final class ReceiverStatus {

    /** How long after a refusal {@code /health} still says degraded. */
    static final Duration REFUSAL_SHOWN = Duration.ofMinutes(15);

    /** Where the receiver is. */
    public enum State {
        STARTING,
        RUNNING,
        /** The destination does not answer or asks to wait: retrying, partitions paused. */
        RETRYING,
        CLOSED,
        FAILED
    }

    private final Clock clock;
    private volatile State state = State.STARTING;
    private volatile String waitReason;
    private volatile String lastRefusal;
    private volatile Instant lastRefusalAt;
    private volatile long delivered;
    private volatile long refused;
    private volatile long deadLettered;

    public ReceiverStatus(Clock clock) {
        this.clock = clock;
    }

    void running() {
        state = State.RUNNING;
        waitReason = null;
    }

    void retrying(String reason) {
        state = State.RETRYING;
        waitReason = reason;
    }

    void delivered() {
        delivered++;
        if (state == State.RETRYING) {
            running();
        }
    }

    void refused(String reason) {
        refused++;
        lastRefusal = reason;
        lastRefusalAt = clock.instant();
        if (state == State.RETRYING) {
            running();
        }
    }

    void deadLettered() {
        deadLettered++;
    }

    void ended(State end, String reason) {
        state = end;
        waitReason = reason;
    }

    /** The health now. Any thread. */
    public ReceiverHealth health() {
        State now = state;
        boolean ready = now == State.RUNNING || now == State.RETRYING;
        Instant refusedAt = lastRefusalAt;
        boolean recentRefusal = refusedAt != null
                && Duration.between(refusedAt, clock.instant()).compareTo(REFUSAL_SHOWN) < 0;
        StringBuilder detail =
                new StringBuilder(now.name()).append(", delivered ").append(delivered);
        if (now == State.RETRYING || now == State.FAILED) {
            detail.append(", ").append(waitReason);
        }
        if (refused > 0) {
            detail.append(", refused ")
                    .append(refused)
                    .append(" (last at ")
                    .append(refusedAt)
                    .append(": ")
                    .append(lastRefusal)
                    .append(')');
        }
        if (deadLettered > 0) {
            detail.append(", dead-lettered ").append(deadLettered);
        }
        return new ReceiverHealth(ready, now == State.RETRYING || recentRefusal, detail.toString());
    }
}
