package io.alertbridge.connectors.receivers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a receiver last delivered per incident id, so that a stale copy (a lower version, re-read after a rebalance)
 * is not sent again and a destination can send only what changed. Bounded: the incidents least recently changed are
 * forgotten first (a forgotten incident is treated as never seen, which every destination handles).
 *
 * <p>Used by the receiver's loop thread only.
 */
public final class DeliveryMemory {

    /** Incidents remembered by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, Delivered> byIncident;

    public DeliveryMemory(int capacity) {
        this.byIncident = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Delivered> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What was last delivered for the incident, or null. */
    public Delivered get(String incidentId) {
        return byIncident.get(incidentId);
    }

    public void put(String incidentId, Delivered delivered) {
        byIncident.put(incidentId, delivered);
    }
}
