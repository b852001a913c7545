package io.alertbridge.connectors.receivers.pagerduty;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook event ids accepted recently, so that a replayed request (same event id) is not applied again. An id
 * is kept for twice the age tolerance (an older replay is refused as stale anyway) and at most {@code capacity}.
 *
 * <p>Thread-safe (synchronized; requests are few).
 */
public final class RecentEvents {

    private final Duration keep;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public RecentEvents(Duration keep, int capacity) {
        this.keep = keep;
        this.capacity = capacity;
    }

    /** True when {@code id} was remembered (and not yet forgotten) before {@code now}. */
    public synchronized boolean seen(String id, Instant now) {
        expire(now);
        return seen.containsKey(id);
    }

    /** Remembers {@code id} as accepted at {@code now}. */
    public synchronized void remember(String id, Instant now) {
        expire(now);
        seen.put(id, now);
        while (seen.size() > capacity) {
            Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().plus(keep).isBefore(now)) {
            it.remove();
        }
    }
}
