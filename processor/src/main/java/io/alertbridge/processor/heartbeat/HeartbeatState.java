package io.alertbridge.processor.heartbeat;

import io.alertbridge.schemas.model.AlertEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the heartbeat stage remembers of one heartbeat: value of the store {@code heartbeats}, keyed by its name.
 *
 * @param heardAt when the processor last heard from it (the processing time of its latest beat), or when it started
 *     watching it when it was never heard from; its deadline counts from here
 * @param lastBeatAt the latest beat's own time (the record's), or null when never heard from
 * @param paused how long the processor was stopped since {@code heardAt}: the deadline moves on by that much, so a
 *     window nobody was watching never counts as silence
 * @param firingSince when its alert fired, or null while it is not firing
 * @param stoppedFrom start of the latest stop of the processor counted in {@code paused}, or null
 * @param stoppedTo end of that stop, or null
 * @param fired the FIRING alert it raised while firing (its RESOLVED repeats its labels, so it routes to the same
 *     incident even if the rule changed or went), or null
 */
public record HeartbeatState(
        Instant heardAt,
        Instant lastBeatAt,
        Duration paused,
        Instant firingSince,
        Instant stoppedFrom,
        Instant stoppedTo,
        AlertEvent fired) {

    public HeartbeatState {
        Objects.requireNonNull(heardAt, "heardAt");
        paused = paused != null ? paused : Duration.ZERO;
    }

    /** A heartbeat first watched at {@code now}, never heard from. */
    public static HeartbeatState watchedFrom(Instant now) {
        return new HeartbeatState(now, null, Duration.ZERO, null, null, null, null);
    }

    /** This state with the FIRING alert it raised. */
    public HeartbeatState withFired(AlertEvent alert) {
        return new HeartbeatState(heardAt, lastBeatAt, paused, firingSince, stoppedFrom, stoppedTo, alert);
    }

    /** True while its alert is firing. */
    public boolean firing() {
        return firingSince != null;
    }

    /** When it is due to fire if nothing is heard: {@code heardAt + allowed silence + paused}. */
    public Instant deadline(Duration allowedSilence) {
        return heardAt.plus(allowedSilence).plus(paused);
    }
}
