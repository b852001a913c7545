package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GraphPicksTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final AlarmMetric CPU = AlarmMetric.builder()
            .namespace("AWS/EC2")
            .metricName("CPUUtilization")
            .build();
    private static final AlarmMetric COMPOSITE =
            AlarmMetric.builder().alarmRule("ALARM(a)").build();

    private static IncidentMember member(String id, AlertStatus status, Severity severity, int minute, AlarmMetric m) {
        return new IncidentMember(
                id,
                "cloudwatch",
                id,
                status,
                severity,
                "e-" + id,
                T0.plusSeconds(60L * minute),
                false,
                Map.of(),
                List.of(),
                m,
                null);
    }

    @Test
    void shouldPickTheWorstTwoMembersThatHaveASeries() {
        List<IncidentMember> members = List.of(
                member("resolved-critical", AlertStatus.RESOLVED, Severity.CRITICAL, 9, CPU),
                member("firing-warning", AlertStatus.FIRING, Severity.WARNING, 1, CPU),
                member("firing-critical-no-metric", AlertStatus.FIRING, Severity.CRITICAL, 5, null),
                member("firing-critical-composite", AlertStatus.FIRING, Severity.CRITICAL, 5, COMPOSITE),
                member("firing-error-old", AlertStatus.FIRING, Severity.ERROR, 2, CPU),
                member("firing-error-new", AlertStatus.FIRING, Severity.ERROR, 3, CPU));

        assertThat(GraphPicks.worst(members))
                .extracting(IncidentMember::fingerprint)
                .containsExactly("firing-error-new", "firing-error-old");
    }

    @Test
    void shouldAcceptAnotherTestOfGraphData() {
        List<IncidentMember> members = List.of(
                member("cpu", AlertStatus.FIRING, Severity.WARNING, 1, CPU),
                member("anomaly", AlertStatus.FIRING, Severity.CRITICAL, 1, null));

        assertThat(GraphPicks.worst(members, m -> true))
                .extracting(IncidentMember::fingerprint)
                .containsExactly("anomaly", "cpu");
        assertThat(GraphPicks.worst(List.of())).isEmpty();
    }
}
