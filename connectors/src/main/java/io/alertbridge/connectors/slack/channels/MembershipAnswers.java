package io.alertbridge.connectors.slack.channels;

import java.util.Locale;

/**
 * Slack's refusals of {@code conversations.invite} and {@code conversations.kick} in plain words for the person who
 * asked for the change: what happened and, where there is one, what they can do. Pure and thread-safe.
 */
public final class MembershipAnswers {

    private MembershipAnswers() {}

    /**
     * The sentence for a refusal.
     *
     * @param invite true for an invitation, false for a removal
     * @param who the person concerned, as mrkdwn (a mention)
     * @param incidentId the incident whose channel it is
     * @param error Slack's error code
     */
    public static String refusal(boolean invite, String who, String incidentId, String error) {
        String code = error == null ? "unknown_error" : error.toLowerCase(Locale.ROOT);
        String channel = "the channel of " + incidentId;
        return switch (code) {
            case "cant_kick_self" -> "I cannot remove myself from " + channel + ": I keep it up to date.";
            case "not_in_channel" ->
                invite
                        ? "I am no longer in " + channel + ", so I cannot invite anyone to it."
                        : who + " is not in " + channel + ", so there was nobody to remove.";
            case "cant_kick_from_general" -> "Nobody can be removed from the workspace's general channel.";
            case "restricted_action" ->
                "This workspace's settings do not let me " + (invite ? "invite people to " : "remove people from ")
                        + "channels. A workspace admin can change that, or do it by hand.";
            case "already_in_channel" -> who + " is already in " + channel + ".";
            case "user_not_found", "users_not_found" ->
                "Slack does not know " + who + " (a deactivated account, or someone from another workspace).";
            case "cant_invite_self" -> "I am in " + channel + " already.";
            case "cant_invite" -> who + " cannot be invited to " + channel + " (a guest or a bot Slack will not add).";
            case "is_archived" ->
                channel.substring(0, 1).toUpperCase(Locale.ROOT) + channel.substring(1) + " is archived; nobody can be "
                        + (invite ? "invited to" : "removed from") + " it.";
            case "channel_not_found" -> "I cannot find " + channel + " any more; it may have been deleted.";
            case "no_incident_channel" -> incidentId + " has no channel of its own.";
            default ->
                "Slack refused to " + (invite ? "invite " : "remove ") + who + (invite ? " to " : " from ") + channel
                        + " (" + code + ").";
        };
    }
}
