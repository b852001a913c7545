package io.alertbridge.connectors.sqs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The messages of one queue that the bridge holds (received, not yet deleted or given back), bounded by
 * {@code maxInFlight}. Receivers reserve room before each receive and return what they did not use; a message gives
 * its slot back when it is finished. That bound is the bridge's backpressure: when Kafka is slow or down, messages
 * stay in flight, the slots run out and receiving pauses until Kafka answers again.
 *
 * <p>Thread-safe.
 */
final class InFlightTracker {

    private final Semaphore slots;
    private final Set<InFlightMessage> messages = ConcurrentHashMap.newKeySet();

    InFlightTracker(int maxInFlight) {
        this.slots = new Semaphore(maxInFlight);
    }

    /**
     * Reserves between 1 and {@code max} slots: waits up to {@code timeoutMillis} for one, then takes as many more as
     * are free, so that receiving goes on with smaller batches near the bound instead of stopping short of it.
     *
     * @return the number reserved, 0 when none freed up in time
     */
    int reserve(int max, long timeoutMillis) throws InterruptedException {
        if (!slots.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int reserved = 1;
        while (reserved < max && slots.tryAcquire()) {
            reserved++;
        }
        return reserved;
    }

    /** Returns reserved slots that no message took. */
    void unreserve(int count) {
        if (count > 0) {
            slots.release(count);
        }
    }

    /** Registers a received message; it occupies one of the slots its receiver reserved. */
    void track(InFlightMessage message) {
        messages.add(message);
    }

    /** Finishes a message and frees its slot; true only for the first call per message. */
    boolean finish(InFlightMessage message) {
        if (message.finish()) {
            messages.remove(message);
            slots.release();
            return true;
        }
        return false;
    }

    /** The messages held now, in no particular order. */
    List<InFlightMessage> snapshot() {
        return List.copyOf(messages);
    }

    int size() {
        return messages.size();
    }
}
