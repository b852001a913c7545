package io.alertbridge.devkit.slack;

import java.util.Set;

/**
 * A snapshot of a channel of a {@link LocalSlackWorkspace}, for tests. Later changes to the channel do not show
 * in it; ask the workspace again.
 *
 * @param id the channel id ({@code C...}), what Slack's methods other than {@code chat.postMessage} insist on
 * @param name the name without {@code #}
 * @param isPrivate whether it is a private channel
 * @param isArchived whether it is archived
 * @param creator the id of the user who created it
 * @param created when it was created, in epoch seconds
 * @param members the ids of its members, the bot's included when it is in
 */
public record SlackChannel(
        String id,
        String name,
        boolean isPrivate,
        boolean isArchived,
        String creator,
        long created,
        Set<String> members) {

    public SlackChannel {
        members = Set.copyOf(members);
    }

    /** Whether the user with this id is in the channel. */
    public boolean hasMember(String userId) {
        return members.contains(userId);
    }
}
