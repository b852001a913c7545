package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationReasonsTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    private static Incident incident(Map<String, String> groupLabels, List<TimelineEntry> timeline) {
        return Incident.builder()
                .groupKey("api|service=api")
                .incidentId("INC-7F3A")
                .version(3)
                .state(IncidentState.OPEN)
                .severity(Severity.ERROR)
                .title("api down")
                .routeId("api")
                .channel("#api")
                .groupLabels(groupLabels)
                .firstSeen(T0)
                .lastSeen(T0)
                .timeline(timeline)
                .build();
    }

    private static Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    @Test
    void shouldSayWhichRouteAndGroupingAFirstPostCameFrom() {
        RouteRule route = Fixtures.route("api", "#api", List.of("service", "resource"), "service=api");
        Incident incident = incident(
                labels("service", "api", "resource", "i-1"),
                List.of(new TimelineEntry(T0, Kind.OPENED, "Opened: api down", null)));

        assertThat(NotificationReasons.post(incident, route))
                .isEqualTo("New incident on route api, grouped by service=api, resource=i-1 (group wait 30s)");
    }

    @Test
    void shouldSayAPostCameWhenAnInhibitionWasReleased() {
        Incident incident = incident(
                labels(),
                List.of(
                        new TimelineEntry(T0, Kind.OPENED, "Opened: cpu-1", null),
                        new TimelineEntry(T0, Kind.SUPPRESSED, "cpu-1: firing (inhibited by region-down)", null),
                        new TimelineEntry(
                                T0.plusSeconds(60),
                                Kind.ALERT_FIRING,
                                "cpu-1: still firing after region-down resolved",
                                null)));

        assertThat(NotificationReasons.post(incident, null))
                .isEqualTo("New incident on route api, no grouping labels (one incident for the route at a time); "
                        + "posted now: cpu-1: still firing after region-down resolved");
    }

    @Test
    void shouldSayWhatChangedLastForAnEdit() {
        Incident reopened = incident(
                labels("service", "api"),
                List.of(
                        new TimelineEntry(T0, Kind.RESOLVED, "Resolved: all 1 alerts resolved", null),
                        new TimelineEntry(T0.plusSeconds(5), Kind.REOPENED, "Reopened: api down fired again", null)));
        Incident acknowledged = incident(
                labels("service", "api"),
                List.of(new TimelineEntry(T0, Kind.ACKNOWLEDGED, "Acknowledged by Alice", "U1")));

        assertThat(NotificationReasons.update(reopened)).isEqualTo("Updated: Reopened: api down fired again");
        assertThat(NotificationReasons.update(acknowledged)).isEqualTo("Updated: Acknowledged by Alice");
        assertThat(NotificationReasons.update(incident(labels(), List.of()))).isEqualTo("Updated: now open");
    }

    @Test
    void shouldNameRepliesEscalationsAndDigests() {
        List<TimelineEntry> entries = List.of(
                new TimelineEntry(T0, Kind.ALERT_FIRING, "a: firing", null),
                new TimelineEntry(T0, Kind.ALERT_RESOLVED, "b: resolved", null));

        assertThat(NotificationReasons.reply(entries))
                .isEqualTo("Thread: 2 timeline entries, the newest alert resolved");
        assertThat(NotificationReasons.escalation(1))
                .isEqualTo("Escalation level 1: nobody acknowledged it (reminder)");
        assertThat(NotificationReasons.escalation(2)).isEqualTo("Escalation level 2: nobody acknowledged it (mention)");
        assertThat(NotificationReasons.digest("#api", new Digest("d1", T0, 12, 40, List.of())))
                .isEqualTo("Storm digest: 12 incidents in #api arrive too fast for a message each");
    }

    @Test
    void shouldKeepAReasonOnOneBoundedLine() {
        Incident incident = incident(
                labels("resource", "x".repeat(1_000)),
                List.of(new TimelineEntry(T0, Kind.NOTE, "line one\nline two", null)));

        assertThat(NotificationReasons.post(incident, null)).hasSize(NotificationReasons.MAX_CHARS);
        assertThat(NotificationReasons.update(incident)).doesNotContain("\n");
    }
}
