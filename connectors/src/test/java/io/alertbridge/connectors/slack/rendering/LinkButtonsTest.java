package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.LinkButton;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LinkButtonsTest {

    private static RouteRule route(List<LinkButton> links) {
        return new RouteRule(
                "payments",
                1,
                null,
                "#pay",
                List.of("service"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                links,
                null);
    }

    @Test
    void shouldRenderGroupLabelsAndArnFieldsOfTheWorstMember() {
        Incident incident = Incidents.open("INC-1", "#pay");
        RouteRule route = route(List.of(
                new LinkButton("Runbook", "https://wiki/runbooks/{{labels.service}}"),
                new LinkButton("Alarm", "https://{{region}}.console.aws.amazon.com/{{account}}/{{alarmName}}")));

        List<Link> links = LinkButtons.render(Optional.of(route), incident);

        assertThat(links)
                .containsExactly(
                        new Link("Runbook", "https://wiki/runbooks/api"),
                        new Link("Alarm", "https://eu-west-2.console.aws.amazon.com/123456789012/api-5xx"));
    }

    @Test
    void shouldLeaveOutAButtonWhoseLabelTheIncidentLacks() {
        Incident incident = Incidents.incident(
                "INC-2",
                "#pay",
                1,
                io.alertbridge.schemas.model.IncidentState.OPEN,
                "x",
                List.of(Incidents.alarm(AlertStatus.FIRING)));
        RouteRule route = route(List.of(
                new LinkButton("Team", "https://wiki/{{labels.team}}"),
                new LinkButton("Fp", "https://fp/{{fingerprint}}")));

        List<Link> links = LinkButtons.render(Optional.of(route), incident);

        assertThat(links).extracting(Link::title).containsExactly("Fp");
        assertThat(LinkButtons.render(Optional.empty(), incident)).isEmpty();
    }
}
