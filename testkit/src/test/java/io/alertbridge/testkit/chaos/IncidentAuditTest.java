package io.alertbridge.testkit.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.testkit.chaos.AlarmStorm.FinalState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "r1";
    private static final String A = AlarmStorm.instanceId(RUN, 1);
    private static final String B = AlarmStorm.instanceId(RUN, 2);
    private static final Map<String, FinalState> EXPECTED = Map.of(A, FinalState.OPEN, B, FinalState.RESOLVED);

    @Test
    void shouldBeCleanWhenEveryIncidentHasOneMessageInItsFinalState() {
        IncidentAudit.Result result =
                IncidentAudit.audit(RUN, EXPECTED, List.of(incident("1", A, "OPEN"), incident("2", B, "RESOLVED")));

        assertThat(result.clean()).as(result.toString()).isTrue();
        assertThat(result.posted()).isEqualTo(2);
    }

    @Test
    void shouldCountASecondMessageForOneIncidentAsADuplicate() {
        IncidentAudit.Result result = IncidentAudit.audit(
                RUN,
                EXPECTED,
                List.of(incident("1", A, "OPEN"), incident("2", B, "RESOLVED"), incident("3", B, "RESOLVED")));

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.converged()).isTrue();
        assertThat(result.clean()).isFalse();
    }

    @Test
    void shouldCountAMissingIncidentAsLostAndAStaleOneAsAMismatch() {
        IncidentAudit.Result result = IncidentAudit.audit(RUN, EXPECTED, List.of(incident("2", B, "OPEN")));

        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.mismatches()).isEqualTo(1);
        assertThat(result.converged()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains(A));
    }

    @Test
    void shouldIgnoreRepliesDigestsAndOtherRunsAndCountUnknownInstancesOfThisRunAsStrays() {
        SlackMessage reply = new SlackMessage(
                "C1",
                "5",
                "1",
                "U1",
                "B1",
                "*RESOLVED*",
                JSON.createArrayNode(),
                JSON.createArrayNode(),
                metadata(A),
                null,
                0);
        IncidentAudit.Result result = IncidentAudit.audit(
                RUN,
                EXPECTED,
                List.of(
                        incident("1", A, "OPEN"),
                        incident("2", B, "RESOLVED"),
                        reply,
                        incident("3", AlarmStorm.instanceId("other", 1), "OPEN"),
                        incident("4", AlarmStorm.instanceId(RUN, 9), "OPEN")));

        assertThat(result.duplicates()).isZero();
        assertThat(result.strays()).isEqualTo(1);
    }

    private static SlackMessage incident(String ts, String instance, String state) {
        return new SlackMessage(
                "C1",
                ts,
                null,
                "U1",
                "B1",
                ":red_circle: *CRITICAL* · *" + state + "* · CPU",
                JSON.createArrayNode(),
                JSON.createArrayNode(),
                metadata(instance),
                null,
                0);
    }

    private static JsonNode metadata(String instance) {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("event_type", IncidentAudit.INCIDENT_EVENT_TYPE);
        metadata.putObject("event_payload")
                .put("incident_id", "INC-" + instance)
                .put("group_key", "default|resource=" + instance);
        return metadata;
    }
}
