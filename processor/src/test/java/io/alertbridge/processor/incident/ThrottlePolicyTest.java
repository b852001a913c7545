package io.alertbridge.processor.incident;

import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.processor.incident.IncidentChange.Cause;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ThrottlePolicyTest {

    private static final ThrottleSlice SETTINGS = ThrottleSlice.defaults();
    private static final RouteRule WEB = route("web", "#web", null, null, null);

    private static RouteRule route(
            String id,
            String channel,
            RouteRule.StormLimit storm,
            RouteRule.IncidentChannelOption incidentChannel,
            RouteRule.Escalation escalation) {
        return new RouteRule(
                id,
                1,
                List.of(),
                channel,
                List.of("resource"),
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                escalation,
                storm,
                incidentChannel,
                List.of("<!subteam^S1>"),
                null,
                null,
                null);
    }

    private static Instant sec(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A little lifecycle: keeps each incident's latest state, to make realistic changes. */
    private static final class Incidents {
        private final RouteRule route;
        private int next;
        final List<Incident> all = new ArrayList<>();

        Incidents(RouteRule route) {
            this.route = route;
        }

        IncidentChange open(String resource, long at) {
            return open(alarm("cpu", resource, FIRING, sec(at)));
        }

        IncidentChange open(AlertEvent event) {
            Transition t = Lifecycle.open(IncidentIds.format(0, next++), 1, Correlation.route(event, route));
            all.add(t.incident());
            return IncidentChange.of(t, Cause.OPENED);
        }

        IncidentChange alert(int index, AlertEvent event) {
            Transition t = Lifecycle.apply(all.get(index), Correlation.route(event, route));
            all.set(index, t.incident());
            return IncidentChange.of(t, Cause.ALERT);
        }

        IncidentChange act(int index, ActionType type, String user, long at) {
            Incident incident = all.get(index);
            Transition t = Lifecycle.apply(
                    incident, Fixtures.action(type, incident.incidentId(), incident.groupKey(), user, sec(at)));
            all.set(index, t.incident());
            return IncidentChange.of(t, Cause.ACTION);
        }

        IncidentChange escalate(int index, int level, long at) {
            Transition t = Lifecycle.escalate(all.get(index), level, Duration.ofMinutes(10), "<!here>", sec(at));
            all.set(index, t.incident());
            return new IncidentChange(t.incident(), Cause.ESCALATED, t.added(), false, false, level, "<!here>", "test");
        }

        IncidentChange close(int index) {
            return new IncidentChange(all.get(index), Cause.CLOSED, List.of(), false, false, 0, null, "test");
        }
    }

    private static List<Type> types(List<NotificationCommand> commands) {
        return commands.stream().map(NotificationCommand::type).toList();
    }

    @Test
    void shouldWaitForTheGroupSoAlertsThatArriveTogetherArriveInOneMessage() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);

        assertThat(sim.change(incidents.open("i-1", 0), sec(0))).isEmpty();
        assertThat(sim.change(incidents.alert(0, alarm("disk", "i-1", FIRING, sec(10))), sec(10)))
                .isEmpty();
        assertThat(sim.run(sec(10), sec(29))).isEmpty();
        List<NotificationCommand> posted = sim.tick(sec(30));

        assertThat(types(posted)).containsExactly(Type.POST);
        assertThat(posted.get(0).incident().members()).hasSize(2);
        assertThat(posted.get(0).mention()).isEqualTo("<!subteam^S1>");
        assertThat(sim.run(sec(30), sec(120))).as("nothing more to say").isEmpty();
    }

    /** The change as the lifecycle hands it on with the transient-alert hold recorded ({@link TransientHolds}). */
    private static IncidentChange held(Incidents incidents, IncidentChange change, boolean hold, long at) {
        TransientHold.Decision decision = hold
                ? new TransientHold.Decision(
                        true, Duration.ofMinutes(4), "held for 4m because 5 of its last 5 firings cleared within 4m")
                : new TransientHold.Decision(false, Duration.ZERO, "not held");
        IncidentChange marked = TransientHolds.mark(
                        new IncidentGroup.Step(null, List.of(change), "test"), decision, sec(at))
                .changes()
                .get(0);
        incidents.all.set(incidents.all.size() - 1, marked.incident());
        return marked;
    }

    @Test
    void shouldNeverPostAHeldIncidentThatClearsWithinItsHold() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);

        assertThat(sim.change(held(incidents, incidents.open("i-1", 0), true, 0), sec(0)))
                .isEmpty();
        assertThat(sim.run(sec(0), sec(119)))
                .as("past the group wait, still held")
                .isEmpty();
        IncidentChange resolved =
                held(incidents, incidents.alert(0, alarm("cpu", "i-1", RESOLVED, sec(120))), false, 120);

        assertThat(resolved.added()).extracting(e -> e.kind()).contains(TimelineEntry.Kind.HELD_CLEARED);
        assertThat(sim.change(resolved, sec(120))).isEmpty();
        assertThat(sim.run(sec(120), sec(900)))
                .as("cleared by itself: never posted")
                .isEmpty();
    }

    @Test
    void shouldPostAHeldIncidentStillFiringWhenItsHoldEndsSayingWhyInItsThread() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);

        sim.change(held(incidents, incidents.open("i-1", 0), true, 0), sec(0));
        assertThat(sim.run(sec(0), sec(239))).isEmpty();
        List<NotificationCommand> out = sim.run(sec(239), sec(260));

        assertThat(types(out)).containsExactly(Type.POST, Type.THREAD_REPLY);
        assertThat(out.get(0).createdAt()).isEqualTo(sec(240));
        assertThat(out.get(1).text()).contains("Held for 4m because 5 of its last 5 firings cleared within 4m");
        assertThat(sim.run(sec(260), sec(900))).isEmpty();
    }

    @Test
    void shouldNotHoldAnIncidentTheLifecycleDidNotMark() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);

        sim.change(held(incidents, incidents.open("i-1", 0), false, 0), sec(0));

        assertThat(types(sim.run(sec(0), sec(30)))).containsExactly(Type.POST);
    }

    @Test
    void shouldCoalesceUpdatesSoTheLatestStateWinsAtMostOncePerInterval() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));

        sim.change(incidents.alert(0, alarm("disk", "i-1", FIRING, sec(31))), sec(31));
        sim.change(incidents.alert(0, alarm("mem", "i-1", FIRING, sec(32))), sec(32));
        sim.change(incidents.alert(0, alarm("net", "i-1", FIRING, sec(33))), sec(33));
        List<NotificationCommand> updates = sim.run(sec(33), sec(60));

        assertThat(types(updates)).containsExactly(Type.UPDATE);
        assertThat(updates.get(0).createdAt()).isEqualTo(sec(35));
        assertThat(updates.get(0).incident().version())
                .isEqualTo(incidents.all.get(0).version());
        assertThat(updates.get(0).incident().members()).hasSize(4);
    }

    @Test
    void shouldShowAPersonsChangeAtOnceWithItsThreadReply() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));

        List<NotificationCommand> out = sim.change(incidents.act(0, ActionType.ACKNOWLEDGE, "U1", 31), sec(31));

        assertThat(types(out)).containsExactly(Type.UPDATE, Type.THREAD_REPLY);
        assertThat(out.get(0).incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(out.get(1).text()).contains("Acknowledged by u1");
    }

    @Test
    void shouldBatchAlertActivityIntoOneThreadReplyPerReplyInterval() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));

        for (int i = 1; i <= 6; i++) {
            sim.change(incidents.alert(0, alarm("m" + i, "i-1", FIRING, sec(30 + i * 20))), sec(30 + i * 20));
        }
        List<NotificationCommand> out = sim.run(sec(150), sec(30 + 300));

        List<NotificationCommand> replies =
                sim.sent.stream().filter(c -> c.type() == Type.THREAD_REPLY).toList();
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.createdAt()).isEqualTo(sec(330));
            assertThat(r.text().lines()).hasSize(6);
        });
        assertThat(types(out)).contains(Type.THREAD_REPLY);
    }

    @Test
    void shouldKeepPostsToOneChannelASecondApart() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        for (int i = 0; i < 3; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }

        List<NotificationCommand> out = sim.run(sec(0), sec(40));

        assertThat(out).extracting(NotificationCommand::createdAt).containsExactly(sec(30), sec(31), sec(32));
    }

    @Test
    void shouldKeepEditsWithinTheChannelsBudgetAndCatchUpWithTheLatestState() {
        ThrottleSlice tight =
                new ThrottleSlice(Duration.ofSeconds(1), 3, 10, Duration.ofMinutes(5), Duration.ofSeconds(10), 50, 20);
        ThrottleSim sim = new ThrottleSim(tight, WEB);
        Incidents incidents = new Incidents(WEB);
        for (int i = 0; i < 5; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }
        sim.run(sec(0), sec(40));
        List<NotificationCommand> firstMinute = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            firstMinute.addAll(sim.change(incidents.alert(i, alarm("disk", "i-" + i, FIRING, sec(41))), sec(41)));
        }

        firstMinute.addAll(sim.run(sec(41), sec(100)));
        List<NotificationCommand> later = sim.run(sec(100), sec(200));

        assertThat(types(firstMinute)).containsExactly(Type.UPDATE, Type.UPDATE, Type.UPDATE);
        assertThat(types(later)).containsExactly(Type.UPDATE, Type.UPDATE);
        assertThat(later).allSatisfy(c -> assertThat(c.createdAt()).isAfterOrEqualTo(sec(101)));
    }

    @Test
    void shouldRollIncidentsBeyondTheStormLimitIntoOneDigestUpdatedInPlace() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(3), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        for (int i = 0; i < 10; i++) {
            sim.change(incidents.open("i-" + i, i), sec(i));
            sim.tick(sec(i));
        }
        sim.run(sec(9), sec(60));
        for (int i = 0; i < 10; i++) {
            sim.change(incidents.alert(i, alarm("disk", "i-" + i, FIRING, sec(61))), sec(61));
        }
        sim.run(sec(61), sec(180));

        List<NotificationCommand> digests =
                sim.sent.stream().filter(c -> c.type() == Type.DIGEST).toList();
        assertThat(sim.sent)
                .as("the three still in their group wait when the storm began joined the digest: one message")
                .allMatch(c -> c.type() == Type.DIGEST);
        assertThat(digests)
                .extracting(c -> c.digest().digestId())
                .containsOnly(digests.get(0).digest().digestId());
        assertThat(digests.get(0).createdAt()).as("posted as the storm begins").isEqualTo(sec(3));
        NotificationCommand last = digests.get(digests.size() - 1);
        assertThat(last.groupKey()).isEqualTo("digest:#web");
        assertThat(last.digest().incidentCount()).isEqualTo(10);
        assertThat(last.digest().alertCount())
                .as("every alert of the digest's incidents is counted")
                .isEqualTo(20);
        assertThat(digests).hasSizeLessThanOrEqualTo(5);
        for (int i = 1; i < digests.size(); i++) {
            assertThat(Duration.between(
                            digests.get(i - 1).createdAt(), digests.get(i).createdAt()))
                    .isGreaterThanOrEqualTo(SETTINGS.digestInterval());
        }
    }

    @Test
    void shouldSayInTheDigestWhenTheStormIsOverAndHowManyOfItsIncidentsResolved() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(1), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        for (int i = 0; i < 3; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }
        sim.change(incidents.alert(2, alarm("cpu", "i-2", RESOLVED, sec(10))), sec(10));
        List<NotificationCommand> during = sim.run(sec(10), sec(59));
        sim.run(sec(59), sec(200));

        List<NotificationCommand> digests =
                sim.sent.stream().filter(c -> c.type() == Type.DIGEST).toList();
        assertThat(during).allSatisfy(c -> assertThat(c.digest().endedAt()).isNull());
        NotificationCommand last = digests.get(digests.size() - 1);
        assertThat(last.digest().endedAt()).as("the storm is over").isNotNull();
        assertThat(last.digest().incidentCount()).isEqualTo(3);
        assertThat(last.digest().resolvedCount()).isEqualTo(1);
        assertThat(sim.reasons).anyMatch(r -> r.contains("storm in #web is over"));
        assertThat(types(sim.sent)).containsOnly(Type.DIGEST);

        sim.change(incidents.alert(2, alarm("cpu", "i-2", FIRING, sec(201))), sec(201));
        sim.run(sec(201), sec(260));
        NotificationCommand reopened = sim.sent.get(sim.sent.size() - 1);
        assertThat(reopened.digest().resolvedCount())
                .as("a reopened incident is open again")
                .isZero();
        assertThat(reopened.digest().alertCount()).isEqualTo(5);
    }

    @Test
    void shouldKeepCountingInTheSameDigestWhenAStormStartsAgainBeforeItsIncidentsClosed() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(1), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        for (int i = 0; i < 3; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }
        sim.run(sec(0), sec(200));
        assertThat(sim.channels.get("#web").digest().endedAt()).isNotNull();

        for (int i = 3; i < 6; i++) {
            sim.change(incidents.open("i-" + i, 201), sec(201));
        }
        List<NotificationCommand> again = sim.run(sec(201), sec(240));

        assertThat(sim.channels.get("#web").inStorm()).isTrue();
        assertThat(again).last().satisfies(last -> {
            assertThat(last.type()).isEqualTo(Type.DIGEST);
            assertThat(last.digest().endedAt()).as("the storm goes on again").isNull();
            assertThat(last.digest().digestId())
                    .isEqualTo(sim.sent.get(0).digest().digestId());
        });
    }

    @Test
    void shouldHoldTheAlertActivityOfAMessagePostedBeforeAStormUntilItIsOverButShowAResolveAtOnce() {
        ThrottleSlice quickReplies = new ThrottleSlice(
                Duration.ofSeconds(1), 20, 10, Duration.ofSeconds(10), Duration.ofSeconds(30), 10, 20);
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(3), null, null);
        ThrottleSim sim = new ThrottleSim(quickReplies, stormy);
        Incidents incidents = new Incidents(stormy);
        sim.change(incidents.open("i-0", 0), sec(0));
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(39));
        for (int i = 2; i < 6; i++) {
            sim.change(incidents.open("i-" + i, 38 + i), sec(38 + i));
            sim.tick(sec(38 + i));
        }
        assertThat(sim.channels.get("#web").inStorm()).isTrue();

        sim.change(incidents.alert(0, alarm("disk", "i-0", FIRING, sec(50))), sec(50));
        List<NotificationCommand> resolved =
                sim.change(incidents.alert(1, alarm("cpu", "i-1", RESOLVED, sec(51))), sec(51));
        sim.run(sec(51), sec(300));

        assertThat(types(resolved)).as("a change of state shows at once").containsExactly(Type.UPDATE);
        List<NotificationCommand> aboutFirst = sim.sent.stream()
                .filter(c -> incidents.all.get(0).incidentId().equals(c.incidentId()))
                .toList();
        assertThat(types(aboutFirst)).containsExactly(Type.POST, Type.UPDATE, Type.THREAD_REPLY);
        Instant over = sim.channels.get("#web").digest().endedAt();
        assertThat(over).as("the storm ended").isNotNull();
        assertThat(aboutFirst.get(1).createdAt())
                .as("the edit waited for the storm's end")
                .isAfterOrEqualTo(over);
        assertThat(aboutFirst.get(1).incident().members()).hasSize(2);
        assertThat(aboutFirst.get(2).createdAt())
                .as("the reply waited for the storm's end")
                .isAfterOrEqualTo(over);
        assertThat(aboutFirst.get(2).text()).contains("disk");
        assertThat(sim.sent.stream().filter(c -> c.type() == Type.POST))
                .as("i-2, still in its group wait when the storm began, joined the digest")
                .hasSize(2);
    }

    @Test
    void shouldStillPostAnIncidentAPersonActedOnDuringItsGroupWaitWhenAStormBegins() {
        ThrottleSlice slowPosts = new ThrottleSlice(
                Duration.ofSeconds(10), 20, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), 10, 20);
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(2), null, null);
        ThrottleSim sim = new ThrottleSim(slowPosts, stormy);
        Incidents incidents = new Incidents(stormy);
        sim.change(incidents.open("i-0", 0), sec(0));
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.change(incidents.act(0, ActionType.ACKNOWLEDGE, "U1", 1), sec(1));
        List<NotificationCommand> waitsForSlot = sim.change(incidents.act(1, ActionType.ACKNOWLEDGE, "U1", 2), sec(2));
        sim.change(incidents.open("i-2", 3), sec(3));
        assertThat(sim.channels.get("#web").inStorm()).isTrue();
        sim.run(sec(3), sec(60));

        assertThat(waitsForSlot).as("the channel's next post slot is at 11 s").isEmpty();
        assertThat(sim.sent.stream().filter(c -> c.type() == Type.POST))
                .extracting(NotificationCommand::incidentId)
                .containsExactly(
                        incidents.all.get(0).incidentId(), incidents.all.get(1).incidentId());
        assertThat(sim.sent.stream().filter(c -> c.type() == Type.DIGEST).reduce((a, b) -> b))
                .hasValueSatisfying(d -> assertThat(d.digest().incidentCount()).isEqualTo(1));
    }

    @Test
    void shouldShowAPersonsChangeAtOnceEvenDuringAStorm() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(1), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        sim.change(incidents.open("i-0", 0), sec(0));
        sim.run(sec(0), sec(30));
        sim.change(incidents.open("i-1", 31), sec(31));
        sim.change(incidents.open("i-2", 32), sec(32));
        assertThat(sim.channels.get("#web").inStorm()).isTrue();

        List<NotificationCommand> out = sim.change(incidents.act(0, ActionType.ACKNOWLEDGE, "U1", 33), sec(33));

        assertThat(types(out)).containsExactly(Type.UPDATE, Type.THREAD_REPLY);
    }

    @Test
    void shouldHoldOnlyMachineEditsThatChangeNoStateAndOnlyWhileStorming() {
        assertThat(ThrottlePolicy.holdsEdit(true, false, false)).isTrue();
        assertThat(ThrottlePolicy.holdsEdit(true, true, false))
                .as("a person's change")
                .isFalse();
        assertThat(ThrottlePolicy.holdsEdit(true, false, true))
                .as("a change of state")
                .isFalse();
        assertThat(ThrottlePolicy.holdsEdit(false, false, false)).isFalse();
    }

    @Test
    void shouldHoldOnlyMachineRepliesAndOnlyWhileStorming() {
        assertThat(ThrottlePolicy.holdsReply(true, false)).isTrue();
        assertThat(ThrottlePolicy.holdsReply(true, true)).isFalse();
        assertThat(ThrottlePolicy.holdsReply(false, false)).isFalse();
        assertThat(ThrottlePolicy.holdsReply(false, true)).isFalse();
    }

    @Test
    void shouldGiveNewIncidentsTheirOwnMessageAgainOnceTheStormIsOver() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(2), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        for (int i = 0; i < 5; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }
        sim.run(sec(0), sec(120));
        assertThat(sim.channels.get("#web").inStorm()).isFalse();

        sim.change(incidents.open("i-late", 121), sec(121));
        List<NotificationCommand> out = sim.run(sec(121), sec(160));

        assertThat(types(out)).containsExactly(Type.POST);
        assertThat(sim.reasons).anyMatch(r -> r.contains("storm in #web is over"));
    }

    @Test
    void shouldNeverNotifyASilencedIncidentUntilSomethingAudibleJoinsIt() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);

        sim.change(incidents.open(alarm("cpu", "i-1", FIRING, sec(0)).suppressed("maint")), sec(0));
        assertThat(sim.run(sec(0), sec(60))).isEmpty();
        sim.change(incidents.alert(0, alarm("disk", "i-1", FIRING, sec(61))), sec(61));
        List<NotificationCommand> out = sim.run(sec(61), sec(100));

        assertThat(types(out)).containsExactly(Type.POST);
        assertThat(out.get(0).createdAt()).isEqualTo(sec(91));
    }

    @Test
    void shouldSendAnEscalationButDropItWhenSomeoneAcknowledgedFirst() {
        ThrottleSlice slowPosts = new ThrottleSlice(
                Duration.ofSeconds(10), 20, 10, Duration.ofMinutes(5), Duration.ofSeconds(10), 10, 20);
        ThrottleSim sim = new ThrottleSim(slowPosts, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.change(incidents.open("i-2", 0), sec(0));
        sim.run(sec(0), sec(60));

        List<NotificationCommand> first = sim.change(incidents.escalate(0, 1, 600), sec(600));
        sim.change(incidents.escalate(1, 2, 600), sec(600));
        sim.change(incidents.act(1, ActionType.ACKNOWLEDGE, "U1", 601), sec(601));
        sim.run(sec(601), sec(700));

        assertThat(types(first)).contains(Type.ESCALATION);
        assertThat(sim.sent.stream().filter(c -> c.type() == Type.ESCALATION)).hasSize(1);
        assertThat(sim.reasons)
                .anyMatch(
                        r -> r.contains("escalation of " + incidents.all.get(1).incidentId() + " dropped"));
    }

    @Test
    void shouldEscalateTheIncidentsOfADigestOncePerLevel() {
        RouteRule stormy = route("web", "#web", new RouteRule.StormLimit(1), null, null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, stormy);
        Incidents incidents = new Incidents(stormy);
        for (int i = 0; i < 6; i++) {
            sim.change(incidents.open("i-" + i, 0), sec(0));
        }
        sim.run(sec(0), sec(60));

        for (int i = 1; i < 6; i++) {
            sim.change(incidents.escalate(i, 1, 600), sec(600));
        }
        for (int i = 1; i < 6; i++) {
            sim.change(incidents.escalate(i, 2, 1200), sec(1200));
        }
        sim.run(sec(1200), sec(1260));

        List<NotificationCommand> escalations =
                sim.sent.stream().filter(c -> c.type() == Type.ESCALATION).toList();
        assertThat(escalations)
                .extracting(NotificationCommand::commandId)
                .hasSize(2)
                .allMatch(id -> id.startsWith("digest:"));
        assertThat(escalations.get(1).mention()).isEqualTo("<!here>");
    }

    @Test
    void shouldStillPostAnIncidentThatClosedDuringItsGroupWaitAndForgetItAfterwards() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.change(incidents.alert(0, alarm("cpu", "i-1", RESOLVED, sec(5))), sec(5));
        sim.change(incidents.close(0), sec(6));

        List<NotificationCommand> out = sim.run(sec(6), sec(40));

        assertThat(types(out)).containsExactly(Type.POST);
        assertThat(out.get(0).incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(sim.incidents).isEmpty();
    }

    @Test
    void shouldCreateAnIncidentChannelThenArchiveItAfterTheResolveUnlessItReopens() {
        RouteRule withChannel = route(
                "web",
                "#web",
                null,
                new RouteRule.IncidentChannelOption(true, "inc-", List.of("ana@example.com"), Duration.ofMinutes(10)),
                null);
        ThrottleSim sim = new ThrottleSim(SETTINGS, withChannel);
        Incidents incidents = new Incidents(withChannel);
        sim.change(incidents.open("i-1", 0), sec(0));
        List<NotificationCommand> posted = sim.run(sec(0), sec(30));
        sim.change(incidents.alert(0, alarm("cpu", "i-1", RESOLVED, sec(60))), sec(60));
        sim.run(sec(60), sec(300));
        sim.change(incidents.alert(0, alarm("cpu", "i-1", FIRING, sec(301))), sec(301));
        List<NotificationCommand> reopened = sim.run(sec(301), sec(1000));
        sim.change(incidents.alert(0, alarm("cpu", "i-1", RESOLVED, sec(1001))), sec(1001));
        List<NotificationCommand> archived = sim.run(sec(1001), sec(1700));

        assertThat(types(posted)).containsExactly(Type.POST, Type.CHANNEL_CREATE);
        assertThat(posted.get(1).channelName())
                .isEqualTo(Commands.channelName("inc-", incidents.all.get(0).incidentId()));
        assertThat(posted.get(1).users()).containsExactly("ana@example.com");
        assertThat(types(reopened)).doesNotContain(Type.CHANNEL_ARCHIVE);
        assertThat(archived)
                .filteredOn(c -> c.type() == Type.CHANNEL_ARCHIVE)
                .singleElement()
                .satisfies(c -> assertThat(c.createdAt()).isEqualTo(sec(1601)));
    }

    private static RouteRule withResponders(String... responders) {
        return route(
                "web",
                "#web",
                null,
                new RouteRule.IncidentChannelOption(true, "inc-", List.of(responders), Duration.ofMinutes(10)),
                null);
    }

    @Test
    void shouldInviteAddedAndRemoveTakenOutRespondersWhenOnlyTheRulesChanged() {
        RouteRule before = withResponders("ana@example.com", "bo@example.com");
        ThrottleSim sim = new ThrottleSim(SETTINGS, before);
        Incidents incidents = new Incidents(before);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));
        String id = incidents.all.get(0).incidentId();
        RouteRule after = withResponders("bo@example.com", "cy@example.com");

        assertThat(ThrottlePolicy.respondersChanged(sim.incidents.get(id), before))
                .isFalse();
        assertThat(ThrottlePolicy.respondersChanged(sim.incidents.get(id), after))
                .isTrue();
        ThrottlePolicy.Step step =
                sim.policy.onIncidentDue(sim.incidents.get(id), sim.channels.get("#web"), after, sec(40));

        assertThat(step.commands())
                .extracting(NotificationCommand::type, NotificationCommand::users)
                .containsExactly(
                        tuple(Type.CHANNEL_INVITE, List.of("cy@example.com")),
                        tuple(Type.CHANNEL_KICK, List.of("ana@example.com")));
        NotificationCommand kick = step.commands().get(1);
        assertThat(kick.mention()).as("nobody asked: the route changed").isNull();
        assertThat(kick.incident()).as("the snapshot names the last actor").isNotNull();
        assertThat(step.incident().invited()).containsExactlyInAnyOrder("bo@example.com", "cy@example.com");
        assertThat(ThrottlePolicy.respondersChanged(step.incident(), after)).isFalse();
    }

    @Test
    void shouldCarryOutAnInvitationAndARemovalAPersonAskedFor() {
        RouteRule route = withResponders("ana@example.com");
        ThrottleSim sim = new ThrottleSim(SETTINGS, route);
        Incidents incidents = new Incidents(route);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));
        Incident incident = incidents.all.get(0);
        Transition invited = Lifecycle.apply(incident, membership(ActionType.INVITE, incident, "U0BO", 40));
        Transition removed = Lifecycle.apply(invited.incident(), membership(ActionType.REMOVE, incident, "U0ANA", 41));

        List<NotificationCommand> first = sim.change(IncidentChange.of(invited, Cause.ACTION), sec(40));
        List<NotificationCommand> second = sim.change(IncidentChange.of(removed, Cause.ACTION), sec(41));

        assertThat(first)
                .filteredOn(c -> c.type() == Type.CHANNEL_INVITE)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.users()).containsExactly("U0BO");
                    assertThat(c.mention()).isEqualTo("U9BOSS");
                });
        assertThat(second)
                .filteredOn(c -> c.type() == Type.CHANNEL_KICK)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.users()).containsExactly("U0ANA");
                    assertThat(c.mention()).isEqualTo("U9BOSS");
                });
        assertThat(sim.incidents.get(incident.incidentId()).membership()).isEmpty();
    }

    @Test
    void shouldPassOnAMembershipRequestForAnIncidentWithoutAChannelSoTheSinkCanSaySo() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));
        Incident incident = incidents.all.get(0);
        Transition invited = Lifecycle.apply(incident, membership(ActionType.INVITE, incident, "U0BO", 40));

        List<NotificationCommand> out = sim.change(IncidentChange.of(invited, Cause.ACTION), sec(40));

        assertThat(types(out)).contains(Type.CHANNEL_INVITE, Type.THREAD_REPLY);
        assertThat(types(out)).doesNotContain(Type.CHANNEL_CREATE);
        assertThat(sim.incidents.get(incident.incidentId()).membership()).isEmpty();
    }

    private static UserAction membership(ActionType type, Incident incident, String subject, long at) {
        return new UserAction(
                "a-" + type + "-" + subject,
                type,
                incident.incidentId(),
                incident.groupKey(),
                "U9BOSS",
                "Boss",
                sec(at),
                "slack-command",
                null,
                null,
                subject);
    }

    @Test
    void shouldNotReplyAlertActivityWhileSnoozedButStillEditTheMessage() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));
        sim.change(incidents.act(0, ActionType.SNOOZE, "U1", 31), sec(31));

        List<NotificationCommand> out =
                new ArrayList<>(sim.change(incidents.alert(0, alarm("disk", "i-1", FIRING, sec(60))), sec(60)));
        out.addAll(sim.run(sec(60), sec(700)));

        assertThat(types(out)).containsExactly(Type.UPDATE);
    }

    @Test
    void shouldForgetAClosedIncidentOnlyOnceItsLastStateIsOut() {
        ThrottleSim sim = new ThrottleSim(SETTINGS, WEB);
        Incidents incidents = new Incidents(WEB);
        sim.change(incidents.open("i-1", 0), sec(0));
        sim.run(sec(0), sec(30));
        sim.change(incidents.alert(0, alarm("cpu", "i-1", RESOLVED, sec(31))), sec(31));
        sim.change(incidents.close(0), sec(32));

        assertThat(sim.incidents).as("its final edit and reply are still to go").isNotEmpty();
        sim.run(sec(32), sec(400));

        assertThat(sim.incidents).isEmpty();
        NotificationCommand lastUpdate = sim.sent.stream()
                .filter(c -> c.type() == Type.UPDATE)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(lastUpdate.incident().state()).isEqualTo(IncidentState.RESOLVED);
    }
}
