package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * An answer to a person in Slack: {@code mrkdwn} text, ephemeral (only they see it) unless they asked to share
 * it, and optionally Block Kit blocks (then the text is the notification and accessibility fallback). Immutable.
 *
 * @param text the text
 * @param inChannel true to show it to the whole channel
 * @param blocks Block Kit blocks (a JSON array), or null for a text-only answer
 */
record Reply(String text, boolean inChannel, JsonNode blocks) {

    Reply {
        Objects.requireNonNull(text, "text");
    }

    /** A text-only answer. */
    Reply(String text, boolean inChannel) {
        this(text, inChannel, null);
    }

    static Reply ephemeral(String text) {
        return new Reply(text, false);
    }

    /** This reply shown to the channel when {@code shared}, else to the person only. */
    Reply shared(boolean shared) {
        return new Reply(text, shared, blocks);
    }

    /** Slack's {@code response_type}. */
    String responseType() {
        return inChannel ? "in_channel" : "ephemeral";
    }
}
