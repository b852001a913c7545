package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;

/**
 * Whether an alert event passes, given its fingerprint's latest transition. INFO events are one-shot and always
 * pass (only their event id is deduplicated). A FIRING or RESOLVED is dropped when it is older than the latest
 * transition (ordering by {@code occurredAt}: a late OK older than the ALARM that followed it resolves nothing),
 * when it repeats the current status, or, if so configured, when it is a RESOLVED for a fingerprint that never fired
 * here. Pure and thread-safe.
 */
public final class Deduplication {

    private Deduplication() {}

    /**
     * Decides.
     *
     * @param last the fingerprint's latest transition, or null when none is known
     * @param event the event
     * @param dropResolvedWithoutFiring whether a RESOLVED with nothing to resolve is dropped
     */
    public static Verdict decide(LastTransition last, AlertEvent event, boolean dropResolvedWithoutFiring) {
        if (event.status() == AlertStatus.INFO) {
            return new Verdict(true, null, "INFO is one-shot: no status to repeat");
        }
        LastTransition next = new LastTransition(event.status(), event.occurredAt(), event.eventId());
        if (last == null) {
            if (event.status() == AlertStatus.RESOLVED && dropResolvedWithoutFiring) {
                return new Verdict(false, null, "RESOLVED for a fingerprint that never fired here: resolves nothing");
            }
            return new Verdict(true, next, "first " + event.status() + " of this fingerprint");
        }
        if (event.occurredAt().isBefore(last.occurredAt())) {
            return new Verdict(
                    false,
                    null,
                    "late: occurred at " + event.occurredAt() + ", before the latest " + last.status() + " at "
                            + last.occurredAt());
        }
        if (event.status() == last.status()) {
            return new Verdict(
                    false, null, "repeats the current status " + last.status() + " (since " + last.occurredAt() + ")");
        }
        return new Verdict(true, next, last.status() + " -> " + event.status());
    }

    /**
     * A decision.
     *
     * @param pass whether the event goes on
     * @param remember the fingerprint's new latest transition, or null to keep the current one
     * @param reason why
     */
    public record Verdict(boolean pass, LastTransition remember, String reason) {}
}
