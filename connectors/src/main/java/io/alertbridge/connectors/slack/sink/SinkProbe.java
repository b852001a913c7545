package io.alertbridge.connectors.slack.sink;

/**
 * Named points in the sink's handling of a notification, for tests that stop the sink abruptly at a chosen point
 * (as {@code kill -9} would). Production uses {@link #NONE}. A probe that wants the sink to die there throws
 * {@link Crash}: the sink then abandons everything at once — no flush, no offset commit — which is what a killed
 * process leaves behind.
 */
@FunctionalInterface
public interface SinkProbe {

    /** The probe that does nothing. */
    SinkProbe NONE = point -> {};

    /** Called by the loop thread when it reaches a point. */
    void reached(Point point);

    /** Where the sink is. */
    enum Point {
        /** An intent was recorded and acknowledged by Kafka; Slack not called yet. */
        INTENT_RECORDED,
        /** Slack answered a call that changed something; the sink has not recorded it yet. */
        SLACK_ANSWERED,
        /** The outcome of one notification was recorded (not yet flushed). */
        EFFECT_RECORDED,
        /** Refs flushed; offsets about to be committed. */
        BEFORE_COMMIT,
        /** Offsets committed. */
        COMMITTED
    }

    /** Thrown by a probe to make the sink die where it stands. */
    final class Crash extends RuntimeException {
        Crash(String message) {
            super(message, null, false, false);
        }
    }
}
