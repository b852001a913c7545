package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsFormatterTest {

    @Test
    void shouldShowIdSeverityStateOwnerAndChannelPerLine() {
        Incident incident = Fixtures.acknowledged(Fixtures.open("INC-7F3A", "api", Severity.CRITICAL, 0), "U0ALICE");
        String text = AlertsFormatter.list(new IncidentIndex.Page(List.of(incident), 1), ListFilter.ALL, Fixtures.T0);

        assertThat(text)
                .startsWith("*1 open incident, newest first*")
                .contains("*INC-7F3A*")
                .contains("critical")
                .contains("acknowledged by <@U0ALICE>")
                .contains("#alerts")
                .contains("<!date^" + incident.firstSeen().getEpochSecond());
    }

    @Test
    void shouldEscapeOutsideTextSoItCannotPingOrLink() {
        Incident evil = Fixtures.titled(
                Fixtures.open("INC-1", "api", Severity.ERROR, 0), "<!channel> click <https://evil.example|here>");
        String list = AlertsFormatter.list(new IncidentIndex.Page(List.of(evil), 1), ListFilter.ALL, Fixtures.T0);
        String show = AlertsFormatter.show(evil, Fixtures.T0);

        for (String text : List.of(list, show)) {
            assertThat(text).doesNotContain("<!channel>").doesNotContain("<https://evil");
            assertThat(text).contains("&lt;!channel&gt;");
        }
    }

    @Test
    void shouldSayHowManyMoreAndHowToNarrow() {
        Incident one = Fixtures.open("INC-1", "api", Severity.ERROR, 0);
        ListFilter filter = new ListFilter(Set.of(), Set.of(Severity.ERROR), Set.of("api"));
        String text = AlertsFormatter.list(new IncidentIndex.Page(List.of(one), 31), filter, Fixtures.T0);

        assertThat(text)
                .contains("31 open incidents (severity error · service api)")
                .contains("…and 30 more");
    }

    @Test
    void shouldListHeldIncidentsWithWhenTheyPostAndWhyAndCountThoseThatCleared() {
        Incident base = Fixtures.open("INC-5", "api", Severity.ERROR, 0);
        java.time.Instant until = Fixtures.T0.plusSeconds(240);
        Incident held = base.toBuilder()
                .timeline(List.of(new TimelineEntry(
                        Fixtures.T0,
                        TimelineEntry.Kind.HELD,
                        "Held for 4m because 17 of its last 20 firings cleared within 4m",
                        null,
                        until.toString())))
                .build();
        Incident cleared = Fixtures.open("INC-6", "api", Severity.ERROR, 0).toBuilder()
                .state(IncidentState.RESOLVED)
                .resolvedAt(Fixtures.T0)
                .timeline(List.of(
                        new TimelineEntry(Fixtures.T0, TimelineEntry.Kind.HELD, "Held", null, until.toString()),
                        new TimelineEntry(Fixtures.T0, TimelineEntry.Kind.HELD_CLEARED, "Cleared", null)))
                .build();

        String text = AlertsFormatter.held(
                new IncidentIndex.Page(List.of(held), 1), List.of(cleared), ListFilter.ALL, Fixtures.T0);

        assertThat(text)
                .startsWith("*1 held incident: not posted yet")
                .contains("*INC-5*")
                .contains("posted <!date^" + until.getEpochSecond())
                .contains("17 of its last 20 firings cleared within 4m")
                .contains("Cleared by themselves while held in the last 24 h (never posted):* #alerts 1");
        assertThat(AlertsFormatter.held(new IncidentIndex.Page(List.of(), 0), List.of(), ListFilter.ALL, Fixtures.T0))
                .isEqualTo(":white_check_mark: No incident is held now.");
    }

    @Test
    void shouldSaySoWhenNothingIsOpen() {
        assertThat(AlertsFormatter.list(new IncidentIndex.Page(List.of(), 0), ListFilter.ALL, Fixtures.T0))
                .isEqualTo(":white_check_mark: No open incidents.");
    }

    @Test
    void shouldShowMembersTimelineAndSnooze() {
        Incident base = Fixtures.open("INC-9", "db", Severity.WARNING, 0);
        Incident snoozed = base.toBuilder()
                .version(2)
                .snoozedUntil(Fixtures.T0.plusSeconds(7200))
                .channel("C0ALERTS")
                .alertCount(3)
                .build();
        String text = AlertsFormatter.show(snoozed, Fixtures.T0);

        assertThat(text)
                .contains("open, unowned, :zzz: snoozed until")
                .contains("<#C0ALERTS>")
                .contains("`service=db`")
                .contains(":red_circle: firing · db 5xx rate")
                .contains("Opened by db 5xx rate");
    }

    @Test
    void shouldListEveryCommandInHelp() {
        assertThat(AlertsFormatter.help("/alerts"))
                .contains(
                        "/alerts list",
                        "/alerts show",
                        "/alerts ack",
                        "/alerts unack",
                        "/alerts resolve",
                        "/alerts snooze",
                        "/alerts silence",
                        "--public");
    }

    @Test
    void shouldExplainRouteGroupingInhibitionEscalationAndMessagesStepByStep() {
        Incident base = Fixtures.open("INC-7F3A", "api", Severity.ERROR, 0);
        List<TimelineEntry> timeline = new java.util.ArrayList<>(base.timeline());
        timeline.add(new TimelineEntry(
                Fixtures.T0.plusSeconds(5),
                TimelineEntry.Kind.SUPPRESSED,
                "api 5xx rate: firing (inhibited by region-down (rule region-inhibits-api))",
                null));
        timeline.add(new TimelineEntry(
                Fixtures.T0.plusSeconds(300),
                TimelineEntry.Kind.ALERT_FIRING,
                "api 5xx rate: still firing after region-down resolved",
                null));
        timeline.add(new TimelineEntry(
                Fixtures.T0.plusSeconds(900), TimelineEntry.Kind.ESCALATED, "Reminder: nobody acknowledged it", null));
        timeline.add(new TimelineEntry(
                Fixtures.T0.plusSeconds(1000), TimelineEntry.Kind.ACKNOWLEDGED, "Acknowledged by Alice", "U0ALICE"));
        Incident incident =
                base.toBuilder().timeline(timeline).escalationLevel(1).build();
        RouteRule route = new RouteRule(
                "default",
                10,
                List.of(Matcher.parse("service=~api|web")),
                "#alerts",
                List.of("service"),
                null,
                Duration.ofSeconds(45),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        String text = AlertsFormatter.why(incident, Optional.of(route), Fixtures.T0.plusSeconds(1200));

        assertThat(text)
                .contains("*1. Route:* `default`")
                .contains("whose matchers all matched: `service=~api|web`")
                .contains("*2. Grouping:* alerts with `service=api` join this incident")
                .contains("waited 45 s")
                .contains("inhibited by region-down (rule region-inhibits-api)")
                .contains("still firing after region-down resolved")
                .contains("*4. Escalations:* level 1 reached")
                .contains("Reminder: nobody acknowledged it")
                .contains("Acknowledged by Alice");
        assertThat(text.indexOf("1. Route")).isLessThan(text.indexOf("2. Grouping"));
        assertThat(text.indexOf("3. Silences")).isLessThan(text.indexOf("4. Escalations"));
    }

    @Test
    void shouldExplainWithoutTheRouteAndEscapeOutsideText() {
        Incident evil =
                Fixtures.titled(Fixtures.open("INC-1", "api", Severity.ERROR, 0), "<!channel> <https://evil|x>");

        String text = AlertsFormatter.why(evil, Optional.empty(), Fixtures.T0);

        assertThat(text)
                .contains("*1. Route:* `default`")
                .contains("(else the default route)")
                .contains("*3. Silences and inhibitions:* none recorded")
                .contains("*4. Escalations:* none")
                .doesNotContain("<!channel>")
                .doesNotContain("<https://evil");
    }
}
