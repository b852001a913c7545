package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;

import java.util.List;

/**
 * Decides which Events API v2 actions an incident change needs in PagerDuty, from what was last delivered for it,
 * with the reason. A pure function.
 *
 * <ul>
 *   <li>Unknown before (first change seen, or after a restart): trigger when open; trigger then acknowledge when
 *       acknowledged (the dedup key makes a repeated trigger harmless); resolve when resolved (PagerDuty ignores a
 *       resolve for a key it does not know).
 *   <li>Known: only transitions: open → trigger (also a reopen after resolve), acknowledged → acknowledge
 *       (after a trigger if it had been resolved), resolved → resolve. A change within one state sends nothing
 *       (PagerDuty shows state, not every member's update). Unacknowledged sends nothing: the Events API has no
 *       such action.
 *   <li>No loop: an acknowledgement or resolution that came from PagerDuty ({@link #FROM_PAGERDUTY} on who did it)
 *       is not sent back.
 * </ul>
 */
public final class PagerDutyPlan {

    /** The prefix of the user id of actions that came from PagerDuty's webhooks. */
    public static final String FROM_PAGERDUTY = "pagerduty:";

    private PagerDutyPlan() {}

    /** An Events API v2 action. */
    public enum Action {
        TRIGGER,
        ACKNOWLEDGE,
        RESOLVE;

        /** As {@code event_action} writes it. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The plan for one change.
     *
     * @param actions what to send, in order (possibly none)
     * @param reason why, for the debug log
     */
    public record Plan(List<Action> actions, String reason) {}

    /** The actions {@code incident} needs after {@code previous} (null: unknown). */
    public static Plan plan(Incident incident, Delivered previous) {
        IncidentState now = incident.state();
        IncidentState before = previous == null ? null : previous.state();
        if (before == now) {
            return new Plan(List.of(), "still " + now + ": nothing to change in PagerDuty");
        }
        return switch (now) {
            case OPEN ->
                before == IncidentState.ACKNOWLEDGED
                        ? new Plan(List.of(), "unacknowledged: the Events API cannot unacknowledge")
                        : new Plan(List.of(Action.TRIGGER), before == null ? "open" : "reopened");
            case ACKNOWLEDGED -> acknowledged(incident, before);
            case RESOLVED ->
                fromPagerDuty(incident.resolvedBy())
                        ? new Plan(List.of(), "resolved in PagerDuty: not sent back")
                        : new Plan(List.of(Action.RESOLVE), "resolved");
        };
    }

    private static Plan acknowledged(Incident incident, IncidentState before) {
        boolean needsTrigger = before == null || before == IncidentState.RESOLVED;
        if (fromPagerDuty(incident.acknowledgedBy())) {
            return needsTrigger
                    ? new Plan(List.of(Action.TRIGGER), "acknowledged in PagerDuty: only the trigger is sent")
                    : new Plan(List.of(), "acknowledged in PagerDuty: not sent back");
        }
        return needsTrigger
                ? new Plan(List.of(Action.TRIGGER, Action.ACKNOWLEDGE), "acknowledged, not known as triggered")
                : new Plan(List.of(Action.ACKNOWLEDGE), "acknowledged");
    }

    /** True when who acted is PagerDuty (a webhook's action). */
    public static boolean fromPagerDuty(String userId) {
        return userId != null && userId.startsWith(FROM_PAGERDUTY);
    }
}
