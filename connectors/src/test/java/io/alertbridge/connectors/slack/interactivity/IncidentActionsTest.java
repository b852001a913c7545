package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentActionsTest {

    private final Incident open = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);

    @ParameterizedTest
    @EnumSource(
            value = ActionType.class,
            names = {"ACKNOWLEDGE", "UNACKNOWLEDGE", "RESOLVE", "SNOOZE"})
    void shouldRefuseEveryActionOnAResolvedIncident(ActionType type) {
        assertThat(IncidentActions.stateRefusal(Fixtures.resolved(open, "U0BOB"), type, "U0ALICE", "*INC-1*"))
                .hasValueSatisfying(text -> assertThat(text).contains("already resolved by <@U0BOB>"));
    }

    @Test
    void shouldRefuseToUnacknowledgeAnOpenIncident() {
        assertThat(IncidentActions.stateRefusal(open, ActionType.UNACKNOWLEDGE, "U0ALICE", "*INC-1*"))
                .hasValueSatisfying(text -> assertThat(text).contains("not acknowledged"));
    }

    @Test
    void shouldRefuseASecondAcknowledgementBySameUserButLetOthersTakeOver() {
        Incident mine = Fixtures.acknowledged(open, "U0ALICE");
        assertThat(IncidentActions.stateRefusal(mine, ActionType.ACKNOWLEDGE, "U0ALICE", "*INC-1*"))
                .isPresent();
        assertThat(IncidentActions.stateRefusal(mine, ActionType.ACKNOWLEDGE, "U0BOB", "*INC-1*"))
                .isEmpty();
        assertThat(IncidentActions.stateRefusal(mine, ActionType.RESOLVE, "U0ALICE", "*INC-1*"))
                .isEmpty();
    }

    @Test
    void shouldDeriveTheActionIdFromSlacksTriggerId() {
        Caller caller = new Caller("U1", "a", null, null, null, null, "1234.5678.abcd");
        Caller noTrigger = new Caller("U1", "a", null, null, null, null, null);
        assertThat(IncidentActions.actionId(caller)).isEqualTo("slack-1234.5678.abcd");
        assertThat(IncidentActions.actionId(noTrigger))
                .startsWith("slack-")
                .isNotEqualTo(IncidentActions.actionId(noTrigger));
    }
}
