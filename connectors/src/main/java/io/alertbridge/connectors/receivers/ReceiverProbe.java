package io.alertbridge.connectors.receivers;

/**
 * Named points in a receiver's handling of a message, for tests that stop it abruptly there (as {@code kill -9}
 * would). Production uses {@link #NONE}. A probe that wants the receiver to die throws {@link Crash}: the receiver
 * then gives up its partitions with nothing committed.
 */
@FunctionalInterface
public interface ReceiverProbe {

    ReceiverProbe NONE = point -> {};

    /** Called by the loop thread when it reaches a point. */
    void reached(Point point);

    /** Where the receiver is. */
    enum Point {
        /** The destination accepted a message; the offset is not committed yet. */
        DELIVERED,
        /** The offset of a delivered change was committed. */
        COMMITTED
    }

    /** Thrown by a probe to make the receiver die where it stands. */
    final class Crash extends RuntimeException {
        public Crash(String message) {
            super(message, null, false, false);
        }
    }
}
