package io.alertbridge.connectors.receivers.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBodyTest {

    private static final ReceiverId TICKETS = ReceiverId.webhook("tickets");

    @Test
    void shouldCarryTheIncidentTheChangeAndTheVersions() throws Exception {
        Incident acknowledged = Incidents.open("INC-1", "#pay").toBuilder()
                .version(4)
                .state(IncidentState.ACKNOWLEDGED)
                .timeline(List.of(new TimelineEntry(
                        Incidents.T0.plusSeconds(60), TimelineEntry.Kind.ACKNOWLEDGED, "alice acknowledged it", "U1")))
                .build();

        JsonNode body =
                Json.mapper().readTree(WebhookBody.of(TICKETS, acknowledged, new Delivered(2, IncidentState.OPEN)));

        assertThat(body.path("receiver").asText()).isEqualTo("webhook:tickets");
        assertThat(body.path("version").asLong()).isEqualTo(4);
        assertThat(body.path("previousVersion").asLong()).isEqualTo(2);
        assertThat(body.path("change").path("kind").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(body.path("change").path("previousState").asText()).isEqualTo("OPEN");
        assertThat(body.path("change").path("actor").asText()).isEqualTo("U1");
        assertThat(body.path("incident").path("incidentId").asText()).isEqualTo("INC-1");
        assertThat(Json.mapper().treeToValue(body.path("incident"), Incident.class))
                .isEqualTo(acknowledged);
    }

    @Test
    void shouldSayWhenThePreviousVersionIsUnknown() throws Exception {
        JsonNode body = Json.mapper().readTree(WebhookBody.of(TICKETS, Incidents.open("INC-1", "#pay"), null));

        assertThat(body.path("previousVersion").isNull()).isTrue();
        assertThat(body.path("change").path("previousState").isNull()).isTrue();
    }

    @Test
    void shouldEncodeHostileAlarmTextAsJsonStrings() throws Exception {
        String hostile = "\"},\"version\":999,\"x\":{\"a\":\"\u0000\n</script><!channel>\\";
        Incident incident =
                Incidents.open("INC-1", "#pay").toBuilder().title(hostile).build();

        byte[] bytes = WebhookBody.of(TICKETS, incident, null);
        JsonNode body = Json.mapper().readTree(bytes);

        assertThat(body.path("version").asLong()).isEqualTo(1);
        assertThat(body.path("incident").path("title").asText()).isEqualTo(hostile);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\n");
    }
}
