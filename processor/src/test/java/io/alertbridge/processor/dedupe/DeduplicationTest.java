package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicationTest {

    private static final Instant T = Instant.parse("2024-01-01T12:00:00Z");

    /** A FIRING, RESOLVED or INFO event of the fingerprint {@code alarm-1}. */
    static AlertEvent event(String id, AlertStatus status, Instant at) {
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
                null,
                null,
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
        assertThat(lateOk.reason())
                .isEqualTo("late: occurred at 2024-01-01T11:59:30Z, before the newest transition seen at "
                        + "2024-01-01T12:00:00Z (current status FIRING since 2024-01-01T12:00:00Z)");
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

    @Test
    void shouldRememberTheTimeOfARepeatItDrops() {
        LastTransition firing = new LastTransition(AlertStatus.FIRING, T, "a");

        Deduplication.Verdict repeat =
                Deduplication.decide(firing, event("b", AlertStatus.FIRING, T.plusSeconds(120)), true);

        assertThat(repeat.pass()).isFalse();
        assertThat(repeat.remember()).isEqualTo(new LastTransition(AlertStatus.FIRING, T, "a", T.plusSeconds(120)));
    }

    @Test
    void shouldDropAnOlderOkThatArrivesAfterANewerAlarmWasDroppedAsARepeat() {
        LastTransition firing = new LastTransition(AlertStatus.FIRING, T, "alarm-1");
        LastTransition afterRepeat = Deduplication.decide(
                        firing, event("alarm-2", AlertStatus.FIRING, T.plusSeconds(120)), true)
                .remember();

        Deduplication.Verdict olderOk =
                Deduplication.decide(afterRepeat, event("ok-1", AlertStatus.RESOLVED, T.plusSeconds(60)), true);

        assertThat(olderOk.pass()).isFalse();
        assertThat(olderOk.reason()).startsWith("late: occurred at 2024-01-01T12:01:00Z");
    }

    @Test
    void shouldPassAnOlderAlarmThatArrivesAfterANewerOkThatResolvedNothingFollowedByThatOk() {
        LastTransition seenOk = Deduplication.decide(null, event("ok", AlertStatus.RESOLVED, T), true)
                .remember();

        Deduplication.Verdict olderAlarm =
                Deduplication.decide(seenOk, event("alarm", AlertStatus.FIRING, T.minusSeconds(60)), true);

        assertThat(seenOk).isEqualTo(new LastTransition(null, null, null, T));
        assertThat(olderAlarm.pass()).isTrue();
        assertThat(olderAlarm.thenResolvedAt()).isEqualTo(T);
        assertThat(olderAlarm.remember()).isEqualTo(new LastTransition(AlertStatus.RESOLVED, T, "alarm:resolved", T));
        assertThat(olderAlarm.reason()).contains("arrived first");
    }

    @Test
    void shouldDropAnOlderOkThatArrivesAfterANewerOkThatResolvedNothing() {
        LastTransition seenOk = LastTransition.seenOnly(T);

        Deduplication.Verdict olderOk =
                Deduplication.decide(seenOk, event("ok-1", AlertStatus.RESOLVED, T.minusSeconds(60)), true);

        assertThat(olderOk.pass()).isFalse();
        assertThat(olderOk.thenResolvedAt()).isNull();
        assertThat(olderOk.reason()).endsWith("(nothing passed yet)");
    }

    @Test
    void shouldPassANewerAlarmAfterAnOkThatResolvedNothing() {
        LastTransition seenOk = LastTransition.seenOnly(T);

        Deduplication.Verdict alarm =
                Deduplication.decide(seenOk, event("alarm", AlertStatus.FIRING, T.plusSeconds(1)), true);

        assertThat(alarm.pass()).isTrue();
        assertThat(alarm.remember()).isEqualTo(new LastTransition(AlertStatus.FIRING, T.plusSeconds(1), "alarm"));
    }

    @Test
    void shouldReadStateWrittenBeforeTheNewestTimeWasKept() throws Exception {
        LastTransition old = Json.mapper()
                .readValue(
                        "{\"status\":\"FIRING\",\"occurredAt\":\"2024-01-01T12:00:00Z\",\"eventId\":\"a\"}",
                        LastTransition.class);

        assertThat(old.newest()).isEqualTo(T);
        assertThat(Deduplication.decide(old, event("ok", AlertStatus.RESOLVED, T.minusSeconds(1)), true)
                        .pass())
                .isFalse();
    }
}
