package io.alertbridge.processor.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.replay.ReplayPoster;
import io.alertbridge.processor.config.Deferred;
import io.alertbridge.schemas.serde.Json;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The processor's side of {@code alertbridge replay --post-to}: the Slack settings it posts with, the label that
 * marks every replayed message, and how what was posted is told (terminal and JSON report). The posting itself is
 * {@link ReplayPoster}'s, fed through {@link Replay.NotificationListener}. Stateless and thread-safe.
 */
public final class ReplayReview {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReplayReview() {}

    /**
     * The Slack settings of the sink (the YAML's {@code slack:} section, {@code SLACK_BOT_TOKEN},
     * {@code SLACK_API_URL}), for posting a replay.
     *
     * @param sink the sink's slice of the loaded configuration
     * @throws IllegalArgumentException saying that {@code --post-to} needs Slack, and what is missing or wrong
     */
    public static SlackSinkConfig slackConfig(Deferred<SlackSinkConfig> sink) {
        try {
            return sink.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--post-to needs Slack configured (the slack: section of the configuration, or SLACK_BOT_TOKEN "
                            + "and SLACK_API_URL): " + e.getMessage(),
                    e);
        }
    }

    /** What was replayed, for the line on every replayed message: "2026-11-14 00:00 UTC .. ... under rules.yaml". */
    public static String label(Instant from, Instant to, Path rules) {
        String range = (from == null ? "the beginning" : MINUTE.format(from) + " UTC") + " .. "
                + (to == null ? "now" : MINUTE.format(to) + " UTC");
        Path name = rules == null ? null : rules.getFileName();
        return range + " under " + (name == null ? "the configured rules" : name.toString());
    }

    /** The terminal's account of what was posted. */
    public static List<String> summaryLines(ReplayPoster.Summary posted) {
        String where = posted.channel().equals(posted.channelId())
                ? posted.channel()
                : posted.channel() + " (" + posted.channelId() + ")";
        return List.of(
                String.format(
                        "Posted to %s as run %s (replayed ids read replay-%s-<id>; their buttons act on nothing):",
                        where, posted.run(), posted.run()),
                String.format(
                        "  %d message(s): %d posted, %d edited in place; %d thread replies",
                        posted.messages(), posted.posted(), posted.edited(), posted.replies()),
                String.format(
                        "  %d command(s) from the replay; %d older snapshots skipped; %d incident-channel notes "
                                + "without a message; %d refused by Slack %s",
                        posted.submitted(),
                        posted.coalesced() + posted.stale(),
                        posted.skipped(),
                        posted.failures(),
                        posted.failed().isEmpty() ? "" : posted.failed().toString()));
    }

    /** The report's {@code posting} object. */
    public static ObjectNode toJson(ReplayPoster.Summary posted) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("channel", posted.channel())
                .put("channelId", posted.channelId())
                .put("run", posted.run());
        json.put("submitted", posted.submitted()).put("messages", posted.messages());
        json.put("posted", posted.posted()).put("edited", posted.edited()).put("replies", posted.replies());
        json.put("coalesced", posted.coalesced()).put("stale", posted.stale()).put("skipped", posted.skipped());
        json.set("failed", Json.mapper().valueToTree(posted.failed()));
        return json;
    }
}
