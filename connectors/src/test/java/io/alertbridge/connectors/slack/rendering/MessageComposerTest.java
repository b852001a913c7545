package io.alertbridge.connectors.slack.rendering;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.LinkButton;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MessageComposerTest {

    private static final RouteRule PAYMENTS = new RouteRule(
            "payments",
            1,
            null,
            "#alerts",
            List.of("service"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                    new LinkButton("Runbook", "https://wiki.example.com/runbooks/{{labels.service}}"),
                    new LinkButton("Team", "https://wiki.example.com/teams/{{labels.team}}")),
            null);

    @Test
    void shouldPutTheLiveRoutesLinkButtonsOnTheIncidentsMessage() {
        MessageComposer composer = new MessageComposer(
                new IncidentMessageRenderer(Clock.fixed(T0, ZoneOffset.UTC)),
                SlackSinkConfig.defaults("xoxb-test"),
                id -> id.equals("payments") ? Optional.of(PAYMENTS) : Optional.empty(),
                UnaryOperator.identity());
        Incident incident = Incidents.open("INC-7F3A", "#alerts");

        RenderedMessage message = composer.incident(incident, List.of(), null).apply(Detail.FULL);

        assertThat(urlButtons(message))
                .as("the Team button is left out: the incident has no team label")
                .containsExactly("Runbook https://wiki.example.com/runbooks/api");
    }

    private static List<String> urlButtons(RenderedMessage message) {
        List<String> found = new ArrayList<>();
        for (LayoutBlock block : message.attachments().get(0).getBlocks()) {
            if (block instanceof ActionsBlock actions) {
                actions.getElements().stream()
                        .filter(ButtonElement.class::isInstance)
                        .map(ButtonElement.class::cast)
                        .filter(b -> b.getUrl() != null)
                        .forEach(b -> found.add(b.getText().getText() + " " + b.getUrl()));
            }
        }
        return found;
    }
}
