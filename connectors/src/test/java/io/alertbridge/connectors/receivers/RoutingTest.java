package io.alertbridge.connectors.receivers;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest {

    private static final ReceiverId TICKETS = ReceiverId.webhook("tickets");
    private static final Incident INCIDENT = Incidents.open("INC-1", "#pay");

    private static Function<String, Optional<RouteRule>> payments(List<String> receivers) {
        RouteRule route = new RouteRule(
                "payments", 1, null, "#pay", null, null, null, null, null, null, null, null, receivers, null, null);
        return id -> id.equals("payments") ? Optional.of(route) : Optional.empty();
    }

    @Test
    void shouldSendWhenTheRouteListsTheReceiver() {
        assertThat(Routing.sendsTo(payments(List.of("slack", "webhook:tickets")), INCIDENT, TICKETS, null))
                .isTrue();
    }

    @Test
    void shouldNotSendWhenTheRouteDoesNotListIt() {
        assertThat(Routing.sendsTo(payments(List.of("slack", "webhook:other")), INCIDENT, TICKETS, null))
                .isFalse();
        assertThat(Routing.sendsTo(payments(null), INCIDENT, TICKETS, null)).isFalse();
    }

    @Test
    void shouldNotSendWhenTheRouteIsUnknown() {
        assertThat(Routing.sendsTo(id -> Optional.empty(), INCIDENT, TICKETS, null))
                .isFalse();
    }

    @Test
    void shouldKeepSendingAnIncidentItAlreadyDeliveredAfterTheRouteDroppedIt() {
        Delivered before = new Delivered(1, IncidentState.OPEN);

        assertThat(Routing.sendsTo(payments(List.of("slack")), INCIDENT, TICKETS, before))
                .isTrue();
    }
}
