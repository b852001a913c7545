package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.RouteRule;

import java.time.Duration;
import java.util.List;

/**
 * Decides whether the first post of an alert's incident is held because the alert's own history shows it usually
 * clears by itself: at least {@code share} of its last {@code lastFirings} firings resolved within
 * {@code clearedWithin}, with at least {@code minFirings} firings known. Pure and thread-safe.
 */
public final class TransientHold {

    private TransientHold() {}

    /**
     * Whether to hold, and why.
     *
     * @param hold whether to hold
     * @param holdFor how long (the route's {@code maxHold}); zero when not held
     * @param reason why, in words people read ("held for 4m because 17 of its last 20 firings cleared within 4m")
     */
    public record Decision(boolean hold, Duration holdFor, String reason) {

        /** Not held. */
        static Decision no(String reason) {
            return new Decision(false, Duration.ZERO, reason);
        }
    }

    /**
     * The decision for a fingerprint's new firing.
     *
     * @param history the fingerprint's past firings
     * @param option the route's hold, or null when the route holds nothing
     */
    public static Decision decide(FiringHistory history, RouteRule.Hold option) {
        if (option == null) {
            return Decision.no("the route holds nothing");
        }
        List<Duration> last = history.last(option.lastFirings());
        if (last.size() < option.minFirings()) {
            return Decision.no("only " + last.size() + " firings known, the hold needs " + option.minFirings());
        }
        long cleared = last.stream()
                .filter(d -> d.compareTo(option.clearedWithin()) <= 0)
                .count();
        String counted = cleared + " of its last " + last.size() + " firings cleared within "
                + Durations.human(option.clearedWithin());
        // Compared in integers: 0.8 * 20 must be 16 exactly, not 16.000000000000004.
        if (cleared * 1000 >= Math.round(option.share() * 1000) * last.size()) {
            return new Decision(
                    true, option.maxHold(), "held for " + Durations.human(option.maxHold()) + " because " + counted);
        }
        return Decision.no("not held: only " + counted + " (the hold needs " + Math.round(option.share() * 100) + "%)");
    }
}
