package io.alertbridge.launcher.ops;

/**
 * One part of a process that can be ready or not (Streams RUNNING, the bridge connected, the sink connected).
 * Implementations are called from the HTTP server's threads and must be cheap and thread-safe.
 */
@FunctionalInterface
public interface HealthCheck {

    /** The part's current status. */
    Status check();

    /**
     * A part's status.
     *
     * @param ready whether the part is ready
     * @param detail a short human explanation (state name, last error), never a secret
     * @param degraded not ready because of an outside service that a restart would not fix (Slack down or refusing
     *     the token): the process as a whole stays ready; never true together with {@code ready}
     */
    record Status(boolean ready, String detail, boolean degraded) {
        public Status {
            degraded = degraded && !ready;
        }

        public Status(boolean ready, String detail) {
            this(ready, detail, false);
        }

        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }

        /** Not ready, but not a reason to restart the process. */
        public static Status degraded(String detail) {
            return new Status(false, detail, true);
        }
    }
}
