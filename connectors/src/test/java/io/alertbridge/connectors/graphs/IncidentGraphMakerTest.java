package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.slack.GraphSettings;
import io.alertbridge.connectors.slack.sink.GraphMaker;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentGraphMakerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final IncidentGraphMaker noAws = new IncidentGraphMaker(
            GraphSettings.defaults(), null, new ChartRenderer(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldListACompositeAlarmsChildrenInsteadOfAGraph() {
        AlarmMetric composite = AlarmMetric.builder()
                .alarmName("checkout-degraded")
                .alarmRule("ALARM(api-5xx) OR ALARM(db-cpu)")
                .children(List.of(
                        new AlarmMetric.ChildAlarm("api-5xx", "ALARM"), new AlarmMetric.ChildAlarm("db-cpu", "OK")))
                .build();
        Incident incident = incident(member("composite", composite));

        GraphMaker.Result result = noAws.make(incident);

        assertThat(noAws.renderKey(incident)).startsWith("composite:").contains("api-5xx ALARM");
        assertThat(result).isInstanceOfSatisfying(GraphMaker.Result.Note.class, note -> assertThat(note.note())
                .isEqualTo("Composite alarm checkout-degraded: children api-5xx ALARM, db-cpu OK"));
    }

    @Test
    void shouldHaveNothingToDrawForMembersWithoutGraphData() {
        Incident incident = incident(member("plain", null));

        assertThat(noAws.renderKey(incident)).isNull();
        assertThat(noAws.make(incident)).isInstanceOf(GraphMaker.Result.Skipped.class);
    }

    @Test
    void shouldSkipAnAlarmGraphWhenAwsIsNotConfiguredAndSaySo() {
        AlarmMetric single = AlarmMetric.builder()
                .region("us-east-1")
                .alarmName("api-5xx")
                .namespace("AWS/ApiGateway")
                .metricName("5XXError")
                .statistic("Sum")
                .period(60)
                .threshold(5.0)
                .comparisonOperator("GreaterThanThreshold")
                .build();

        GraphMaker.Result result = noAws.make(incident(member("alarm", single)));

        assertThat(result)
                .isInstanceOfSatisfying(GraphMaker.Result.Skipped.class, skipped -> assertThat(skipped.reason())
                        .contains("AWS is not configured"));
    }

    @Test
    void shouldStackTwoGraphsOneAboveTheOther() throws Exception {
        byte[] a = png(800, 400);
        byte[] b = png(800, 400);

        BufferedImage stacked = ImageIO.read(new ByteArrayInputStream(IncidentGraphMaker.stack(List.of(a, b))));

        assertThat(stacked.getWidth()).isEqualTo(800);
        assertThat(stacked.getHeight()).isEqualTo(808);
        assertThat(IncidentGraphMaker.stack(List.of(a))).isSameAs(a);
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private static IncidentMember member(String name, AlarmMetric metric) {
        return new IncidentMember(
                "fp-" + name,
                "cloudwatch",
                name,
                AlertStatus.FIRING,
                Severity.CRITICAL,
                "e1",
                NOW.minusSeconds(60),
                false,
                Map.of(),
                List.of(),
                metric,
                null);
    }

    private static Incident incident(IncidentMember member) {
        return Incident.builder()
                .groupKey("g|" + member.fingerprint())
                .incidentId("INC-1")
                .version(1)
                .state(IncidentState.OPEN)
                .severity(Severity.CRITICAL)
                .title(member.title())
                .channel("#alerts")
                .members(List.of(member))
                .firstSeen(NOW.minusSeconds(60))
                .lastSeen(NOW)
                .alertCount(1)
                .timeline(List.of())
                .build();
    }
}
