package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan.Action;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyPlanTest {

    private static Incident in(IncidentState state, String acknowledgedBy, String resolvedBy) {
        return Incidents.open("INC-1", "#pay").toBuilder()
                .state(state)
                .acknowledgedBy(acknowledgedBy)
                .resolvedBy(resolvedBy)
                .build();
    }

    private static List<Action> plan(Incident incident, IncidentState before) {
        return PagerDutyPlan.plan(incident, before == null ? null : new Delivered(1, before))
                .actions();
    }

    @Test
    void shouldTriggerAnOpenIncident() {
        assertThat(plan(in(IncidentState.OPEN, null, null), null)).containsExactly(Action.TRIGGER);
    }

    @Test
    void shouldAcknowledgeAndResolveAsTheIncidentChanges() {
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "U1", null), IncidentState.OPEN))
                .containsExactly(Action.ACKNOWLEDGE);
        assertThat(plan(in(IncidentState.RESOLVED, null, "U1"), IncidentState.ACKNOWLEDGED))
                .containsExactly(Action.RESOLVE);
        assertThat(plan(in(IncidentState.RESOLVED, null, null), IncidentState.OPEN))
                .containsExactly(Action.RESOLVE);
    }

    @Test
    void shouldTriggerAgainOnAReopen() {
        assertThat(plan(in(IncidentState.OPEN, null, null), IncidentState.RESOLVED))
                .containsExactly(Action.TRIGGER);
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "U1", null), IncidentState.RESOLVED))
                .containsExactly(Action.TRIGGER, Action.ACKNOWLEDGE);
    }

    @Test
    void shouldSendNothingForAChangeWithinOneState() {
        assertThat(plan(in(IncidentState.OPEN, null, null), IncidentState.OPEN)).isEmpty();
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "U1", null), IncidentState.ACKNOWLEDGED))
                .isEmpty();
    }

    @Test
    void shouldNotUnacknowledgeWhatTheEventsApiCannot() {
        assertThat(plan(in(IncidentState.OPEN, null, null), IncidentState.ACKNOWLEDGED))
                .isEmpty();
    }

    @Test
    void shouldTriggerBeforeAcknowledgingWhenNothingIsKnown() {
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "U1", null), null))
                .containsExactly(Action.TRIGGER, Action.ACKNOWLEDGE);
        assertThat(plan(in(IncidentState.RESOLVED, null, null), null)).containsExactly(Action.RESOLVE);
    }

    @Test
    void shouldNotSendBackWhatCameFromPagerDuty() {
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "pagerduty:Jane Doe", null), IncidentState.OPEN))
                .isEmpty();
        assertThat(plan(in(IncidentState.RESOLVED, null, "pagerduty:Jane Doe"), IncidentState.ACKNOWLEDGED))
                .isEmpty();
        assertThat(plan(in(IncidentState.ACKNOWLEDGED, "pagerduty:Jane Doe", null), null))
                .containsExactly(Action.TRIGGER);
    }

    @Test
    void shouldMapEverySeverity() {
        assertThat(PagerDutySeverity.of(Severity.CRITICAL)).isEqualTo("critical");
        assertThat(PagerDutySeverity.of(Severity.ERROR)).isEqualTo("error");
        assertThat(PagerDutySeverity.of(Severity.WARNING)).isEqualTo("warning");
        assertThat(PagerDutySeverity.of(Severity.INFO)).isEqualTo("info");
        assertThat(PagerDutySeverity.of(null)).isEqualTo("error");
    }
}
