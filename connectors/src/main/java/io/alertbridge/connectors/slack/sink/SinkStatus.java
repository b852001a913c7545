package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.SinkHealth.State;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sink's state as {@link SinkHealth} shows it: set on the loop thread (with the partitions owned and, when Slack
 * is the problem, why), read from any thread.
 */
public final class SinkStatus {

    private final Assignment assignment;
    private final Clock clock;
    private final AtomicReference<SinkHealth> health;
    private State state = State.STARTING;
    private String slackProblem;

    public SinkStatus(Assignment assignment, Clock clock) {
        this.assignment = assignment;
        this.clock = clock;
        this.health = new AtomicReference<>(new SinkHealth(false, State.STARTING, clock.instant(), Map.of()));
    }

    /** The last health set. Any thread. */
    SinkHealth health() {
        return health.get();
    }

    /** The state last published. */
    State state() {
        return state;
    }

    /** Sets the state, with the partitions owned and, when Slack is the problem, why (else null). */
    void publish(State next, String problem) {
        this.state = next;
        this.slackProblem = problem;
        Map<String, String> detail = new TreeMap<>();
        detail.put("partitions", assignment.describe());
        if (problem != null) {
            detail.put("slack", problem);
        }
        set(next, detail);
    }

    /** Publishes the same state again: the partitions owned changed. */
    void republish() {
        publish(state, slackProblem);
    }

    /** Sets a final state (closed, failed) with its own detail. */
    void set(State next, Map<String, String> detail) {
        health.set(new SinkHealth(next == State.RUNNING, next, clock.instant(), detail));
    }
}
