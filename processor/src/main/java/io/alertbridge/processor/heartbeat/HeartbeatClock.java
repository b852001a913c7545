package io.alertbridge.processor.heartbeat;

import io.alertbridge.processor.incident.Durations;
import io.alertbridge.schemas.model.HeartbeatRule;

import java.time.Duration;
import java.time.Instant;

/**
 * When a heartbeat fires and when it resolves: the decision the heartbeat stage applies at every beat and every
 * punctuation. Pure: the stage passes the instants (its wall clock); nothing here reads a clock.
 *
 * <ul>
 *   <li>A heartbeat is watched from the first punctuation that finds its rule, so one that is never heard from fires
 *       once it has been silent for its {@linkplain HeartbeatRule#allowedSilence() allowed silence} since then.
 *   <li>A beat newer than the latest one restarts the count from the instant it is processed (not the beat's own
 *       time: a backlog read after a stop proves the source alive, and must not look overdue), and resolves a firing
 *       heartbeat.
 *   <li>Pipeline downtime: when the punctuation before this one is further back than the heartbeat's interval, the
 *       processor was stopped (or stalled) in between; nobody was watching, so that window does not count as
 *       silence: the deadline moves on by the gap. A heartbeat that then still goes overdue says in its summary when
 *       the processor was stopped. So a restart never fires every heartbeat at once.
 * </ul>
 *
 * Thread-safe (stateless).
 */
public final class HeartbeatClock {

    /**
     * The punctuation resolution ({@link HeartbeatRule#RESOLUTION}): the heartbeat stage looks for overdue heartbeats
     * every half of this, and a heartbeat's interval may not be shorter (the rule validator rejects it).
     */
    public static final Duration RESOLUTION = HeartbeatRule.RESOLUTION;

    /** How often the heartbeat stage's wall-clock punctuator runs. */
    public static final Duration TICK = RESOLUTION.dividedBy(2);

    private HeartbeatClock() {}

    /**
     * A beat whose own time is {@code beatAt}, processed at {@code now}.
     *
     * @param before the heartbeat's state, or null when it has none yet
     */
    public static HeartbeatDue onBeat(HeartbeatState before, Instant beatAt, Instant now) {
        if (before != null && before.lastBeatAt() != null && !beatAt.isAfter(before.lastBeatAt())) {
            return new HeartbeatDue(
                    before,
                    HeartbeatDue.Action.NONE,
                    "beat of " + beatAt + " is not newer than the latest (" + before.lastBeatAt() + ")");
        }
        HeartbeatState after = new HeartbeatState(now, beatAt, Duration.ZERO, null, null, null, null);
        if (before != null && before.firing()) {
            return new HeartbeatDue(
                    after,
                    HeartbeatDue.Action.RESOLVE,
                    "heard from again at " + beatAt + ", " + Durations.human(minutes(silentFor(before, now)))
                            + " after the previous beat");
        }
        return new HeartbeatDue(after, HeartbeatDue.Action.NONE, "beat at " + beatAt);
    }

    /**
     * A punctuation at {@code now}.
     *
     * @param before the heartbeat's state, or null when it is not watched yet
     * @param rule the heartbeat
     * @param now the punctuation's instant
     * @param previousTick the instant of the punctuation before (as recorded in the store), or null for none
     */
    public static HeartbeatDue onTick(HeartbeatState before, HeartbeatRule rule, Instant now, Instant previousTick) {
        if (before == null) {
            return new HeartbeatDue(HeartbeatState.watchedFrom(now), HeartbeatDue.Action.NONE, "watched from " + now);
        }
        if (before.firing()) {
            return new HeartbeatDue(before, HeartbeatDue.Action.NONE, "firing since " + before.firingSince());
        }
        HeartbeatState state = before;
        if (previousTick != null && Duration.between(previousTick, now).compareTo(rule.interval()) > 0) {
            state = new HeartbeatState(
                    before.heardAt(),
                    before.lastBeatAt(),
                    before.paused().plus(Duration.between(previousTick, now)),
                    null,
                    previousTick,
                    now,
                    null);
        }
        Instant deadline = state.deadline(rule.allowedSilence());
        if (now.isBefore(deadline)) {
            return new HeartbeatDue(state, HeartbeatDue.Action.NONE, "due at " + deadline);
        }
        HeartbeatState fired = new HeartbeatState(
                state.heardAt(), state.lastBeatAt(), state.paused(), now, state.stoppedFrom(), state.stoppedTo(), null);
        return new HeartbeatDue(fired, HeartbeatDue.Action.FIRE, overdue(fired, rule, now));
    }

    /**
     * The heartbeat's rule is gone: forget it, and resolve its alert if it was firing.
     *
     * @param before its state
     */
    public static HeartbeatDue onRuleRemoved(HeartbeatState before) {
        return new HeartbeatDue(
                null,
                before.firing() ? HeartbeatDue.Action.RESOLVE : HeartbeatDue.Action.NONE,
                "its heartbeat rule was removed");
    }

    /** How long it has been silent at {@code now}, not counting the time the processor was stopped. */
    public static Duration silentFor(HeartbeatState state, Instant now) {
        Duration silent = Duration.between(state.heardAt(), now).minus(state.paused());
        return silent.isNegative() ? Duration.ZERO : silent;
    }

    /** A duration cut to whole minutes once it is a minute or longer (titles say "20m", not "20m3s"). */
    static Duration minutes(Duration duration) {
        return duration.compareTo(Duration.ofMinutes(1)) >= 0
                ? Duration.ofMinutes(duration.toMinutes())
                : Duration.ofSeconds(duration.toSeconds());
    }

    private static String overdue(HeartbeatState state, HeartbeatRule rule, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(
                state.lastBeatAt() == null
                        ? "Never heard from since watched at " + state.heardAt()
                        : "Last beat at " + state.lastBeatAt());
        out.append("; expected every ")
                .append(Durations.human(rule.interval()))
                .append(", alerts after ")
                .append(Durations.human(rule.allowedSilence()))
                .append(" of silence");
        if (state.stoppedFrom() != null) {
            out.append(". The processor was stopped from ")
                    .append(state.stoppedFrom())
                    .append(" to ")
                    .append(state.stoppedTo())
                    .append("; that time is not counted as silence");
        }
        return out.toString();
    }
}
