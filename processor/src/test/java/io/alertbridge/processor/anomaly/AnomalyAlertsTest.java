package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyAlertsTest {

    @Test
    void shouldCarryPeakScoreValueDetectorAndResourceForCorrelation() {
        ThresholdRule rule = new ThresholdRule("cpu", 1, List.of(), 0.5, 0.3, 1, 1, 2, Severity.ERROR);
        Instant at = Instant.parse("2024-01-01T00:05:00Z");
        AnomalyScore score = new AnomalyScore(
                "randomCutForest", "cpu-i-1", "i-1", "CPUUtilization", at, 0.2, 11.0, Map.of("service", "api"));
        ScorePoint peak = new ScorePoint(Instant.parse("2024-01-01T00:01:00Z"), 0.97, 99.5);
        Transition resolved = new Transition(
                AlertStatus.RESOLVED,
                new ScorePoint(at, 0.2, 11.0),
                new Episode(Instant.parse("2024-01-01T00:00:00Z"), peak, 6),
                "2 consecutive scores below 0.3 (rule cpu)");

        AlertEvent event = AnomalyAlerts.event(score, rule, resolved, null);

        assertThat(event.fingerprint()).isEqualTo("anomaly:randomCutForest:cpu-i-1");
        assertThat(event.eventId()).isEqualTo("anomaly:randomCutForest:cpu-i-1:resolved:" + at.toEpochMilli());
        assertThat(event.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(event.severity()).isEqualTo(Severity.ERROR);
        assertThat(event.occurredAt()).isEqualTo(at);
        assertThat(event.labels())
                .containsEntry("service", "api")
                .containsEntry("resource", "i-1")
                .containsEntry("detector", "randomCutForest")
                .containsEntry("metric", "CPUUtilization");
        assertThat(event.annotations())
                .containsEntry("peakScore", "0.97")
                .containsEntry("peakValue", "99.5")
                .containsEntry("detector", "randomCutForest")
                .containsEntry("points", "6");
        assertThat(event.title()).isEqualTo("Anomaly over in CPUUtilization of i-1");
        assertThat(ContractSchemas.validate("AlertEvent", Json.mapper().valueToTree(event)))
                .isEmpty();
    }

    @Test
    void shouldCarryTheSeriesScoresItIsGiven() {
        ThresholdRule rule = new ThresholdRule("cpu", 1, List.of(), 0.5, 0.3, 1, 1, 2, Severity.ERROR);
        Instant at = Instant.parse("2024-01-01T00:05:00Z");
        AnomalyScore score = new AnomalyScore("numenta", "s1", null, null, at, 0.9, null, Map.of());
        ScorePoint point = new ScorePoint(at, 0.9, null);
        Transition firing =
                new Transition(AlertStatus.FIRING, point, new Episode(at, point, 1), "1 of the last 1 (rule cpu)");
        AnomalySeries scores = SeriesRing.snapshot(
                score,
                rule,
                0,
                10,
                Map.of(SeriesRing.chunkKey(AnomalyAlerts.seriesKey(score), 0, 10), SeriesRing.append(null, 0, score))
                        ::get);

        AlertEvent event = AnomalyAlerts.event(score, rule, firing, scores);

        assertThat(event.scores()).isSameAs(scores);
        assertThat(ContractSchemas.validate("AlertEvent", Json.mapper().valueToTree(event)))
                .isEmpty();
    }
}
