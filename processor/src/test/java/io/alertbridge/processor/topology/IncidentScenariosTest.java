package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripted scenarios through the whole topology (raw AWS messages and anomaly scores in; incidents and Slack commands
 * out) in a TopologyTestDriver, wall clock and all. Each ends by letting time pass and asserting nothing more came out.
 */
class IncidentScenariosTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final IncidentsSlice CONFIG = IncidentsSlice.defaults();

    @TempDir
    Path stateDir;

    private IncidentTopologyHarness harness(List<Rule> rules) {
        return new IncidentTopologyHarness(rules, stateDir, T0, hops());
    }

    /** How the topology under test re-keys; {@link IncidentScenariosInTaskTest} runs every scenario in one task. */
    StreamsSlice.Hops hops() {
        return StreamsSlice.Hops.TOPICS;
    }

    private static List<NotificationCommand> ofType(List<NotificationCommand> commands, Type type) {
        return commands.stream().filter(c -> c.type() == type).toList();
    }

    private static void assertNothingMoreHappens(IncidentTopologyHarness h, Duration quiet) {
        h.advance(quiet);
        assertThat(h.drainCommands()).isEmpty();
        assertThat(h.outputIsEmpty()).isTrue();
    }

    @Test
    void shouldKeepOneMessageUpToDateForAnAlarmFlappingEveryMinuteForAnHour() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            for (int minute = 0; minute < 60; minute++) {
                h.alarm("cpu-high-i-0abc", "i-0abc", true);
                h.advance(Duration.ofSeconds(30));
                h.alarm("cpu-high-i-0abc", "i-0abc", false);
                h.advance(Duration.ofSeconds(30));
            }
            h.advance(Duration.ofMinutes(10));
            List<NotificationCommand> commands = h.drainCommands();

            Incident last = h.last();
            assertThat(h.incidents).extracting(Incident::incidentId).containsOnly(last.incidentId());
            assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(last.alertCount()).isEqualTo(120);
            assertThat(last.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.REOPENED);
            assertThat(commands).extracting(NotificationCommand::incidentId).containsOnly(last.incidentId());
            assertThat(ofType(commands, Type.POST)).as("one message, not 120").hasSize(1);
            assertThat(ofType(commands, Type.DIGEST)).isEmpty();
            List<NotificationCommand> updates = ofType(commands, Type.UPDATE);
            assertThat(updates).hasSizeLessThanOrEqualTo(119);
            assertThat(updates.get(updates.size() - 1).incident())
                    .as("the message ends showing the final state")
                    .satisfies(i -> {
                        assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
                        assertThat(i.alertCount()).isEqualTo(120);
                        assertThat(i.version()).isEqualTo(last.version());
                    });
            assertThat(ofType(commands, Type.THREAD_REPLY))
                    .as("alert activity batched into one reply per five minutes")
                    .hasSizeLessThanOrEqualTo(13);

            h.advance(Duration.ofMinutes(30));
            assertThat(h.drainCommands())
                    .as("closing it after a quiet window says nothing more")
                    .isEmpty();
            assertNothingMoreHappens(h, Duration.ofMinutes(5));
        }
    }

    @Test
    void shouldCarryAnOutageStormInAHandfulOfSlackCallsAndAccountForEveryAlarm() {
        List<Rule> routes = List.of(
                Fixtures.route("team-a", "#team-a", List.of("resource"), "alarm=~team-a-.*"),
                Fixtures.route("team-b", "#team-b", List.of("resource"), "alarm=~team-b-.*"),
                Fixtures.route("team-c", "#team-c", List.of("resource"), "alarm=~team-c-.*"));
        try (IncidentTopologyHarness h = harness(routes)) {
            StormScenario storm = new StormScenario(400, 5, Duration.ofMinutes(2));
            List<StormScenario.Alarm> alarms = storm.alarms(T0);
            for (StormScenario.Alarm alarm : alarms) {
                h.advanceTo(alarm.at());
                h.alarm(alarm.alarmName(), alarm.instanceId(), true);
            }
            h.advance(Duration.ofMinutes(10));
            List<NotificationCommand> commands = h.drainCommands();

            StormScenario.Accounting accounting = StormScenario.account(commands, h.incidents);
            assertThat(accounting.incidents()).isEqualTo(400);
            assertThat(accounting.alertsInIncidents()).isEqualTo(2_000);
            assertThat(accounting.alertsInMessages() + accounting.alertsInDigests())
                    .as("every alarm is in a message or counted in a digest")
                    .isEqualTo(2_000);
            assertThat(accounting.incidentsWithMessage() + accounting.incidentsInDigests())
                    .isEqualTo(400);
            assertThat(commands.size() * 1_000.0 / alarms.size())
                    .as("Slack commands per 1,000 alarms (each one Slack call): %s", StormScenario.mix(commands))
                    .isLessThanOrEqualTo(15.0);
            assertThat(StormScenario.paceViolations(commands))
                    .as("what a strict Slack would answer with 429")
                    .isEmpty();
            Map<String, Instant> firstAlarm = StormScenario.firstAlarmPerChannel(alarms);
            assertThat(firstAlarm.keySet()).containsExactlyInAnyOrder("#team-a", "#team-b", "#team-c");
            Duration groupWait = ((RouteRule) routes.get(0)).groupWait();
            firstAlarm.forEach((channel, at) -> assertThat(commands.stream()
                            .filter(c -> channel.equals(c.channel()))
                            .findFirst()
                            .orElseThrow()
                            .createdAt())
                    .as("first message in %s", channel)
                    .isBeforeOrEqualTo(at.plus(groupWait).plusSeconds(2)));
            assertThat(commands).filteredOn(c -> c.type() == Type.DIGEST).last().satisfies(last -> assertThat(
                            last.digest().endedAt())
                    .as("the digest says the storm is over")
                    .isNotNull());

            assertNothingMoreHappens(h, Duration.ofMinutes(2));
        }
    }

    @Test
    void shouldBringMessagesPostedBeforeAStormUpToDateOnceItIsOver() {
        List<Rule> routes = new ArrayList<>();
        for (String team : StormScenario.TEAMS) {
            RouteRule r =
                    Fixtures.route("team-" + team, "#team-" + team, List.of("resource"), "alarm=~team-" + team + "-.*");
            routes.add(new RouteRule(
                    r.id(),
                    r.order(),
                    r.matchers(),
                    r.channel(),
                    r.groupBy(),
                    r.groupWindow(),
                    Duration.ZERO,
                    r.updateInterval(),
                    r.escalation(),
                    r.storm(),
                    r.incidentChannel(),
                    r.mentions(),
                    r.receivers(),
                    null,
                    null));
        }
        try (IncidentTopologyHarness h = harness(routes)) {
            StormScenario storm = new StormScenario(400, 5, Duration.ofMinutes(2));
            for (StormScenario.Alarm alarm : storm.alarms(T0)) {
                h.advanceTo(alarm.at());
                h.alarm(alarm.alarmName(), alarm.instanceId(), true);
            }
            h.advance(Duration.ofMinutes(10));
            List<NotificationCommand> commands = h.drainCommands();

            StormScenario.Accounting accounting = StormScenario.account(commands, h.incidents);
            assertThat(accounting.incidentsWithMessage())
                    .as("posted without a group wait before the storm was seen")
                    .isPositive();
            assertThat(accounting.alertsInMessages() + accounting.alertsInDigests())
                    .as("their messages end showing every alert: %s", StormScenario.mix(commands))
                    .isEqualTo(2_000);
            assertThat(accounting.incidentsWithMessage() + accounting.incidentsInDigests())
                    .isEqualTo(400);
            assertThat(StormScenario.paceViolations(commands)).isEmpty();
            assertThat(ofType(commands, Type.UPDATE))
                    .as("one edit each, after the storm")
                    .hasSize(accounting.incidentsWithMessage());

            assertNothingMoreHappens(h, Duration.ofMinutes(2));
        }
    }

    @Test
    void shouldPutAnAnomalyAlertAndAnAlarmAboutOneResourceInOneIncident() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.alarm("cpu-high-i-0abc", "i-0abc", true);
            h.advance(Duration.ofSeconds(10));
            h.score("i-0abc", 0.93);
            h.advance(Duration.ofSeconds(30));
            List<NotificationCommand> posted = h.drainCommands();

            assertThat(posted).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.channel()).isEqualTo("#alerts");
                assertThat(post.incident().members())
                        .extracting(m -> m.source())
                        .containsExactlyInAnyOrder("cloudwatch", "anomaly");
            });
            assertThat(h.incidents)
                    .extracting(Incident::incidentId)
                    .containsOnly(posted.get(0).incidentId());

            h.alarm("cpu-high-i-0abc", "i-0abc", false);
            for (int i = 0; i < 48; i++) {
                h.advance(Duration.ofSeconds(1));
                h.score("i-0abc", 0.05);
            }
            h.advance(Duration.ofSeconds(10));
            List<NotificationCommand> resolved = h.drainCommands();

            assertThat(h.last().state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(ofType(resolved, Type.UPDATE))
                    .last()
                    .satisfies(u -> assertThat(u.incident().state()).isEqualTo(IncidentState.RESOLVED));
            h.advance(Duration.ofMinutes(5));
            assertThat(ofType(h.drainCommands(), Type.THREAD_REPLY))
                    .singleElement()
                    .satisfies(r -> assertThat(r.text()).contains("Resolved: all 2 alerts resolved"));
            assertNothingMoreHappens(h, Duration.ofMinutes(1));
        }
    }

    @Test
    void shouldRemindThenMentionAnUnacknowledgedIncidentAndStopOnceAcknowledged() {
        RouteRule escalating =
                Fixtures.escalating("web", "#web", Duration.ofMinutes(5), Duration.ofMinutes(10), "<!here>");
        try (IncidentTopologyHarness h = harness(List.of(escalating))) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(5));
            List<NotificationCommand> reminded = h.drainCommands();
            h.advance(Duration.ofMinutes(5));
            List<NotificationCommand> mentioned = h.drainCommands();
            Incident incident = h.last();
            h.action(
                    Fixtures.action(ActionType.ACKNOWLEDGE, incident.incidentId(), incident.groupKey(), "U1", h.now()));
            // The mention was posted this very second: the reply takes the channel's next post slot.
            h.advance(Duration.ofSeconds(1));
            List<NotificationCommand> acknowledged = h.drainCommands();

            assertThat(reminded).extracting(NotificationCommand::type).containsExactly(Type.POST, Type.ESCALATION);
            assertThat(reminded.get(1).mention()).isNull();
            assertThat(mentioned).extracting(NotificationCommand::type).containsExactly(Type.ESCALATION);
            assertThat(mentioned.get(0).mention()).isEqualTo("<!here>");
            assertThat(acknowledged)
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.UPDATE, Type.THREAD_REPLY);
            assertThat(acknowledged.get(0).incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
            assertThat(acknowledged.get(0).incident().escalationLevel()).isEqualTo(2);
            assertNothingMoreHappens(h, Duration.ofMinutes(30));
        }
    }

    @Test
    void shouldNeverUnresolveWhenAnAcknowledgementRacesTheAutomaticResolve() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(30));
            Incident open = h.last();

            h.alarm("cpu-high-i-1", "i-1", false);
            h.action(Fixtures.action(ActionType.ACKNOWLEDGE, open.incidentId(), open.groupKey(), "U1", h.now()));
            h.advance(Duration.ofSeconds(10));

            Incident last = h.last();
            assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(last.acknowledgedBy()).isEqualTo("U1");
            List<NotificationCommand> commands = h.drainCommands();
            assertThat(ofType(commands, Type.UPDATE))
                    .last()
                    .satisfies(u -> assertThat(u.incident().state()).isEqualTo(IncidentState.RESOLVED));
            assertThat(ofType(commands, Type.THREAD_REPLY))
                    .as("the person's note goes at once, with the resolve it raced")
                    .singleElement()
                    .satisfies(r -> assertThat(r.text()).contains("all 1 alerts resolved", "after it had resolved"));
            assertNothingMoreHappens(h, Duration.ofMinutes(10));
        }
    }

    @Test
    void shouldRecordSilencedAlertsWithoutNotifyingAndLetTheResolvePass() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.rule(
                    "db-maint",
                    new SilenceRule(
                            "db-maint",
                            List.of(Matcher.parse("resource=db-1")),
                            T0,
                            T0.plus(Duration.ofHours(1)),
                            "failover",
                            "U9"));
            h.alarm("db-cpu", "db-1", true);
            h.advance(Duration.ofMinutes(2));

            assertThat(h.drainCommands()).as("silenced: never notified").isEmpty();
            assertThat(h.incidents).singleElement().satisfies(i -> assertThat(i.timeline())
                    .extracting(TimelineEntry::kind)
                    .contains(TimelineEntry.Kind.SUPPRESSED));

            h.alarm("db-cpu", "db-1", false);
            h.advance(Duration.ofMinutes(2));
            assertThat(h.last().state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(h.drainCommands()).as("nobody was told it began").isEmpty();
            assertNothingMoreHappens(h, Duration.ofMinutes(5));
        }
    }

    @Test
    void shouldTellPeopleOfASilencedAlarmThatStillFiresWhenItsMaintenanceWindowEnds() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.rule(
                    "db-maint",
                    new SilenceRule(
                            "db-maint",
                            List.of(Matcher.parse("resource=db-1")),
                            T0,
                            T0.plus(Duration.ofMinutes(10)),
                            "failover",
                            "U9"));
            h.alarm("db-cpu", "db-1", true);
            h.advance(Duration.ofMinutes(9));
            assertThat(h.drainCommands()).as("silenced").isEmpty();

            h.advance(Duration.ofMinutes(2));
            List<NotificationCommand> after = h.drainCommands();

            assertThat(after).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.incident().members()).singleElement().satisfies(m -> assertThat(m.suppressed())
                        .isFalse());
                assertThat(post.incident().timeline())
                        .extracting(TimelineEntry::text)
                        .anyMatch(t -> t.contains("still firing after its silence ended"));
            });
            assertNothingMoreHappens(h, Duration.ofMinutes(5));
        }
    }

    @Test
    void shouldApplyARuleFromTheRulesTopicToTheNextAlertsAndRejectABadOne() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.alarm("pay-latency-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(30));
            assertThat(h.drainCommands()).singleElement().satisfies(c -> assertThat(c.channel())
                    .isEqualTo("#alerts"));

            h.rule("payments", Fixtures.route("payments", "#payments", List.of("resource"), "alarm=~pay-.*"));
            h.ruleBytes("payments", "{\"kind\":\"route\",\"id\":\"payments\"}".getBytes(StandardCharsets.UTF_8));
            h.alarm("pay-latency-i-2", "i-2", true);
            h.advance(Duration.ofSeconds(30));

            assertThat(h.drainCommands()).singleElement().satisfies(c -> assertThat(c.channel())
                    .isEqualTo("#payments"));
            assertThat(h.rules.rejections()).singleElement().satisfies(r -> assertThat(r.reason())
                    .contains("channel"));
            assertNothingMoreHappens(h, Duration.ofMinutes(1));
        }
    }

    @Test
    void shouldStartANewIncidentOnceThePreviousResolvedAndStayedQuiet() {
        try (IncidentTopologyHarness h = harness(List.of())) {
            h.alarm("cpu-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));
            h.alarm("cpu-i-1", "i-1", false);
            h.advance(Duration.ofMinutes(31));
            h.alarm("cpu-i-1", "i-1", true);
            h.advance(Duration.ofMinutes(1));

            Set<String> ids = h.incidents.stream().map(Incident::incidentId).collect(Collectors.toSet());
            List<NotificationCommand> posts = ofType(h.drainCommands(), Type.POST);
            assertThat(ids).hasSize(2);
            assertThat(posts).extracting(NotificationCommand::incidentId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(h.last().version())
                    .as("versions continue across the group's incidents")
                    .isGreaterThan(h.incidents.get(0).version());
            assertNothingMoreHappens(h, Duration.ofMinutes(1));
        }
    }
}
