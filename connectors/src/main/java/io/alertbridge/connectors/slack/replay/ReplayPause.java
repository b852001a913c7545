package io.alertbridge.connectors.slack.replay;

import io.alertbridge.connectors.slack.sink.SlackCalls;
import io.alertbridge.connectors.slack.sink.StopSignal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a replay's poster waits out Slack's pauses (outage, 429s), on its own thread, and gives up when Slack keeps
 * failing for longer than the stall limit: a person is waiting for the replay, unlike the sink, which waits as long
 * as it takes.
 *
 * <p>Used by the poster's thread only.
 */
public final class ReplayPause implements SlackCalls.Pauser {

    /** Slack kept failing longer than the stall limit. */
    static final class Stalled extends RuntimeException {
        Stalled(String message) {
            super(message, null, false, false);
        }
    }

    private final Duration stallLimit;
    private final StopSignal stop;
    private final Clock clock;
    private Instant troubleSince;

    public ReplayPause(Duration stallLimit, StopSignal stop, Clock clock) {
        this.stallLimit = stallLimit;
        this.stop = stop;
        this.clock = clock;
    }

    @Override
    public void pause(Duration wait, String reason, boolean unavailable) {
        Instant now = clock.instant();
        if (troubleSince == null) {
            troubleSince = now;
        }
        if (Duration.between(troubleSince, now).plus(wait).compareTo(stallLimit) > 0) {
            throw new Stalled("Slack kept failing for more than " + stallLimit.toSeconds() + " s (" + reason + ")");
        }
        stop.sleep(wait);
    }

    @Override
    public void resumed() {
        troubleSince = null;
    }
}
