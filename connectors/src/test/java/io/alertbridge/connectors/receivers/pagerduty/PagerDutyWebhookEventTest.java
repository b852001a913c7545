package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhookEvent.Kind;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhookEvent.Reading;
import io.alertbridge.devkit.receivers.LocalPagerDuty;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutyWebhookEventTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static Reading read(String type, Instant at) throws Exception {
        return PagerDutyWebhookEvent.read(
                Json.mapper().readTree(LocalPagerDuty.webhookBody("01EV", type, "INC-7F3A", "Jane Doe", at)),
                NOW,
                TOLERANCE);
    }

    @Test
    void shouldTurnAnAcknowledgementIntoAnActionMarkedAsPagerDuty() throws Exception {
        Reading reading = read("incident.acknowledged", NOW.minusSeconds(10));

        assertThat(reading.kind()).isEqualTo(Kind.ACTION);
        UserAction action = PagerDutyWebhookEvent.toAction(reading, "payments|INC-7F3A");
        assertThat(action.type()).isEqualTo(UserAction.ActionType.ACKNOWLEDGE);
        assertThat(action.incidentId()).isEqualTo("INC-7F3A");
        assertThat(action.groupKey()).isEqualTo("payments|INC-7F3A");
        assertThat(action.actionId()).isEqualTo("pagerduty:01EV");
        assertThat(action.origin()).isEqualTo("pagerduty");
        assertThat(PagerDutyPlan.fromPagerDuty(action.userId())).isTrue();
        assertThat(action.userName()).isEqualTo("Jane Doe (PagerDuty)");
    }

    @Test
    void shouldTurnAResolutionIntoAResolve() throws Exception {
        assertThat(read("incident.resolved", NOW).type()).isEqualTo(UserAction.ActionType.RESOLVE);
    }

    @Test
    void shouldIgnoreOtherEventTypes() throws Exception {
        assertThat(read("incident.annotated", NOW).kind()).isEqualTo(Kind.IGNORED);
        assertThat(read("incident.triggered", NOW).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void shouldCallAnEventOutsideTheToleranceStale() throws Exception {
        assertThat(read("incident.acknowledged", NOW.minus(Duration.ofMinutes(6)))
                        .kind())
                .isEqualTo(Kind.STALE);
        assertThat(read("incident.acknowledged", NOW.plus(Duration.ofMinutes(6)))
                        .kind())
                .isEqualTo(Kind.STALE);
        assertThat(read("incident.acknowledged", NOW.minus(Duration.ofMinutes(4)))
                        .kind())
                .isEqualTo(Kind.ACTION);
    }

    @Test
    void shouldCallSomethingElseInvalid() throws Exception {
        assertThat(PagerDutyWebhookEvent.read(Json.mapper().readTree("{\"messages\":[]}"), NOW, TOLERANCE)
                        .kind())
                .isEqualTo(Kind.INVALID);
        String noTime = new String(
                        LocalPagerDuty.webhookBody("01EV", "incident.resolved", "INC-1", "x", NOW),
                        StandardCharsets.UTF_8)
                .replace(NOW.toString(), "yesterday");
        assertThat(PagerDutyWebhookEvent.read(Json.mapper().readTree(noTime), NOW, TOLERANCE)
                        .kind())
                .isEqualTo(Kind.INVALID);
    }
}
