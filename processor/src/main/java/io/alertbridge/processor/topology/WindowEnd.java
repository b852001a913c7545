package io.alertbridge.processor.topology;

import org.apache.kafka.common.header.Headers;

/**
 * The record a rebuild's feed writes after each order window of history: a tombstone on the raw topic carrying the
 * header {@value #HEADER}, timestamped just after the window's last record, so that its task commits as soon as it has
 * processed the window instead of at the next commit interval.
 *
 * <p>Why: with the stages handing records on in the task ({@code streams.hops: in_task}) one transaction writes all a
 * window leads to, and the feed waits for that commit before it writes the next window. Timed commits either come
 * late (a window of 35 records waited for the interval) or often (at 5 ms, a commit of about 10 ms after every two or
 * three records). Kafka Streams processes a task's records in timestamp order, so the marker comes after the
 * window's records it has fetched; if it comes early, the timed commit still drains the window.
 *
 * <p>Only the normalize stage of a topology that reprocesses history (record time) honours it
 * ({@link NormalizeStage}); live, it is an ignored tombstone like any other. Thread-safe (stateless).
 */
public final class WindowEnd {

    /** The header that marks the tombstone; its value is not read. */
    public static final String HEADER = "alertbridge-window-end";

    private WindowEnd() {}

    /** Whether a record with these headers (and no value) marks the end of a window. */
    public static boolean marks(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }
}
