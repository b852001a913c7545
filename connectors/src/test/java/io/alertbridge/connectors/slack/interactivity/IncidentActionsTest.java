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
        assertThat(IncidentActions.actionId(caller, ActionType.RESOLVE, "INC-1"))
                .isEqualTo("slack-1234.5678.abcd");
    }

    @Test
    void shouldDeriveTheActionIdFromTheRequestWithoutATriggerId() {
        String body = "payload=%7B%22actions%22%3A%5B%7B%22action_ts%22%3A%221700000001.000200%22%7D%5D%7D";
        Caller click = new Caller("U1", "a", "T1", null, null, null, null, RequestIds.requestKey(null, body));
        Caller sameClickAgain =
                new Caller("U1", "a", "T1", "C9", null, "https://x", null, RequestIds.requestKey(null, body));
        Caller otherClick =
                new Caller("U1", "a", "T1", null, null, null, null, RequestIds.requestKey(null, body + "1"));
        Caller otherUser = new Caller("U2", "b", "T1", null, null, null, null, RequestIds.requestKey(null, body));

        String id = IncidentActions.actionId(click, ActionType.ACKNOWLEDGE, "INC-1");

        assertThat(id).startsWith("slack-").hasSize("slack-".length() + 16);
        assertThat(IncidentActions.actionId(sameClickAgain, ActionType.ACKNOWLEDGE, "INC-1"))
                .isEqualTo(id);
        assertThat(IncidentActions.actionId(otherClick, ActionType.ACKNOWLEDGE, "INC-1"))
                .isNotEqualTo(id);
        assertThat(IncidentActions.actionId(otherUser, ActionType.ACKNOWLEDGE, "INC-1"))
                .isNotEqualTo(id);
        assertThat(IncidentActions.actionId(click, ActionType.RESOLVE, "INC-1")).isNotEqualTo(id);
        assertThat(IncidentActions.actionId(click, ActionType.ACKNOWLEDGE, "INC-2"))
                .isNotEqualTo(id);
    }

    @Test
    void shouldDrawARandomActionIdOnlyWhenTheRequestGaveNothingToDeriveItFrom() {
        Caller nothing = new Caller("U1", "a", null, null, null, null, null);
        assertThat(IncidentActions.actionId(nothing, ActionType.ACKNOWLEDGE, "INC-1"))
                .startsWith("slack-")
                .isNotEqualTo(IncidentActions.actionId(nothing, ActionType.ACKNOWLEDGE, "INC-1"));
    }
}
