package io.alertbridge.connectors.slack.channels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who leaves an incident channel when people were taken out of its route's {@code responders}. Pure and
 * thread-safe.
 *
 * <ul>
 *   <li>A former responder who is in the channel is removed,
 *   <li>except the person who acted last on the incident: they are working on it, so they stay, and a note in the
 *       thread says so (anyone allowed may still {@code /alerts remove} them);
 *   <li>a former responder who is not in the channel (left, or never joined) is left alone.
 * </ul>
 */
public final class ResponderRemovals {

    private ResponderRemovals() {}

    /**
     * The decision.
     *
     * @param removals the Slack user ids to remove from the channel
     * @param notes sentences for the incident's thread (mrkdwn), one per person kept
     * @param reasons why, per former responder, for logs and tests
     */
    public record Decision(List<String> removals, List<String> notes, List<String> reasons) {
        public Decision {
            removals = List.copyOf(removals);
            notes = List.copyOf(notes);
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Decides.
     *
     * @param former the Slack user ids of the people taken out of the route's responders
     * @param members the channel's members now
     * @param lastActor the Slack user id of who acted last on the incident, or null
     */
    public static Decision decide(Collection<String> former, Set<String> members, String lastActor) {
        List<String> removals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String user : former) {
            if (!members.contains(user)) {
                reasons.add(user + " is not in the channel");
            } else if (user.equals(lastActor)) {
                notes.add("<@" + user + "> is no longer a responder of this route but acted last on this incident, "
                        + "so they stay in its channel (`/alerts remove` takes them out).");
                reasons.add(user + " acted last: kept");
            } else if (!removals.contains(user)) {
                removals.add(user);
                reasons.add(user + " is no longer a responder: removed");
            }
        }
        return new Decision(removals, notes, reasons);
    }
}
