package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;

import java.time.Duration;
import java.time.Instant;

/**
 * When an incident nobody acknowledged escalates: level 1, a reminder in the thread, once it has been OPEN for the
 * route's {@code remindAfter}; level 2, a reply that mentions the route's {@code mention}, after {@code mentionAfter}.
 * Each level is reached once per stretch of being unacknowledged; when both are due at once (a snooze just ended),
 * only the mention is sent.
 *
 * <p>Only OPEN incidents with at least one member firing and not silenced escalate; a snoozed incident waits until its
 * snooze ends. The clock ({@code openSince}, {@link #clock}) starts when the incident opens, when someone
 * unacknowledges it, when it reopens to OPEN (whether it had resolved by itself or by a person's hand), and when it
 * becomes audible after it had not been. Each opening escalates afresh: its reminder and its mention once each,
 * counted from that opening. An alarm that resolves and fires again faster than the route's {@code remindAfter} is
 * therefore never reminded of; its message shows it reopening each time, and the flapping is told in its thread.
 * Times are wall-clock: this is about people's time. Thread-safe (stateless).
 */
public final class Escalations {

    private Escalations() {}

    /**
     * Decides whether an incident escalates now, and when to look again.
     *
     * @param incident the incident
     * @param openSince the start of its current unacknowledged stretch
     * @param escalation the route's escalation, or null for none
     * @param now the wall-clock instant
     */
    public static Decision decide(Incident incident, Instant openSince, RouteRule.Escalation escalation, Instant now) {
        if (escalation == null || (escalation.remindAfter() == null && escalation.mentionAfter() == null)) {
            return Decision.none("the route does not escalate");
        }
        if (incident.state() != IncidentState.OPEN) {
            return Decision.none("it is " + incident.state());
        }
        if (!audible(incident)) {
            return Decision.none("nothing is firing that is not silenced");
        }
        if (incident.isSnoozedAt(now)) {
            return new Decision(0, null, incident.snoozedUntil(), "snoozed until " + incident.snoozedUntil());
        }
        Duration elapsed = Duration.between(openSince, now);
        int due = 0;
        if (reached(escalation.mentionAfter(), elapsed)) {
            due = 2;
        } else if (reached(escalation.remindAfter(), elapsed)) {
            due = 1;
        }
        int level = Math.max(due, incident.escalationLevel());
        Instant next = nextThreshold(escalation, openSince, level);
        if (due > incident.escalationLevel()) {
            String mention = due == 2 ? escalation.mention() : null;
            return new Decision(
                    due, mention, next, "unacknowledged for " + Durations.human(elapsed) + ": level " + due);
        }
        return new Decision(0, null, next, "level " + incident.escalationLevel() + " reached; next at " + next);
    }

    /**
     * Where the escalation clock of an incident stands after a change that an alert or a person made to it.
     *
     * @param before the incident before the change
     * @param applied the change ({@link Lifecycle#apply}): {@link Transition#restartEscalation} when it opened the
     *     incident again (reopened to OPEN, unacknowledged)
     * @param openSince where the clock stood before the change
     * @param now the wall-clock instant of the change
     */
    public static Clock clock(Incident before, Transition applied, Instant openSince, Instant now) {
        if (applied.restartEscalation()) {
            return new Clock(now, true, "escalation starts again: " + applied.reason());
        }
        boolean reopened = before.state() == IncidentState.RESOLVED;
        if (!reopened && !audible(before) && audible(applied.incident())) {
            return new Clock(now, true, "people hear of it only now: something fires that is not silenced");
        }
        return new Clock(openSince, false, "the clock runs on from " + openSince);
    }

    /** True when a member fires and is not silenced. */
    static boolean audible(Incident incident) {
        return incident.members().stream().anyMatch(m -> m.status() == AlertStatus.FIRING && !m.suppressed());
    }

    private static boolean reached(Duration threshold, Duration elapsed) {
        return threshold != null && elapsed.compareTo(threshold) >= 0;
    }

    private static Instant nextThreshold(RouteRule.Escalation escalation, Instant openSince, int level) {
        if (level < 1 && escalation.remindAfter() != null) {
            Instant remind = openSince.plus(escalation.remindAfter());
            if (escalation.mentionAfter() != null) {
                Instant mention = openSince.plus(escalation.mentionAfter());
                return mention.isBefore(remind) ? mention : remind;
            }
            return remind;
        }
        if (level < 2 && escalation.mentionAfter() != null) {
            return openSince.plus(escalation.mentionAfter());
        }
        return null;
    }

    /**
     * The escalation clock after a change.
     *
     * @param openSince the start of the incident's current unacknowledged stretch, from which the route's delays count
     * @param restarted whether the change started it again
     * @param reason why, for logs and tests
     */
    public record Clock(Instant openSince, boolean restarted, String reason) {}

    /**
     * An escalation decision.
     *
     * @param level the level to escalate to now, or 0 for none
     * @param mention who to mention (level 2 only), or null
     * @param nextCheck when to decide again, or null when nothing more can happen until the incident changes
     * @param reason why, for logs and tests
     */
    public record Decision(int level, String mention, Instant nextCheck, String reason) {

        static Decision none(String reason) {
            return new Decision(0, null, null, reason);
        }

        /** True when the incident escalates now. */
        public boolean escalates() {
            return level > 0;
        }
    }
}
