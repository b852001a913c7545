package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;

import java.time.Instant;

/**
 * Whether an alert event passes, given what its fingerprint did before. INFO events are one-shot and always pass
 * (only their event id is deduplicated). A FIRING or RESOLVED is dropped when it is older than the newest FIRING or
 * RESOLVED seen for the fingerprint, whether that one passed or not (ordering by {@code occurredAt}: a late OK older
 * than the ALARM that followed it resolves nothing), when it repeats the current status, or, if so configured, when
 * it is a RESOLVED for a fingerprint that never fired here.
 *
 * <p>The guarantee: whatever order a fingerprint's transitions arrive in, duplicates included, the last status that
 * passes is the status of the newest transition, and something passes exactly when some transition is a FIRING
 * (nothing passes when every transition is a RESOLVED). So a FIRING that arrives after the newer RESOLVED that
 * cleared it (SQS redelivers a message after a crash, long after the next one went through) still opens its incident:
 * it passes, followed by that RESOLVED ({@link Verdict#thenResolvedAt()}), as if they had arrived in order.
 * Every event that is not late therefore advances the remembered newest time, even when it is dropped. Transitions
 * with the same {@code occurredAt} are ordered by arrival. Pure and thread-safe.
 */
public final class Deduplication {

    private Deduplication() {}

    /**
     * Decides.
     *
     * @param last what the fingerprint did before, or null when nothing is known
     * @param event the event
     * @param dropResolvedWithoutFiring whether a RESOLVED with nothing to resolve is dropped
     */
    public static Verdict decide(LastTransition last, AlertEvent event, boolean dropResolvedWithoutFiring) {
        if (event.status() == AlertStatus.INFO) {
            return new Verdict(true, null, "INFO is one-shot: no status to repeat");
        }
        if (last != null && event.occurredAt().isBefore(last.newest())) {
            if (last.status() == null && event.status() == AlertStatus.FIRING) {
                // Only RESOLVEDs were seen, all dropped as resolving nothing, and this FIRING is what they resolved.
                return new Verdict(
                        true,
                        new LastTransition(AlertStatus.RESOLVED, last.newest(), resolvedEventId(event), last.newest()),
                        "late FIRING (occurred at " + event.occurredAt() + ") of a fingerprint whose RESOLVED at "
                                + last.newest() + " arrived first: passes, followed by that RESOLVED",
                        last.newest());
            }
            return new Verdict(
                    false,
                    null,
                    "late: occurred at " + event.occurredAt() + ", before the newest transition seen at "
                            + last.newest() + describePassed(last));
        }
        LastTransition next = new LastTransition(event.status(), event.occurredAt(), event.eventId());
        if (last == null || last.status() == null) {
            if (event.status() == AlertStatus.RESOLVED && dropResolvedWithoutFiring) {
                return new Verdict(
                        false,
                        LastTransition.seenOnly(event.occurredAt()),
                        "RESOLVED for a fingerprint that never fired here: resolves nothing");
            }
            return new Verdict(true, next, "first " + event.status() + " of this fingerprint");
        }
        if (event.status() == last.status()) {
            return new Verdict(
                    false,
                    last.seen(event.occurredAt()),
                    "repeats the current status " + last.status() + " (since " + last.occurredAt() + ")");
        }
        return new Verdict(true, next, last.status() + " -> " + event.status());
    }

    /** The id of the RESOLVED that follows a late FIRING: derived from it, so a replay derives the same. */
    public static String resolvedEventId(AlertEvent firing) {
        return firing.eventId() + ":resolved";
    }

    private static String describePassed(LastTransition last) {
        return last.status() == null
                ? " (nothing passed yet)"
                : " (current status " + last.status() + " since " + last.occurredAt() + ")";
    }

    /**
     * A decision.
     *
     * @param pass whether the event goes on
     * @param remember what to remember of the fingerprint from now on, or null to keep what is remembered
     * @param reason why
     * @param thenResolvedAt when a RESOLVED follows the passed event (a late FIRING whose newer RESOLVED arrived
     *     first and was dropped), the time of that RESOLVED; otherwise null
     */
    public record Verdict(boolean pass, LastTransition remember, String reason, Instant thenResolvedAt) {

        /** A decision after which nothing follows. */
        public Verdict(boolean pass, LastTransition remember, String reason) {
            this(pass, remember, reason, null);
        }
    }
}
