package io.alertbridge.processor.heartbeat;

import java.util.Objects;

/**
 * What {@link HeartbeatClock} decided for one heartbeat, and why.
 *
 * @param state the heartbeat's state from now on, or null to forget it (its rule is gone)
 * @param action what the stage must do
 * @param reason why, for logs and for the alert's summary
 */
public record HeartbeatDue(HeartbeatState state, Action action, String reason) {

    public HeartbeatDue {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    /** What the stage does. */
    public enum Action {
        /** Nothing to say (the state may still have moved on). */
        NONE,
        /** Raise the FIRING alert. */
        FIRE,
        /** Raise the RESOLVED alert. */
        RESOLVE
    }
}
