package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmIncidentsTest {

    private static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx";

    private static Incident with(String id, int minutes, String fingerprint) {
        Incident base = Fixtures.open(id, "api", Severity.ERROR, minutes);
        return base.toBuilder()
                .members(List.of(new IncidentMember(
                        fingerprint,
                        "cloudwatch",
                        "x",
                        AlertStatus.FIRING,
                        Severity.ERROR,
                        "e",
                        base.firstSeen(),
                        false)))
                .build();
    }

    @Test
    void shouldMatchTheAlarmByArnAndByTheProcessorsFallbackFingerprint() {
        assertThat(AlarmIncidents.isAlarm(ARN, ARN, "api-5xx")).isTrue();
        assertThat(AlarmIncidents.isAlarm("arn:aws-cn:cloudwatch:eu-west-1:123456789012:alarm:api-5xx", ARN, "api-5xx"))
                .isTrue();
        assertThat(AlarmIncidents.isAlarm("cloudwatch-alarm:123456789012:api-5xx", ARN, "api-5xx"))
                .isTrue();
        assertThat(AlarmIncidents.isAlarm("cloudwatch-alarm:unknown-account:api-5xx", ARN, "api-5xx"))
                .isTrue();
    }

    @Test
    void shouldNotMatchTheSameNameInAnotherAccountOrRegionOrAnotherAlarm() {
        assertThat(AlarmIncidents.isAlarm("arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-5xx", ARN, "api-5xx"))
                .isFalse();
        assertThat(AlarmIncidents.isAlarm("arn:aws:cloudwatch:eu-west-1:210987654321:alarm:api-5xx", ARN, "api-5xx"))
                .isFalse();
        assertThat(AlarmIncidents.isAlarm("cloudwatch-alarm:210987654321:api-5xx", ARN, "api-5xx"))
                .isFalse();
        assertThat(AlarmIncidents.isAlarm(ARN + "-slow", ARN, "api-5xx")).isFalse();
        assertThat(AlarmIncidents.isAlarm("anomaly:numenta:api-5xx", ARN, "api-5xx"))
                .isFalse();
    }

    @Test
    void shouldListOpenIncidentsFirstThenTheMostRecentlyResolvedWithinTheLimit() {
        Incident oldResolved = Fixtures.resolved(with("INC-1", 0, ARN), "U1");
        Incident newResolved = Fixtures.resolved(with("INC-2", 30, ARN), "U1");
        Incident open = with("INC-3", 10, ARN);
        Incident otherAlarm = with("INC-4", 40, ARN + "-other");

        List<AlarmIncidents.Match> matches =
                AlarmIncidents.of(List.of(oldResolved, otherAlarm, newResolved, open), ARN, "api-5xx", 2);

        assertThat(matches).extracting(m -> m.incident().incidentId()).containsExactly("INC-3", "INC-2");
        assertThat(matches.get(0).member().fingerprint()).isEqualTo(ARN);
    }

    @Test
    void shouldTakeOpenAndRecentlyResolvedIncidentsFromTheIndex() {
        IncidentIndex index = new IncidentIndex();
        Incident open = with("INC-5", 0, ARN);
        Incident resolved = Fixtures.resolved(with("INC-6", 0, ARN), "U1");
        index.apply(open.groupKey(), open);
        index.apply(resolved.groupKey(), resolved);

        assertThat(AlarmIncidents.candidates(index, resolved.resolvedAt()))
                .extracting(Incident::incidentId)
                .containsExactlyInAnyOrder("INC-5", "INC-6");
        assertThat(AlarmIncidents.candidates(index, resolved.resolvedAt().plusSeconds(1)))
                .extracting(Incident::incidentId)
                .containsExactly("INC-5");
    }
}
