package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicationTest {

    private static final Instant T = Instant.parse("2024-01-01T12:00:00Z");

    private static AlertEvent event(String id, AlertStatus status, Instant at) {
        return new AlertEvent(
                id,
                "alarm-1",
                "cloudwatch",
                status,
                Severity.ERROR,
                "t",
                null,
                at,
                Map.of(),
                Map.of(),
                List.of(),
                null);
    }

    @Test
    void shouldAlwaysPassInfoWithoutRememberingIt() {
        Deduplication.Verdict verdict = Deduplication.decide(
                new LastTransition(AlertStatus.FIRING, T, "a"), event("b", AlertStatus.INFO, T.minusSeconds(60)), true);

        assertThat(verdict.pass()).isTrue();
        assertThat(verdict.remember()).isNull();
    }

    @Test
    void shouldPassTheFirstFiringAndRememberIt() {
        Deduplication.Verdict verdict = Deduplication.decide(null, event("a", AlertStatus.FIRING, T), true);

        assertThat(verdict.pass()).isTrue();
        assertThat(verdict.remember()).isEqualTo(new LastTransition(AlertStatus.FIRING, T, "a"));
    }

    @Test
    void shouldDropAResolvedThatResolvesNothingUnlessConfiguredOtherwise() {
        AlertEvent resolved = event("a", AlertStatus.RESOLVED, T);

        assertThat(Deduplication.decide(null, resolved, true).pass()).isFalse();
        assertThat(Deduplication.decide(null, resolved, true).reason()).contains("never fired");
        assertThat(Deduplication.decide(null, resolved, false).pass()).isTrue();
    }

    @Test
    void shouldDropARepeatOfTheCurrentStatus() {
        Deduplication.Verdict verdict = Deduplication.decide(
                new LastTransition(AlertStatus.FIRING, T, "a"),
                event("b", AlertStatus.FIRING, T.plusSeconds(60)),
                true);

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.reason()).isEqualTo("repeats the current status FIRING (since 2024-01-01T12:00:00Z)");
    }

    @Test
    void shouldNotLetALateOkResolveTheAlarmThatFollowedIt() {
        LastTransition alarm = new LastTransition(AlertStatus.FIRING, T, "alarm");

        Deduplication.Verdict lateOk =
                Deduplication.decide(alarm, event("ok", AlertStatus.RESOLVED, T.minusSeconds(30)), true);

        assertThat(lateOk.pass()).isFalse();
        assertThat(lateOk.reason()).startsWith("late: occurred at 2024-01-01T11:59:30Z, before the latest FIRING");
    }

    @Test
    void shouldPassATransitionAndRememberTheNewStatus() {
        Deduplication.Verdict verdict = Deduplication.decide(
                new LastTransition(AlertStatus.FIRING, T, "a"),
                event("b", AlertStatus.RESOLVED, T.plusSeconds(60)),
                true);

        assertThat(verdict.pass()).isTrue();
        assertThat(verdict.reason()).isEqualTo("FIRING -> RESOLVED");
        assertThat(verdict.remember().status()).isEqualTo(AlertStatus.RESOLVED);
    }
}
