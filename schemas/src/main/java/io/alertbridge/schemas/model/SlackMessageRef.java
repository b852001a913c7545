package io.alertbridge.schemas.model;

import java.util.Objects;

/**
 * Where an incident's Slack message lives.
 *
 * @param channelId Slack channel id (not name)
 * @param ts the message's timestamp id; also the thread's parent
 */
public record SlackMessageRef(String channelId, String ts) {
    public SlackMessageRef {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(ts, "ts");
    }
}
