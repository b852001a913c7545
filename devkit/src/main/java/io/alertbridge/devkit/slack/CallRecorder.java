package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps every Web API call in order with its arguments and answer, for tests. Keeps the latest
 * {@value #CAPACITY} so a long dev session does not grow without bound.
 *
 * <p>Thread-safe (synchronized).
 */
final class CallRecorder {

    static final int CAPACITY = 20_000;

    private final Clock clock;
    private final Deque<ApiCall> calls = new ArrayDeque<>();
    private long sequence;

    CallRecorder(Clock clock) {
        this.clock = clock;
    }

    /** The clock the handler stamps arrivals with. */
    Clock clock() {
        return clock;
    }

    /**
     * Records a call stamped with the instant it arrived: the handler reads the clock before it reads the request,
     * so a call that waited for the workspace's lock (or a slow body) keeps the time the client sent it, which is
     * what latency measurements compare against.
     */
    synchronized ApiCall record(
            Instant arrivedAt, String method, JsonNode params, int status, JsonNode response, int retryAfter) {
        ApiCall call =
                new ApiCall(++sequence, arrivedAt, method, params.deepCopy(), status, response.deepCopy(), retryAfter);
        calls.addLast(call);
        if (calls.size() > CAPACITY) {
            calls.removeFirst();
        }
        return call;
    }

    synchronized List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
