package io.alertbridge.connectors.slack.interactivity;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests this instance already took, so that a replayed request (the same signed bytes sent again) or Slack's
 * retry of one ({@code X-Slack-Retry-Num}, the same body signed anew) is answered without effect. A request is known
 * by a digest of its raw body, which carries Slack's {@code trigger_id} (or, for a click, its {@code action_ts}), so
 * two different requests never share one.
 *
 * <p>Bounded and expiring: an entry is kept for {@code ttl} (twice the five minutes a timestamp may be away from now,
 * so the whole window in which a captured request could still pass the signature check), and at most
 * {@code capacity} entries are kept; when full, the oldest goes first. Only this instance remembers: across
 * instances, the ids of what a request creates are derived from the request ({@link RequestIds}), so a replay that
 * reaches another instance writes the same silence id (one rule in the compacted rules topic) or the same action id
 * (which the processor applies once).
 *
 * <p>Thread-safe.
 */
final class SeenRequests {

    private final Duration ttl;
    private final int capacity;
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();
    private long evictedEarly;

    SeenRequests(Duration ttl, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /**
     * Remembers the key, and says whether it is new.
     *
     * @param key the request's digest
     * @param now the current time
     * @return true the first time within {@code ttl}; false for a repeat
     */
    synchronized boolean firstTime(String key, Instant now) {
        expire(now);
        Instant until = expiries.get(key);
        if (until != null) {
            return false;
        }
        if (expiries.size() >= capacity) {
            Iterator<Map.Entry<String, Instant>> oldest = expiries.entrySet().iterator();
            oldest.next();
            oldest.remove();
            evictedEarly++;
        }
        expiries.put(key, now.plus(ttl));
        return true;
    }

    /** How many requests are remembered now. */
    synchronized int size() {
        return expiries.size();
    }

    /** How many were forgotten before their time because the set was full (a repeat of one would be taken again). */
    synchronized long evictedEarly() {
        return evictedEarly;
    }

    /** Entries are in insertion order with one ttl, so the expired ones are at the head. */
    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isAfter(now)) {
                return;
            }
            it.remove();
        }
    }
}
