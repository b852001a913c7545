package io.alertbridge.connectors.receivers.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan.Action;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyEventTest {

    @Test
    void shouldTriggerWithTheIncidentIdAsDedupKeyAndTheDocumentedPayload() throws Exception {
        Incident incident = Incidents.open("INC-7F3A", "#pay");

        JsonNode event = Json.mapper().readTree(PagerDutyEvent.of("R0UTING", Action.TRIGGER, incident, "alertbridge"));

        assertThat(event.path("routing_key").asText()).isEqualTo("R0UTING");
        assertThat(event.path("event_action").asText()).isEqualTo("trigger");
        assertThat(event.path("dedup_key").asText()).isEqualTo("INC-7F3A");
        assertThat(event.path("payload").path("summary").asText()).isEqualTo(incident.title());
        assertThat(event.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(event.path("payload").path("source").asText()).isEqualTo("alertbridge");
        assertThat(event.path("payload")
                        .path("custom_details")
                        .path("incident_id")
                        .asText())
                .isEqualTo("INC-7F3A");
        assertThat(event.path("payload")
                        .path("custom_details")
                        .path("labels")
                        .path("service")
                        .asText())
                .isEqualTo("api");
    }

    @Test
    void shouldSendOnlyTheKeyOnAcknowledgeAndResolve() throws Exception {
        JsonNode event = Json.mapper()
                .readTree(PagerDutyEvent.of("R0UTING", Action.RESOLVE, Incidents.open("INC-1", "#pay"), "ab"));

        assertThat(event.path("event_action").asText()).isEqualTo("resolve");
        assertThat(event.path("dedup_key").asText()).isEqualTo("INC-1");
        assertThat(event.has("payload")).isFalse();
    }

    @Test
    void shouldCutALongSummaryAndEncodeHostileText() throws Exception {
        String hostile = "\"}],\"routing_key\":\"evil\"," + "x".repeat(2000);
        Incident incident =
                Incidents.open("INC-1", "#pay").toBuilder().title(hostile).build();

        JsonNode event = Json.mapper().readTree(PagerDutyEvent.of("R0UTING", Action.TRIGGER, incident, "ab"));

        assertThat(event.path("routing_key").asText()).isEqualTo("R0UTING");
        assertThat(event.path("payload").path("summary").asText()).hasSize(1024).startsWith("\"}],");
    }
}
