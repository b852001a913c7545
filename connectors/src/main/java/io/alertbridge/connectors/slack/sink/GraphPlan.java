package io.alertbridge.connectors.slack.sink;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an incident's message needs a new graph now, later, or not at all: a pure decision, given what the
 * message shows ({@link SlackRef.Graph}) and the render the incident's current snapshot calls for.
 *
 * <p>A graph is made when the render key changes (a member's status or last change: the state changes the graph
 * draws), at most once per incident per {@code refresh} interval. A change inside the interval is put off until the
 * interval has passed, not dropped, so the graph always ends showing the incident's latest state (the resolution's
 * clear included). A key already shown, in flight, or tried before (a failed render, or one in flight at a crash) is
 * never made again.
 */
public final class GraphPlan {

    private GraphPlan() {}

    /** What to do. */
    public enum Action {
        NOTHING,
        RENDER,
        LATER
    }

    /**
     * A decision.
     *
     * @param action what to do
     * @param key the render key to make (RENDER, LATER), or null
     * @param at when to make it (LATER), or null
     * @param reason why, in a few words (logs and tests)
     */
    public record Decision(Action action, String key, Instant at, String reason) {
        static Decision nothing(String reason) {
            return new Decision(Action.NOTHING, null, null, reason);
        }
    }

    /**
     * Decides for one incident.
     *
     * @param key the render the current snapshot calls for, or null when nothing in it can be drawn
     * @param shown what the message shows and what was last asked for
     * @param now the sink's time
     * @param refresh the least time between two graphs of one incident
     */
    public static Decision decide(String key, SlackRef.Graph shown, Instant now, Duration refresh) {
        if (key == null) {
            return Decision.nothing("nothing to draw");
        }
        if (key.equals(shown.renderKey())) {
            return Decision.nothing("already shown or tried");
        }
        if (key.equals(shown.pendingKey())) {
            return Decision.nothing("in flight, or in flight at a crash");
        }
        if (shown.renderedAt() != null) {
            Instant allowed = shown.renderedAt().plus(refresh);
            if (now.isBefore(allowed)) {
                return new Decision(Action.LATER, key, allowed, "refreshed less than " + refresh + " ago");
            }
        }
        return new Decision(Action.RENDER, key, null, shown.renderedAt() == null ? "first graph" : "state changed");
    }
}
