package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
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

    synchronized ApiCall record(String method, JsonNode params, int status, JsonNode response, int retryAfter) {
        ApiCall call = new ApiCall(
                ++sequence, clock.instant(), method, params.deepCopy(), status, response.deepCopy(), retryAfter);
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
