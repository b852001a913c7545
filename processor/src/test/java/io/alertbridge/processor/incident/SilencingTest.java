package io.alertbridge.processor.incident;

import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.SilenceRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.INFO;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class SilencingTest {

    private static final RuleBook RULES = RuleBook.of(
            List.of(new SilenceRule(
                    "db-maint",
                    List.of(Matcher.parse("resource=db-1")),
                    T0,
                    T0.plus(Duration.ofHours(1)),
                    "failover",
                    "U1")),
            "#alerts");

    @Test
    void shouldSuppressFiringAndOneShotEventsInsideTheWindow() {
        Silencing.Decision firing = Silencing.decide(alarm("cpu", "db-1", FIRING, T0.plusSeconds(60)), RULES);
        Silencing.Decision info = Silencing.decide(alarm("cpu", "db-1", INFO, T0.plusSeconds(60)), RULES);

        assertThat(firing.silenceId()).isEqualTo("db-maint");
        assertThat(firing.reason()).contains("failover");
        assertThat(info.suppressed()).isTrue();
    }

    @Test
    void shouldAlwaysLetAResolvedPass() {
        assertThat(Silencing.decide(alarm("cpu", "db-1", RESOLVED, T0.plusSeconds(60)), RULES)
                        .suppressed())
                .isFalse();
    }

    @Test
    void shouldJudgeByWhenTheEventHappenedNotWhenItArrived() {
        assertThat(Silencing.decide(alarm("cpu", "db-1", FIRING, T0.minusSeconds(1)), RULES)
                        .suppressed())
                .isFalse();
        assertThat(Silencing.decide(alarm("cpu", "db-1", FIRING, T0.plus(Duration.ofHours(1))), RULES)
                        .suppressed())
                .as("end is exclusive")
                .isFalse();
    }

    @Test
    void shouldLetOtherResourcesPass() {
        assertThat(Silencing.decide(alarm("cpu", "db-2", FIRING, T0.plusSeconds(60)), RULES)
                        .suppressed())
                .isFalse();
    }
}
