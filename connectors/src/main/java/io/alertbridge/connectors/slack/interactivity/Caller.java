package io.alertbridge.connectors.slack.interactivity;

/**
 * Who asked, from where, and how to answer them later: taken from a button click's or a slash command's payload.
 * Immutable.
 *
 * @param userId the Slack user id, or null when the payload carried none
 * @param userName the user's name as the payload gave it, or null
 * @param teamId the user's workspace, or null
 * @param channelId the channel the request came from, or null
 * @param channelName that channel's name, or null
 * @param responseUrl where follow-up answers go (Slack's {@code response_url}), or null; never logged
 * @param triggerId Slack's id of this interaction, or null
 * @param requestKey what identifies the request (see {@link RequestIds#requestKey}), from which the ids of what it
 *     creates are derived; the trigger id when there is one, else a digest of the raw body; null when unknown
 */
record Caller(
        String userId,
        String userName,
        String teamId,
        String channelId,
        String channelName,
        String responseUrl,
        String triggerId,
        String requestKey) {

    /** A caller whose request is known by its trigger id alone. */
    Caller(
            String userId,
            String userName,
            String teamId,
            String channelId,
            String channelName,
            String responseUrl,
            String triggerId) {
        this(
                userId,
                userName,
                teamId,
                channelId,
                channelName,
                responseUrl,
                triggerId,
                RequestIds.requestKey(triggerId, null));
    }

    /** True when the payload said who the person is. */
    boolean known() {
        return userId != null && !userId.isBlank();
    }

    /** The name for timelines: the user name when given, else the id. */
    String displayName() {
        return userName != null && !userName.isBlank() ? userName : userId;
    }
}
