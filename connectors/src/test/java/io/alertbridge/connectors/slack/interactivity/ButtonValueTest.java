package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ButtonValueTest {

    @Test
    void shouldReadTheValuesTheRendererWrites() {
        var incident = Fixtures.open("INC-7F3A", "api", Severity.CRITICAL, 0);
        Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
        ButtonValue ack =
                ButtonValue.parse(RenderedButtons.button(incident, clock, IncidentMessageRenderer.ACTION_ACKNOWLEDGE)
                        .getValue());
        assertThat(ack).isEqualTo(new ButtonValue("INC-7F3A", incident.groupKey(), null));
        assertThat(RenderedButtons.snoozeOptions(incident, clock).values().stream()
                        .map(ButtonValue::parse))
                .containsExactly(
                        new ButtonValue("INC-7F3A", incident.groupKey(), "PT1H"),
                        new ButtonValue("INC-7F3A", incident.groupKey(), "PT4H"),
                        new ButtonValue("INC-7F3A", incident.groupKey(), "tomorrow-morning"));
    }

    @Test
    void shouldAcceptAValueWithoutGroupKey() {
        assertThat(ButtonValue.parse("{\"incidentId\":\"INC-1\"}")).isEqualTo(new ButtonValue("INC-1", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{}", "{\"incidentId\":7}", "{\"groupKey\":\"g\"}"})
    void shouldExplainValuesThatAreNotOurs(String value) {
        assertThatThrownBy(() -> ButtonValue.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the button");
    }

    @Test
    void shouldMapTheRenderersActionIdsAndNothingElse() {
        assertThat(ButtonHandler.type(IncidentMessageRenderer.ACTION_ACKNOWLEDGE))
                .isEqualTo(ActionType.ACKNOWLEDGE);
        assertThat(ButtonHandler.type(IncidentMessageRenderer.ACTION_UNACKNOWLEDGE))
                .isEqualTo(ActionType.UNACKNOWLEDGE);
        assertThat(ButtonHandler.type(IncidentMessageRenderer.ACTION_RESOLVE)).isEqualTo(ActionType.RESOLVE);
        assertThat(ButtonHandler.type(IncidentMessageRenderer.ACTION_SNOOZE)).isEqualTo(ActionType.SNOOZE);
        assertThat(ButtonHandler.type("alertbridge_delete")).isNull();
        assertThat(ButtonHandler.type(null)).isNull();
    }
}
