package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.model.Attachment;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.StaticSelectElement;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.schemas.model.Incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The buttons and the snooze menu the Slack sink really renders for an incident: what a person clicks. */
final class RenderedButtons {

    private RenderedButtons() {}

    /** Every button of the incident's message, top-level and inside attachments. */
    static List<ButtonElement> of(Incident incident, Clock clock) {
        return elements(incident, clock, ButtonElement.class);
    }

    /** The snooze menu's options: label to value, in the order shown. */
    static Map<String, String> snoozeOptions(Incident incident, Clock clock) {
        StaticSelectElement menu = elements(incident, clock, StaticSelectElement.class).stream()
                .filter(s -> IncidentMessageRenderer.ACTION_SNOOZE.equals(s.getActionId()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no snooze menu on " + incident.incidentId()));
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionObject option : menu.getOptions()) {
            options.put(option.getText().getText(), option.getValue());
        }
        return options;
    }

    private static <T extends BlockElement> List<T> elements(Incident incident, Clock clock, Class<T> type) {
        RenderedMessage message =
                new IncidentMessageRenderer(clock).render(incident, IncidentMessageRenderer.View.standard());
        List<LayoutBlock> blocks = new ArrayList<>(message.blocks());
        for (Attachment attachment : message.attachments()) {
            if (attachment.getBlocks() != null) {
                blocks.addAll(attachment.getBlocks());
            }
        }
        List<T> found = new ArrayList<>();
        for (LayoutBlock block : blocks) {
            if (block instanceof ActionsBlock actions) {
                for (BlockElement element : actions.getElements()) {
                    if (type.isInstance(element)) {
                        found.add(type.cast(element));
                    }
                }
            }
        }
        return found;
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
