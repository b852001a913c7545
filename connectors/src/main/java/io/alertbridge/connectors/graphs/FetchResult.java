package io.alertbridge.connectors.graphs;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link MetricFetcher} got: the alarm's series (and its anomaly band) or why there is none. Never an
 * exception: a failure is one of the {@link Outcome}s with CloudWatch's reason.
 *
 * @param outcome what happened
 * @param series the alarm's series in time order; empty unless {@link Outcome#FETCHED}
 * @param bandLower the anomaly band's lower bound in time order, empty when there is no band
 * @param bandUpper the anomaly band's upper bound in time order, empty when there is no band
 * @param calls {@code GetMetricData} calls made for it (0 from the cache or when skipped)
 * @param reason why, in one line
 */
public record FetchResult(
        Outcome outcome,
        List<TimePoint> series,
        List<TimePoint> bandLower,
        List<TimePoint> bandUpper,
        int calls,
        String reason) {

    /** How a fetch ended. */
    public enum Outcome {
        /** Datapoints in the window. */
        FETCHED,
        /** CloudWatch answered, with no datapoint in the window. */
        NO_DATA,
        /** Not asked: the calls-per-minute budget was spent (skipped, not queued). */
        SKIPPED,
        /** The plan asks for nothing (a composite alarm, an unreadable metric). */
        NOTHING_TO_FETCH,
        /** The credentials may not call {@code GetMetricData} (or are not valid). */
        ACCESS_DENIED,
        /** CloudWatch throttled the call. */
        THROTTLED,
        /** The call did not finish in time, or the connection timed out. */
        TIMEOUT,
        /** Anything else: a bad request, an unreachable endpoint, a server error. */
        FAILED;

        /** True for the outcomes that are faults worth a warning and a later retry. */
        public boolean isFault() {
            return this == ACCESS_DENIED || this == THROTTLED || this == TIMEOUT || this == FAILED;
        }
    }

    public FetchResult {
        Objects.requireNonNull(outcome, "outcome");
        series = List.copyOf(series);
        bandLower = List.copyOf(bandLower);
        bandUpper = List.copyOf(bandUpper);
    }

    /** A result without data. */
    static FetchResult without(Outcome outcome, int calls, String reason) {
        return new FetchResult(outcome, List.of(), List.of(), List.of(), calls, reason);
    }

    /** The same result, as served from the cache (no calls made). */
    FetchResult fromCache() {
        return new FetchResult(outcome, series, bandLower, bandUpper, 0, reason + " (cached)");
    }
}
