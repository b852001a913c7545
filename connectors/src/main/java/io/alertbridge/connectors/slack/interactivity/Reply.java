package io.alertbridge.connectors.slack.interactivity;

import java.util.Objects;

/**
 * An answer to a person in Slack: {@code mrkdwn} text, ephemeral (only they see it) unless they asked to share
 * it. Immutable.
 *
 * @param text the text
 * @param inChannel true to show it to the whole channel
 */
record Reply(String text, boolean inChannel) {

    Reply {
        Objects.requireNonNull(text, "text");
    }

    static Reply ephemeral(String text) {
        return new Reply(text, false);
    }

    /** This reply shown to the channel when {@code shared}, else to the person only. */
    Reply shared(boolean shared) {
        return new Reply(text, shared);
    }

    /** Slack's {@code response_type}. */
    String responseType() {
        return inChannel ? "in_channel" : "ephemeral";
    }
}
