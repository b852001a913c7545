package io.alertbridge.processor.replay;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreviewDiffTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Topics TOPICS = ProcessorConfig.builder().build().topicCatalog();

    /** A replay report holding these incidents, each posted once and edited once in its channel. */
    private static ReplayReport report(Incident... incidents) {
        ReplayReport report = new ReplayReport(TOPICS);
        JsonSerde<Incident> incidentSerde = JsonSerde.of(Incident.class);
        JsonSerde<NotificationCommand> commandSerde = JsonSerde.of(NotificationCommand.class);
        for (Incident incident : incidents) {
            String topic = TOPICS.incidents().name();
            report.record(topic, incidentSerde.serializer().serialize(topic, incident));
            String notifications = TOPICS.notifications().name();
            if (!incident.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.HELD_CLEARED)) {
                report.record(
                        notifications,
                        commandSerde
                                .serializer()
                                .serialize(
                                        notifications,
                                        NotificationCommand.post(incident.incidentId() + ":post", incident, null, T0)));
            }
        }
        return report;
    }

    private static Incident incident(String id, String route, String channel, boolean silenced, String... fps) {
        List<IncidentMember> members = new ArrayList<>();
        for (String fp : fps) {
            members.add(
                    new IncidentMember(fp, "cloudwatch", fp, AlertStatus.FIRING, Severity.ERROR, "e", T0, silenced));
        }
        return Incident.builder()
                .groupKey(route + "|" + id)
                .incidentId(id)
                .version(1)
                .state(IncidentState.OPEN)
                .severity(Severity.ERROR)
                .title(id)
                .routeId(route)
                .channel(channel)
                .members(members)
                .firstSeen(T0)
                .lastSeen(T0)
                .alertCount(fps.length)
                .build();
    }

    @Test
    void shouldSayNoChangeForTheSameOutcome() {
        PreviewDiff diff = PreviewDiff.between(
                report(incident("INC-1", "default", "#alerts", false, "a")),
                report(incident("INC-9", "default", "#alerts", false, "a")),
                "default");

        assertThat(diff.changed()).isFalse();
        assertThat(diff.lines(10)).singleElement().asString().startsWith("No change");
    }

    @Test
    void shouldShowIncidentsAndMessagesMovingToAnotherChannelAndRoute() {
        PreviewDiff diff = PreviewDiff.between(
                report(incident("INC-1", "default", "#alerts", false, "pay-1", "pay-2")),
                report(incident("INC-2", "payments", "#payments", false, "pay-1", "pay-2")),
                "default");

        assertThat(diff.changed()).isTrue();
        assertThat(diff.incidentsCurrent()).isEqualTo(1);
        assertThat(diff.incidentsProposed()).isEqualTo(1);
        assertThat(diff.incidentsByChannel()).containsOnlyKeys("#alerts", "#payments");
        assertThat(diff.incidentsByChannel().get("#payments")).containsExactly(0, 1);
        assertThat(diff.messagesByChannel().get("#alerts").get("POST")).containsExactly(1, 0);
        assertThat(diff.rerouted())
                .containsEntry("pay-1", "default -> payments")
                .hasSize(2);
        assertThat(diff.newlyUnrouted()).isEmpty();
        assertThat(diff.lines(1))
                .contains("  #payments                incidents 0 -> 1")
                .contains("  #alerts                  POST 1 -> 0")
                .contains("alerts moved to another route: 2", "  pay-1: default -> payments", "  ... and 1 more");
    }

    @Test
    void shouldNameAlertsNewlySilencedAndNewlyUnrouted() {
        PreviewDiff diff = PreviewDiff.between(
                report(incident("INC-1", "db", "#db", false, "db-1"), incident("INC-2", "api", "#api", false, "api-1")),
                report(
                        incident("INC-3", "db", "#db", true, "db-1"),
                        incident("INC-4", "default", "#api", false, "api-1")),
                "default");

        assertThat(diff.newlySilenced()).containsExactly("db-1");
        assertThat(diff.noLongerSilenced()).isEmpty();
        assertThat(diff.newlyUnrouted()).containsExactly("api-1");
        assertThat(diff.changed()).isTrue();
        assertThat(diff.lines(10))
                .contains("alerts newly silenced: 1", "  db-1", "alerts newly unrouted (default route): 1", "  api-1");
    }

    @Test
    void shouldTellAlertsNewlyInhibitedFromAlertsNewlySilenced() {
        Incident inhibited = incident("INC-3", "default", "#alerts", true, "cpu-1").toBuilder()
                .timeline(List.of(new TimelineEntry(
                        T0,
                        TimelineEntry.Kind.SUPPRESSED,
                        "cpu-1: firing (inhibited by region-down (rule region-inhibits))",
                        null)))
                .build();
        Incident silenced = incident("INC-4", "default", "#alerts", true, "disk-1").toBuilder()
                .timeline(List.of(new TimelineEntry(
                        T0, TimelineEntry.Kind.SUPPRESSED, "disk-1: firing (silenced by maintenance)", null)))
                .build();

        PreviewDiff diff = PreviewDiff.between(
                report(
                        incident("INC-1", "default", "#alerts", false, "cpu-1"),
                        incident("INC-2", "default", "#alerts", false, "disk-1")),
                report(inhibited, silenced),
                "default");

        assertThat(diff.newlyInhibited()).containsExactly("cpu-1");
        assertThat(diff.newlySilenced()).containsExactly("disk-1");
        assertThat(diff.noLongerInhibited()).isEmpty();
        assertThat(diff.changed()).isTrue();
        assertThat(diff.lines(10)).contains("alerts newly inhibited: 1", "  cpu-1", "alerts newly silenced: 1");
    }

    @Test
    void shouldCountIncidentsHeldAndClearedThatAreNoLongerPosted() {
        Incident cleared = incident("INC-2", "flaky", "#f", false, "disk-1").toBuilder()
                .timeline(List.of(
                        new TimelineEntry(
                                T0,
                                TimelineEntry.Kind.HELD,
                                "Held",
                                null,
                                T0.plusSeconds(240).toString()),
                        new TimelineEntry(T0, TimelineEntry.Kind.HELD_CLEARED, "Cleared", null)))
                .build();

        PreviewDiff diff = PreviewDiff.between(
                report(incident("INC-1", "flaky", "#f", false, "disk-1")), report(cleared), "default");

        assertThat(diff.clearedWhileHeld()).containsExactly(0, 1);
        assertThat(diff.messagesByChannel().get("#f").get("POST")).containsExactly(1, 0);
        assertThat(diff.lines(10)).contains("incidents held and cleared by themselves (never posted): 0 -> 1");
    }
}
