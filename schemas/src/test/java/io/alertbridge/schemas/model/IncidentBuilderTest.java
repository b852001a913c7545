package io.alertbridge.schemas.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentBuilderTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void shouldCopyEveryFieldIntoABuilder() {
        Incident full = everyFieldSet();

        assertThat(full.toBuilder().build()).isEqualTo(full);
        assertThat(Json.mapper().<JsonNode>valueToTree(full.toBuilder().build()))
                .isEqualTo(Json.mapper().<JsonNode>valueToTree(full));
    }

    @Test
    void shouldChangeOnlyTheFieldsSetOnACopy() {
        Incident full = everyFieldSet();

        Incident moved =
                full.toBuilder().channel("#elsewhere").slackMessage(null).build();

        assertThat(moved.channel()).isEqualTo("#elsewhere");
        assertThat(moved.slackMessage()).isNull();
        assertThat(moved)
                .usingRecursiveComparison()
                .ignoringFields("channel", "slackMessage")
                .isEqualTo(full);
    }

    @Test
    void shouldBuildAMinimalIncidentThatMeetsItsContract() {
        Incident minimal = minimal().build();

        assertThat(minimal.version()).isZero();
        assertThat(minimal.members()).isEmpty();
        assertThat(minimal.timeline()).isEmpty();
        assertThat(minimal.groupLabels()).isEmpty();
        assertThat(ContractSchemas.validate("Incident", Json.mapper().valueToTree(minimal)))
                .isEmpty();
    }

    @Test
    void shouldRefuseAnIncidentWithoutWhatTheRecordRequires() {
        assertThatThrownBy(() -> minimal().title(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("title");
        assertThatThrownBy(() -> Incident.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("groupKey");
    }

    static Incident.Builder minimal() {
        return Incident.builder()
                .groupKey("payments|service=api")
                .incidentId("INC-7F3A")
                .state(IncidentState.OPEN)
                .severity(Severity.ERROR)
                .title("api-5xx is in ALARM")
                .routeId("payments")
                .channel("#alerts")
                .firstSeen(T0)
                .lastSeen(T0);
    }

    private static Incident everyFieldSet() {
        return minimal()
                .version(7)
                .state(IncidentState.RESOLVED)
                .snoozedUntil(T0.plusSeconds(60))
                .acknowledgedBy("U1")
                .acknowledgedAt(T0.plusSeconds(120))
                .resolvedBy("U2")
                .resolvedAt(T0.plusSeconds(180))
                .groupLabels(Map.of("service", "api"))
                .members(List.of(new IncidentMember(
                        "f1", "cloudwatch", "api-5xx", AlertStatus.RESOLVED, Severity.ERROR, "e1", T0, false)))
                .lastSeen(T0.plusSeconds(180))
                .alertCount(3)
                .escalationLevel(2)
                .timeline(List.of(new TimelineEntry(T0, TimelineEntry.Kind.OPENED, "opened", null)))
                .slackMessage(new SlackMessageRef("C1", "1700000000.000100"))
                .incidentChannelId("C0INC")
                .build();
    }
}
