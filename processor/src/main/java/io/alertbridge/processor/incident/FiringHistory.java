package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One fingerprint's recent firings, as the transient-alert hold ({@link TransientHold}) needs them: how long each of
 * its last firings lasted (FIRING to RESOLVED), oldest first, and when the current one began. Value of the
 * lifecycle's {@code lifecycle-firing-history} store, keyed by fingerprint. Immutable.
 *
 * @param firingSince when its current firing began, or null when it is not firing
 * @param durationsMillis how long its last firings lasted, oldest first, at most {@link #MAX_KEPT}
 */
public record FiringHistory(Instant firingSince, List<Long> durationsMillis) {

    /** The most firings kept per fingerprint, whatever a route asks for (a route's {@code lastFirings} is at most this). */
    public static final int MAX_KEPT = 100;

    /** A fingerprint never seen. */
    public static final FiringHistory EMPTY = new FiringHistory(null, List.of());

    public FiringHistory {
        durationsMillis = durationsMillis == null ? List.of() : List.copyOf(durationsMillis);
    }

    /**
     * The history after an alert of this fingerprint: a FIRING starts a firing (a repeated FIRING keeps the first
     * start), a RESOLVED ends one and records its duration; anything else changes nothing. A RESOLVED without a known
     * start (the firing began before the history existed) records nothing: its length is unknown.
     */
    public FiringHistory after(AlertStatus status, Instant at) {
        if (status == AlertStatus.FIRING) {
            return firingSince != null ? this : new FiringHistory(at, durationsMillis);
        }
        if (status == AlertStatus.RESOLVED && firingSince != null) {
            List<Long> next = new ArrayList<>(durationsMillis);
            next.add(Math.max(0, Duration.between(firingSince, at).toMillis()));
            while (next.size() > MAX_KEPT) {
                next.remove(0);
            }
            return new FiringHistory(null, next);
        }
        return this;
    }

    /** The durations of its last {@code n} firings, oldest first. */
    public List<Duration> last(int n) {
        return durationsMillis.subList(Math.max(0, durationsMillis.size() - n), durationsMillis.size()).stream()
                .map(Duration::ofMillis)
                .toList();
    }
}
