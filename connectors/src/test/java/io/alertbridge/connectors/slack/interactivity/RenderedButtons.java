package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.model.Attachment;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.alertbridge.connectors.slack.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.RenderedMessage;
import io.alertbridge.schemas.model.Incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The buttons the Slack sink really renders for an incident: what a person clicks. */
final class RenderedButtons {

    private RenderedButtons() {}

    /** Every button of the incident's message, top-level and inside attachments. */
    static List<ButtonElement> of(Incident incident, Clock clock) {
        RenderedMessage message =
                new IncidentMessageRenderer(clock).render(incident, IncidentMessageRenderer.View.standard());
        List<LayoutBlock> blocks = new ArrayList<>(message.blocks());
        for (Attachment attachment : message.attachments()) {
            if (attachment.getBlocks() != null) {
                blocks.addAll(attachment.getBlocks());
            }
        }
        List<ButtonElement> buttons = new ArrayList<>();
        for (LayoutBlock block : blocks) {
            if (block instanceof ActionsBlock actions) {
                for (BlockElement element : actions.getElements()) {
                    if (element instanceof ButtonElement button) {
                        buttons.add(button);
                    }
                }
            }
        }
        return buttons;
    }

    /** The button with this action id. */
    static ButtonElement button(Incident incident, Clock clock, String actionId) {
        return of(incident, clock).stream()
                .filter(b -> actionId.equals(b.getActionId()))
                .findFirst()
                .orElseThrow(
                        () -> new NoSuchElementException("no " + actionId + " button on " + incident.incidentId()));
    }
}
