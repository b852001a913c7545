package io.alertbridge.processor.heartbeat;

import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BeatSourcesTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static HeartbeatRule rule(
            String id,
            BeatKind beat,
            String queue,
            String eventSource,
            String detector,
            String series,
            String... matchers) {
        return new HeartbeatRule(
                id,
                beat,
                queue,
                eventSource,
                detector,
                series,
                List.of(matchers).stream().map(Matcher::parse).toList(),
                null,
                Duration.ofMinutes(5),
                null,
                null,
                null,
                null,
                Map.of());
    }

    private static final HeartbeatRule ALARMS_QUEUE =
            rule("alarms-queue", BeatKind.QUEUE, "alertbridge-alarms", null, null, null);
    private static final HeartbeatRule OTHER_QUEUE =
            rule("other-queue", BeatKind.QUEUE, "alertbridge-other", null, null, null);
    private static final HeartbeatRule CODEBUILD = rule("codebuild", BeatKind.EVENT, null, "aws.codebuild", null, null);
    private static final HeartbeatRule NUMENTA_CPU =
            rule("numenta-cpu", BeatKind.SCORE, null, null, "numenta", "ec2-cpu-?-*");
    private static final HeartbeatRule NUMENTA = rule("numenta", BeatKind.SCORE, null, null, "numenta", null);
    private static final HeartbeatRule WATCHDOG =
            rule("watchdog", BeatKind.ALERT, null, null, null, null, "alertname=Watchdog");

    private static final List<HeartbeatRule> ALL =
            List.of(ALARMS_QUEUE, OTHER_QUEUE, CODEBUILD, NUMENTA_CPU, NUMENTA, WATCHDOG);

    private static AnomalyScore score(String detector, String series) {
        return new AnomalyScore(detector, series, "i-1", "CPUUtilization", T0, 0.2, 40.0, Map.of());
    }

    private static AlertEvent alert(AlertStatus status, String source, Map<String, String> labels) {
        return new AlertEvent(
                "e1",
                "fp",
                source,
                status,
                Severity.INFO,
                "Watchdog",
                null,
                T0,
                labels,
                Map.of(),
                List.of(),
                null,
                null,
                null);
    }

    @Test
    void shouldCountARecordOfTheQueueByNameOrUrl() {
        assertThat(BeatSources.of(RawMessages.rawBody("not json at all"), ALL)).containsExactly("alarms-queue");
        assertThat(BeatSources.of(
                        RawMessages.rawBody("{}"),
                        List.of(rule("by-url", BeatKind.QUEUE, RawMessages.QUEUE, null, null, null))))
                .containsExactly("by-url");
        assertThat(BeatSources.sameQueue(RawMessages.QUEUE, "alarms"))
                .as("a suffix is not the name")
                .isFalse();
    }

    @Test
    void shouldCountAnEventBridgeEventOfTheSourceDirectOrInAnSnsEnvelope() {
        assertThat(BeatSources.of(RawMessages.raw("eventbridge_codebuild_build_phase_change.json"), ALL))
                .containsExactlyInAnyOrder("alarms-queue", "codebuild");
        assertThat(BeatSources.of(
                        RawMessages.inEnvelope("eventbridge_codebuild_build_phase_change.json", "m-1"),
                        List.of(CODEBUILD)))
                .containsExactly("codebuild");
        assertThat(BeatSources.of(
                        RawMessages.raw("eventbridge_cloudwatch_alarm_state_change_single_metric.json"),
                        List.of(CODEBUILD)))
                .isEmpty();
    }

    @Test
    void shouldCountAScoreOfTheDetectorWhoseSeriesMatchesTheGlob() {
        assertThat(BeatSources.of(score("numenta", "ec2-cpu-a-i-0abc"), ALL))
                .containsExactlyInAnyOrder("numenta-cpu", "numenta");
        assertThat(BeatSources.of(score("numenta", "ec2-cpu-ab-i-0abc"), ALL)).containsExactly("numenta");
        assertThat(BeatSources.of(score("randomCutForest", "ec2-cpu-a-i-0abc"), ALL))
                .isEmpty();
        assertThat(BeatSources.glob("a.b*").matcher("axb-c").matches())
                .as("dots are literal")
                .isFalse();
    }

    @Test
    void shouldCountOnlyAFiringAlertTheMatchersMatch() {
        Map<String, String> watchdog = Map.of("alertname", "Watchdog");

        assertThat(BeatSources.of(alert(AlertStatus.FIRING, "cloudwatch", watchdog), ALL))
                .containsExactly("watchdog");
        assertThat(BeatSources.of(alert(AlertStatus.RESOLVED, "cloudwatch", watchdog), ALL))
                .isEmpty();
        assertThat(BeatSources.of(alert(AlertStatus.FIRING, "cloudwatch", Map.of("alertname", "CPU")), ALL))
                .isEmpty();
        assertThat(BeatSources.of(alert(AlertStatus.FIRING, HeartbeatRule.SOURCE, watchdog), ALL))
                .as("a heartbeat's own alert never beats a heartbeat")
                .isEmpty();
    }
}
