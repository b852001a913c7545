package io.alertbridge.connectors.slack.sink;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The Slack sink's readiness, for the process's {@code /health} endpoint: ready only while it is consuming and
 * Slack answers; {@linkplain #degraded() degraded} while Slack is the only problem (down, pacing at start, or
 * refusing the token), which a restart would not fix: nothing is lost meanwhile, the notifications wait in Kafka.
 *
 * @param ready true when {@link #state()} is {@link State#RUNNING}
 * @param state where the sink is
 * @param since when it entered that state
 * @param detail {@code partitions}: the notification partitions this instance owns (comma-separated); and what is
 *     not ready and why ({@code slack}, {@code error}, {@code crash}); never secrets
 */
public record SinkHealth(boolean ready, State state, Instant since, Map<String, String> detail) {
    public SinkHealth {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** True while Slack alone holds the sink back ({@link State#SLACK_UNAVAILABLE}, {@link State#TOKEN_REJECTED}). */
    public boolean degraded() {
        return state == State.SLACK_UNAVAILABLE || state == State.TOKEN_REJECTED;
    }

    /** The sink's states. */
    public enum State {
        /** Creating topics, checking the token, joining the group, restoring refs. */
        STARTING,
        /** Consuming and carrying out notifications. */
        RUNNING,
        /** Slack does not answer (5xx, network) or rate-limits: partitions paused, nothing lost, waiting to retry. */
        SLACK_UNAVAILABLE,
        /**
         * Slack refuses the token or the app (revoked, deactivated, missing scope): partitions paused, nothing lost,
         * the token checked again with backoff.
         */
        TOKEN_REJECTED,
        /** Stopped by an unexpected failure (broken state, Kafka refusing the sink's writes): nothing more consumed. */
        FAILED,
        /** Closed. */
        CLOSED
    }
}
