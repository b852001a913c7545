package io.alertbridge.connectors.slack.replay;

import com.google.gson.Gson;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/**
 * Marks a replayed main message (an incident's or a digest's) visibly as a replay, after the renderer has done its
 * work (the renderer itself stays as production uses it): the notification text starts with
 * {@value #TEXT_PREFIX}, the first attachment opens with a context line such as "Replay of 2026-11-14 00:00 UTC ..
 * 2026-11-21 00:00 UTC under rules.yaml · run k3x9q1 · routed to #payments-alerts", and the metadata payload gains
 * {@code replay_run}. The line's parts come from outside (a file name, a channel name) and are escaped. When the
 * message already has Slack's 50 blocks the line is left out and the text prefix alone marks it.
 *
 * <p>Used by one thread (the poster's): {@link #routedTo} sets the channel of the message about to be rendered.
 */
public final class ReplayMarker implements UnaryOperator<RenderedMessage> {

    /** What every replayed main message's text starts with. */
    static final String TEXT_PREFIX = ":repeat: *Replay* · ";
    /** The metadata payload key holding the run's id. */
    static final String RUN_KEY = "replay_run";

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final String label;
    private final String run;
    private String routeChannel;

    /**
     * @param label what was replayed, in plain text ("2026-11-14 00:00 UTC .. 2026-11-21 00:00 UTC under
     *     rules.yaml"); escaped here
     * @param run the run's id
     */
    public ReplayMarker(String label, String run) {
        this.label = label;
        this.run = run;
    }

    /** The channel the route chose for the message rendered next (shown in the line), or null. */
    void routedTo(String channel) {
        this.routeChannel = channel;
    }

    /** The context line's mrkdwn. */
    String line() {
        StringBuilder out = new StringBuilder(":repeat: Replay of ").append(MrkdwnEscaper.escape(label));
        out.append(" · run ").append(MrkdwnEscaper.escape(run));
        if (routeChannel != null && !routeChannel.isBlank()) {
            out.append(" · routed to ").append(MrkdwnEscaper.escape(routeChannel));
        }
        return MrkdwnEscaper.truncate(out.toString(), IncidentMessageRenderer.MAX_FIELD_CHARS);
    }

    @Override
    public RenderedMessage apply(RenderedMessage message) {
        String text = MrkdwnEscaper.truncate(TEXT_PREFIX + message.text(), IncidentMessageRenderer.MAX_SECTION_CHARS);
        List<Attachment> attachments = new ArrayList<>(message.attachments());
        if (!attachments.isEmpty() && message.blockCount() < IncidentMessageRenderer.MAX_BLOCKS) {
            Attachment first = GSON.fromJson(GSON.toJson(attachments.get(0)), Attachment.class);
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(context("replay", List.of(markdownText(line()))));
            if (first.getBlocks() != null) {
                blocks.addAll(first.getBlocks());
            }
            first.setBlocks(blocks);
            attachments.set(0, first);
        }
        Message.Metadata metadata = message.metadata();
        if (metadata != null) {
            Map<String, Object> payload = new LinkedHashMap<>();
            if (metadata.getEventPayload() != null) {
                payload.putAll(metadata.getEventPayload());
            }
            payload.put(RUN_KEY, run);
            metadata = new Message.Metadata(metadata.getEventType(), payload);
        }
        return new RenderedMessage(text, message.blocks(), attachments, metadata);
    }
}
