package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.processor.incident.Fixtures.anomaly;
import static io.alertbridge.processor.incident.Fixtures.routed;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.INFO;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class CorrelationTest {

    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final RouteRule BY_SERVICE = Fixtures.route("payments", "#pay", List.of("service", "region"));
    private static final RouteRule NO_GROUP_BY = Fixtures.route("default", "#alerts", List.of());

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldGroupByTheRoutesGroupByLabelsInTheirOrder() {
        RoutedAlert alert = routed(alarm("cpu", "i-1", FIRING, at(0)), BY_SERVICE);

        assertThat(alert.groupKey()).isEqualTo("payments|service=checkout,region=eu-west-2");
        assertThat(alert.groupLabels())
                .containsExactly(Map.entry("service", "checkout"), Map.entry("region", "eu-west-2"));
        assertThat(alert.routeId()).isEqualTo("payments");
        assertThat(alert.channel()).isEqualTo("#pay");
    }

    @Test
    void shouldPutAnAlarmAndAnAnomalyAboutTheSameResourceInOneGroupWhenTheRouteHasNoGroupBy() {
        RoutedAlert alarm = routed(alarm("cpu-high", "i-0abc", FIRING, at(0)), NO_GROUP_BY);
        RoutedAlert anomaly = routed(anomaly("cpu-i-0abc", "i-0abc", FIRING, at(1)), NO_GROUP_BY);
        RoutedAlert other = routed(alarm("cpu-high", "i-0def", FIRING, at(0)), NO_GROUP_BY);

        assertThat(alarm.groupKey()).isEqualTo(anomaly.groupKey()).isEqualTo("default|resource=i-0abc");
        assertThat(other.groupKey()).isNotEqualTo(alarm.groupKey());
    }

    @Test
    void shouldGroupByFingerprintWhenTheRouteHasNoGroupByAndTheAlertNamesNoResource() {
        RoutedAlert one = routed(alarm("cpu-high", null, FIRING, at(0)), NO_GROUP_BY);
        RoutedAlert two = routed(alarm("disk-full", null, FIRING, at(0)), NO_GROUP_BY);

        assertThat(one.groupKey()).startsWith("default|fingerprint=arn:aws:cloudwatch");
        assertThat(one.groupKey()).isNotEqualTo(two.groupKey());
    }

    @Test
    void shouldCountAMissingGroupByLabelAsEmpty() {
        RoutedAlert alert = routed(alarm("cpu", "i-1", FIRING, at(0)), Fixtures.route("r", "#c", List.of("team")));

        assertThat(alert.groupKey()).isEqualTo("r|team=");
    }

    @Test
    void shouldStartAnIncidentForAFiringOrOneShotAlertWhenTheGroupHasNone() {
        assertThat(decide(null, alarm("cpu", "i-1", FIRING, at(0))).outcome()).isEqualTo(Correlation.Outcome.NEW);
        assertThat(decide(null, alarm("s3", "i-1", INFO, at(0))).outcome()).isEqualTo(Correlation.Outcome.NEW);
    }

    @Test
    void shouldIgnoreAResolvedAlertWhenTheGroupHasNoIncident() {
        Correlation.Decision decision = decide(null, alarm("cpu", "i-1", RESOLVED, at(0)));

        assertThat(decision.outcome()).isEqualTo(Correlation.Outcome.IGNORE);
        assertThat(decision.reason()).contains("no incident");
    }

    @Test
    void shouldJoinAnOpenIncidentWhateverTheTime() {
        Incident open = incident(alarm("cpu", "i-1", FIRING, at(0)));

        assertThat(decide(open, alarm("disk", "i-1", FIRING, at(600))).outcome())
                .isEqualTo(Correlation.Outcome.JOIN);
    }

    @Test
    void shouldJoinAResolvedIncidentWhileTheGroupWasQuietForLessThanTheWindow() {
        Incident resolved = resolvedAt(10);

        assertThat(decide(resolved, alarm("cpu", "i-1", FIRING, at(39))).outcome())
                .isEqualTo(Correlation.Outcome.JOIN);
    }

    @Test
    void shouldStartANewIncidentOnceThePreviousResolvedAndStayedQuietForTheWindow() {
        Incident resolved = resolvedAt(10);

        Correlation.Decision decision = decide(resolved, alarm("cpu", "i-1", FIRING, at(40)));

        assertThat(decision.outcome()).isEqualTo(Correlation.Outcome.NEW);
        assertThat(decision.reason()).contains("quiet for PT30M");
    }

    @Test
    void shouldIgnoreAResolvedAlertForAnIncidentThatStayedQuietForTheWindow() {
        assertThat(decide(resolvedAt(10), alarm("cpu", "i-1", RESOLVED, at(45))).outcome())
                .isEqualTo(Correlation.Outcome.IGNORE);
    }

    @Test
    void shouldMeasureQuietFromTheLastActivityAfterTheResolve() {
        Incident resolved = resolvedAt(10);
        Incident stillActive = Lifecycle.apply(resolved, routed(alarm("disk", "i-1", INFO, at(20)), BY_SERVICE))
                .incident();

        assertThat(decide(stillActive, alarm("cpu", "i-1", FIRING, at(45))).outcome())
                .isEqualTo(Correlation.Outcome.JOIN);
    }

    private static Correlation.Decision decide(Incident current, AlertEvent event) {
        return Correlation.decide(current, routed(event, BY_SERVICE), WINDOW);
    }

    private static Incident incident(AlertEvent event) {
        return Lifecycle.open("INC-1", 1, routed(event, BY_SERVICE)).incident();
    }

    private static Incident resolvedAt(int minute) {
        Incident open = incident(alarm("cpu", "i-1", FIRING, at(0)));
        return Lifecycle.apply(open, routed(alarm("cpu", "i-1", RESOLVED, at(minute)), BY_SERVICE))
                .incident();
    }
}
