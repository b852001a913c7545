package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.action;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.processor.incident.Fixtures.routed;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static io.alertbridge.schemas.model.AlertStatus.INFO;
import static io.alertbridge.schemas.model.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private static final RouteRule ROUTE = Fixtures.route("web", "#web", List.of("resource"));

    private static Incident opened(AlertEvent event) {
        return Lifecycle.open("INC-TEST", 1, routed(event, ROUTE)).incident();
    }

    private static Transition apply(Incident incident, AlertEvent event) {
        return Lifecycle.apply(incident, routed(event, ROUTE));
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Incident cpuFiring() {
        return opened(alarm("cpu-high", "i-1", FIRING, at(0)));
    }

    @Test
    void shouldOpenAnIncidentWithItsFirstMemberAndAnOpenedEntry() {
        Transition t = Lifecycle.open("INC-7F3A", 5, routed(alarm("cpu-high", "i-1", FIRING, at(0)), ROUTE));

        Incident incident = t.incident();
        assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
        assertThat(incident.incidentId()).isEqualTo("INC-7F3A");
        assertThat(incident.version()).isEqualTo(5);
        assertThat(incident.groupKey()).isEqualTo("web|resource=i-1");
        assertThat(incident.channel()).isEqualTo("#web");
        assertThat(incident.members()).singleElement().satisfies(m -> assertThat(m.status())
                .isEqualTo(FIRING));
        assertThat(incident.alertCount()).isEqualTo(1);
        assertThat(incident.firstSeen()).isEqualTo(at(0));
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.OPENED);
        assertThat(t.notifies()).isTrue();
        assertThat(t.restartEscalation()).isTrue();
    }

    @Test
    void shouldRecordButNotNotifyAnIncidentOpenedBySilencedAlert() {
        AlertEvent silenced = alarm("cpu-high", "i-1", FIRING, at(0)).suppressed("maintenance");

        Transition t = Lifecycle.open("INC-1", 1, routed(silenced, ROUTE));

        assertThat(t.notifies()).isFalse();
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.OPENED, Kind.SUPPRESSED);
        assertThat(t.incident().members().get(0).suppressed()).isTrue();
    }

    @Test
    void shouldAddMembersCountAlertsAndTakeTheWorstSeverity() {
        Incident incident = cpuFiring();
        AlertEvent critical =
                Fixtures.event("disk-full", "cloudwatch", "i-1", FIRING, at(1), "Disk full", Severity.CRITICAL);

        Transition t = apply(incident, critical);

        assertThat(t.changed()).isTrue();
        assertThat(t.incident().members()).hasSize(2);
        assertThat(t.incident().alertCount()).isEqualTo(2);
        assertThat(t.incident().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(t.incident().version()).isEqualTo(incident.version() + 1);
        assertThat(t.incident().lastSeen()).isEqualTo(at(1));
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.ALERT_FIRING);
    }

    @Test
    void shouldResolveIncidentWhenAllMembersResolved() {
        Incident incident =
                apply(cpuFiring(), alarm("disk-full", "i-1", FIRING, at(1))).incident();

        Transition first = apply(incident, alarm("cpu-high", "i-1", RESOLVED, at(2)));
        assertThat(first.incident().state()).as("one member still fires").isEqualTo(IncidentState.OPEN);

        Transition second = apply(first.incident(), alarm("disk-full", "i-1", RESOLVED, at(3)));
        assertThat(second.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(second.incident().resolvedAt()).isEqualTo(at(3));
        assertThat(second.incident().resolvedBy()).isNull();
        assertThat(second.added()).extracting(e -> e.kind()).containsExactly(Kind.ALERT_RESOLVED, Kind.RESOLVED);
        assertThat(second.reason()).contains("last firing member");
    }

    @Test
    void shouldIgnoreADuplicateEvent() {
        AlertEvent firing = alarm("cpu-high", "i-1", FIRING, at(0));
        Incident incident = opened(firing);

        Transition t = apply(incident, firing);

        assertThat(t.changed()).isFalse();
        assertThat(t.incident()).isSameAs(incident);
        assertThat(t.reason()).contains("duplicate");
    }

    @Test
    void shouldIgnoreALateEventOlderThanTheMembersLastChange() {
        Incident incident =
                apply(cpuFiring(), alarm("cpu-high", "i-1", RESOLVED, at(5))).incident();

        Transition late = apply(incident, alarm("cpu-high", "i-1", FIRING, at(3)));

        assertThat(late.changed()).isFalse();
        assertThat(late.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(late.reason()).contains("late");
    }

    @Test
    void shouldIgnoreAResolvedForSomethingThatIsNotAMember() {
        Transition t = apply(cpuFiring(), alarm("unknown", "i-1", RESOLVED, at(1)));

        assertThat(t.changed()).isFalse();
        assertThat(t.reason()).contains("not a member");
    }

    @Test
    void shouldReopenAnAutomaticallyResolvedIncidentAsOpenAndRestartEscalation() {
        Incident resolved =
                apply(cpuFiring(), alarm("cpu-high", "i-1", RESOLVED, at(1))).incident();

        Transition t = apply(resolved, alarm("cpu-high", "i-1", FIRING, at(2)));

        assertThat(t.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(t.incident().resolvedAt()).isNull();
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.ALERT_FIRING, Kind.REOPENED);
        assertThat(t.restartEscalation()).as("a new opening escalates afresh").isTrue();
        assertThat(t.incident().escalationLevel()).isZero();
        assertThat(t.notifies()).isTrue();
    }

    @Test
    void shouldReopenToAcknowledgedWhenItsOwnerHadAcknowledgedItBeforeItResolvedByItself() {
        Incident incident = cpuFiring();
        Incident acked = Lifecycle.apply(incident, ack(incident, "U1", at(1))).incident();
        Incident resolved =
                apply(acked, alarm("cpu-high", "i-1", RESOLVED, at(2))).incident();

        Transition t = apply(resolved, alarm("cpu-high", "i-1", FIRING, at(3)));

        assertThat(t.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(t.incident().acknowledgedBy()).isEqualTo("U1");
        assertThat(t.added().get(1).text()).contains("still acknowledged by U1");
    }

    @Test
    void shouldReopenAsOpenAndRestartEscalationWhenAPersonHadResolvedIt() {
        Incident incident = cpuFiring();
        Incident acked = Lifecycle.apply(incident, ack(incident, "U1", at(1))).incident();
        Incident resolvedByHand =
                Lifecycle.apply(acked, resolve(acked, "U1", at(2))).incident();
        Incident quiet =
                apply(resolvedByHand, alarm("cpu-high", "i-1", RESOLVED, at(3))).incident();

        Transition t = apply(quiet, alarm("cpu-high", "i-1", FIRING, at(4)));

        assertThat(t.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(t.incident().acknowledgedBy()).isNull();
        assertThat(t.incident().resolvedBy()).isNull();
        assertThat(t.restartEscalation()).isTrue();
    }

    @Test
    void shouldAcknowledgeAnOpenIncident() {
        Incident incident = cpuFiring();

        Transition t = Lifecycle.apply(incident, ack(incident, "U1", at(1)));

        assertThat(t.incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(t.incident().acknowledgedBy()).isEqualTo("U1");
        assertThat(t.incident().acknowledgedAt()).isEqualTo(at(1));
        assertThat(t.urgent()).isTrue();
        assertThat(t.added()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.ACKNOWLEDGED);
            assertThat(e.actor()).isEqualTo("U1");
        });
    }

    @Test
    void shouldIgnoreASecondAcknowledgementByTheSamePersonAndLetAnotherTakeOver() {
        Incident incident = cpuFiring();
        Incident acked = Lifecycle.apply(incident, ack(incident, "U1", at(1))).incident();

        assertThat(Lifecycle.apply(acked, ack(acked, "U1", at(2))).changed()).isFalse();
        Transition takeover = Lifecycle.apply(acked, ack(acked, "U2", at(2)));
        assertThat(takeover.incident().acknowledgedBy()).isEqualTo("U2");
        assertThat(takeover.added().get(0).text()).contains("took over from U1");
    }

    @Test
    void shouldUnacknowledgeBackToOpenAndRestartEscalation() {
        Incident incident = cpuFiring();
        Incident acked = Lifecycle.apply(incident, ack(incident, "U1", at(1))).incident();

        Transition t = Lifecycle.apply(acked, act(ActionType.UNACKNOWLEDGE, acked, "U1", at(2)));

        assertThat(t.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(t.incident().acknowledgedBy()).isNull();
        assertThat(t.restartEscalation()).isTrue();
        assertThat(Lifecycle.apply(incident, act(ActionType.UNACKNOWLEDGE, incident, "U1", at(2)))
                        .changed())
                .as("nothing to unacknowledge on an open incident")
                .isFalse();
    }

    @Test
    void shouldResolveByHandAndStayResolvedWhenMembersResolveLater() {
        Incident incident = cpuFiring();

        Transition byHand = Lifecycle.apply(incident, resolve(incident, "U1", at(1)));
        Transition later = apply(byHand.incident(), alarm("cpu-high", "i-1", RESOLVED, at(2)));

        assertThat(byHand.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(byHand.incident().resolvedBy()).isEqualTo("U1");
        assertThat(later.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(later.incident().resolvedBy()).as("a person resolved it").isEqualTo("U1");
        assertThat(Lifecycle.apply(byHand.incident(), resolve(byHand.incident(), "U2", at(3)))
                        .changed())
                .isFalse();
    }

    @Test
    void shouldNeverUnresolveWhenAnAcknowledgementRacesTheAutomaticResolve() {
        Incident incident = cpuFiring();
        UserAction ack = ack(incident, "U1", at(1));
        AlertEvent ok = alarm("cpu-high", "i-1", RESOLVED, at(1));

        Incident ackFirst = apply(Lifecycle.apply(incident, ack).incident(), ok).incident();
        Incident resolveFirst =
                Lifecycle.apply(apply(incident, ok).incident(), ack).incident();

        assertThat(ackFirst.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolveFirst.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolveFirst.acknowledgedBy())
                .isEqualTo(ackFirst.acknowledgedBy())
                .isEqualTo("U1");
        assertThat(resolveFirst.resolvedBy()).isNull();
        assertThat(resolveFirst
                        .timeline()
                        .get(resolveFirst.timeline().size() - 1)
                        .text())
                .contains("after it had resolved");
    }

    @Test
    void shouldNotUnacknowledgeOrSnoozeAResolvedIncident() {
        Incident resolved =
                apply(cpuFiring(), alarm("cpu-high", "i-1", RESOLVED, at(1))).incident();

        assertThat(Lifecycle.apply(resolved, act(ActionType.UNACKNOWLEDGE, resolved, "U1", at(2)))
                        .changed())
                .isFalse();
        assertThat(Lifecycle.apply(resolved, act(ActionType.SNOOZE, resolved, "U1", at(2)))
                        .changed())
                .isFalse();
    }

    @Test
    void shouldRecordAnInvitationAndARemovalOnTheTimelineWithoutChangingTheState() {
        Incident resolved =
                apply(cpuFiring(), alarm("cpu-high", "i-1", RESOLVED, at(1))).incident();

        Transition invited = Lifecycle.apply(resolved, membership(ActionType.INVITE, resolved, "U0BO", null, at(2)));
        Transition removed = Lifecycle.apply(
                invited.incident(), membership(ActionType.REMOVE, resolved, "U0ANA", "rotated off", at(3)));

        assertThat(invited.changed()).isTrue();
        assertThat(invited.urgent()).isTrue();
        assertThat(invited.incident().state())
                .as("the channel outlives the resolve")
                .isEqualTo(io.alertbridge.schemas.model.IncidentState.RESOLVED);
        assertThat(invited.incident().version()).isEqualTo(resolved.version() + 1);
        assertThat(invited.added()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.MEMBER_INVITED);
            assertThat(e.actor()).isEqualTo("U1");
            assertThat(e.subject()).isEqualTo("U0BO");
            assertThat(e.text()).isEqualTo("Ann invited U0BO to the incident channel");
        });
        assertThat(removed.added()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(TimelineEntry.Kind.MEMBER_REMOVED);
            assertThat(e.text()).isEqualTo("Ann removed U0ANA from the incident channel: rotated off");
        });
        assertThat(removed.incident().timeline())
                .extracting(TimelineEntry::kind)
                .endsWith(TimelineEntry.Kind.MEMBER_INVITED, TimelineEntry.Kind.MEMBER_REMOVED);
    }

    private static UserAction membership(
            ActionType type, Incident incident, String subject, String reason, java.time.Instant when) {
        return new UserAction(
                "m-" + subject,
                type,
                incident.incidentId(),
                incident.groupKey(),
                "U1",
                "Ann",
                when,
                "slack-command",
                null,
                reason,
                subject);
    }

    @Test
    void shouldSnoozeUntilATimeAndRejectASnoozeEndInThePast() {
        Incident incident = cpuFiring();

        Transition snoozed = Lifecycle.apply(incident, act(ActionType.SNOOZE, incident, "U1", at(1)));
        UserAction backwards = new UserAction(
                "a-2",
                ActionType.SNOOZE,
                incident.incidentId(),
                incident.groupKey(),
                "U1",
                null,
                at(5),
                "cli",
                at(4),
                null,
                null);

        assertThat(snoozed.incident().snoozedUntil()).isEqualTo(at(61));
        assertThat(snoozed.incident().isSnoozedAt(at(30))).isTrue();
        assertThat(snoozed.added()).extracting(e -> e.kind()).containsExactly(Kind.SNOOZED);
        assertThat(Lifecycle.apply(incident, backwards).changed()).isFalse();
    }

    @Test
    void shouldSilenceForADayWhenNoEndIsGiven() {
        Incident incident = cpuFiring();
        UserAction silence = new UserAction(
                "a-1",
                ActionType.SILENCE,
                null,
                incident.groupKey(),
                "U1",
                "ana",
                at(1),
                "slack-command",
                null,
                "noisy",
                null);

        Transition t = Lifecycle.apply(incident, silence);

        assertThat(t.incident().snoozedUntil()).isEqualTo(at(1).plus(Lifecycle.DEFAULT_SILENCE));
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.SUPPRESSED);
    }

    @Test
    void shouldIgnoreAnActionAimedAtTheGroupsPreviousIncident() {
        Incident incident = cpuFiring();
        UserAction stale = new UserAction(
                "a-1",
                ActionType.ACKNOWLEDGE,
                "INC-OLD1",
                incident.groupKey(),
                "U1",
                null,
                at(1),
                "slack-button",
                null,
                null,
                null);

        Transition t = Lifecycle.apply(incident, stale);

        assertThat(t.changed()).isFalse();
        assertThat(t.reason()).contains("INC-OLD1");
    }

    @Test
    void shouldRecordEveryOneShotEventWithoutChangingState() {
        Incident incident = opened(alarm("s3-put", "bucket-1", INFO, at(0)));

        Transition t = apply(incident, alarm("s3-put", "bucket-1", INFO, at(1)));

        assertThat(t.changed()).isTrue();
        assertThat(t.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(t.incident().alertCount()).isEqualTo(2);
        assertThat(t.added()).extracting(e -> e.kind()).containsExactly(Kind.ALERT_INFO);
    }

    @Test
    void shouldExpireAnIncidentWithNothingFiringButNotOneThatFires() {
        Incident infoOnly = opened(alarm("s3-put", "bucket-1", INFO, at(0)));

        Transition expired = Lifecycle.expire(infoOnly, Duration.ofMinutes(30), at(31));

        assertThat(expired.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(expired.incident().resolvedAt()).isEqualTo(at(31));
        assertThat(Lifecycle.expire(cpuFiring(), Duration.ofMinutes(30), at(31)).changed())
                .isFalse();
    }

    @Test
    void shouldEscalateWithATimelineEntryAndTheNewLevel() {
        Transition t = Lifecycle.escalate(cpuFiring(), 2, Duration.ofMinutes(20), "<!here>", at(20));

        assertThat(t.incident().escalationLevel()).isEqualTo(2);
        assertThat(t.added()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.ESCALATED);
            assertThat(e.text()).isEqualTo("Not acknowledged for 20m: mentioning <!here>");
        });
    }

    @Test
    void shouldKeepTheTimelineBoundedWithTheFirstEntryAndACountOfWhatWasLeftOut() {
        Incident incident = cpuFiring();
        AlertStatus status = FIRING;
        for (int i = 1; i <= 300; i++) {
            status = status == FIRING ? RESOLVED : FIRING;
            incident = apply(incident, alarm("cpu-high", "i-1", status, T0.plusSeconds(i)))
                    .incident();
        }

        assertThat(incident.timeline()).hasSize(IncidentDraft.MAX_TIMELINE);
        assertThat(incident.timeline().get(0).kind()).isEqualTo(Kind.OPENED);
        assertThat(incident.timeline().get(1).text()).startsWith(IncidentDraft.TRIM_PREFIX);
        int kept = incident.timeline().size() - 2;
        int total = 1 + 300 + 300; // opened, 300 alert entries, 150 resolved + 150 reopened
        assertThat(Integer.parseInt(incident.timeline().get(1).text().substring(IncidentDraft.TRIM_PREFIX.length())))
                .isEqualTo(total - 1 - kept);
        assertThat(incident.alertCount()).isEqualTo(301);
    }

    @Test
    void shouldDropResolvedMembersFirstWhenAnIncidentGrowsPastItsLimit() {
        Incident incident = opened(alarm("a-0", "i-1", FIRING, at(0)));
        for (int i = 1; i <= IncidentDraft.MAX_MEMBERS + 20; i++) {
            incident = apply(incident, alarm("a-" + i, "i-1", FIRING, T0.plusSeconds(i)))
                    .incident();
            if (i <= 30) {
                incident = apply(incident, alarm("a-" + i, "i-1", RESOLVED, T0.plusSeconds(i)))
                        .incident();
            }
        }

        assertThat(incident.members()).hasSize(IncidentDraft.MAX_MEMBERS);
        assertThat(incident.firingMemberCount())
                .as("firing members are never dropped")
                .isEqualTo(IncidentDraft.MAX_MEMBERS + 20 - 30 + 1);
        assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void shouldCarryTheLatestEventsDescriptionAndLinksOnItsMember() {
        AlertEvent first = described(alarm("cpu-high", "i-1", FIRING, at(0)), "Runbook v1", "https://wiki.example/v1");
        AlertEvent later =
                described(alarm("cpu-high", "i-1", RESOLVED, at(5)), "Runbook v2", "https://wiki.example/v2");

        Incident opened = opened(first);
        Incident updated = apply(opened, later).incident();

        assertThat(opened.members().get(0).annotations()).containsEntry("description", "Runbook v1");
        assertThat(updated.members().get(0).annotations()).containsEntry("description", "Runbook v2");
        assertThat(updated.members().get(0).links()).extracting(Link::url).containsExactly("https://wiki.example/v2");
    }

    @Test
    void shouldKeepDetailsOnlyForTheWorstMembersOfABigIncident() {
        Incident incident = opened(described(alarm("a-0", "i-1", FIRING, at(0)), "d0", "https://wiki.example/0"));
        int total = MemberDetails.MAX_DETAILED_MEMBERS + 30;
        for (int i = 1; i < total; i++) {
            AlertEvent event = alarm("a-" + i, "i-1", i < 20 ? RESOLVED : FIRING, T0.plusSeconds(i));
            incident = i < 20
                    ? apply(
                                    apply(
                                                    incident,
                                                    described(
                                                            alarm("a-" + i, "i-1", FIRING, T0.plusSeconds(i)),
                                                            "d",
                                                            null))
                                            .incident(),
                                    described(alarm("a-" + i, "i-1", RESOLVED, T0.plusSeconds(i + 1)), "d", null))
                            .incident()
                    : apply(incident, described(event, "d" + i, "https://wiki.example/" + i))
                            .incident();
        }

        List<IncidentMember> detailed =
                incident.members().stream().filter(IncidentMember::hasDetails).toList();
        assertThat(incident.members()).hasSize(total);
        assertThat(detailed).hasSize(MemberDetails.MAX_DETAILED_MEMBERS);
        assertThat(detailed)
                .as("the firing members are the worst, and the most recent of them first")
                .allSatisfy(m -> assertThat(m.status()).isEqualTo(FIRING));
        assertThat(incident.members().stream()
                        .filter(m -> m.status() == RESOLVED)
                        .noneMatch(IncidentMember::hasDetails))
                .isTrue();
    }

    @Test
    void shouldKeepAMembersDetailsWhenItsSilenceEnds() {
        Incident silenced = opened(described(alarm("cpu-high", "i-1", FIRING, at(0)), "Runbook", "https://w.example/")
                .suppressed("maint"));

        Incident ended = Lifecycle.endSilence(
                        silenced, List.of(silenced.members().get(0).fingerprint()), at(60))
                .incident();

        assertThat(ended.members().get(0).suppressed()).isFalse();
        assertThat(ended.members().get(0).annotations()).containsEntry("description", "Runbook");
        assertThat(ended.members().get(0).links()).hasSize(1);
    }

    private static AlertEvent described(AlertEvent event, String description, String url) {
        return new AlertEvent(
                event.eventId(),
                event.fingerprint(),
                event.source(),
                event.status(),
                event.severity(),
                event.title(),
                event.summary(),
                event.occurredAt(),
                event.labels(),
                Map.of("description", description),
                url == null ? List.of() : List.of(new Link("Runbook", url)),
                event.suppressedBy(),
                null,
                null);
    }

    @Test
    void shouldMakeASilencedMemberThatStillFiresAudibleWhenItsSilenceEnds() {
        Incident silenced = opened(alarm("cpu-high", "i-1", FIRING, at(0)).suppressed("maint"));

        Transition ended =
                Lifecycle.endSilence(silenced, List.of(silenced.members().get(0).fingerprint()), at(60));

        assertThat(ended.changed()).isTrue();
        assertThat(ended.notifies()).isTrue();
        assertThat(ended.incident().members().get(0).suppressed()).isFalse();
        assertThat(ended.added()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.ALERT_FIRING);
            assertThat(e.text()).contains("still firing after its silence ended");
        });
        Incident resolved =
                apply(silenced, alarm("cpu-high", "i-1", RESOLVED, at(30))).incident();
        assertThat(Lifecycle.endSilence(
                                resolved, List.of(resolved.members().get(0).fingerprint()), at(60))
                        .changed())
                .as("a member that stopped firing stays quiet")
                .isFalse();
    }

    @Test
    void shouldEndASnoozeOnlyOnceItsTimeHasCome() {
        Incident incident = cpuFiring();
        Incident snoozed = Lifecycle.apply(incident, act(ActionType.SNOOZE, incident, "U1", at(1)))
                .incident();

        assertThat(Lifecycle.endSnooze(snoozed, at(30)).changed()).isFalse();
        Transition ended = Lifecycle.endSnooze(snoozed, at(61));
        assertThat(ended.incident().snoozedUntil()).isNull();
        assertThat(ended.notifies())
                .as("the message stops saying it is snoozed")
                .isTrue();
        assertThat(ended.added()).extracting(e -> e.text()).containsExactly("Snooze ended");
    }

    private static UserAction ack(Incident incident, String user, Instant at) {
        return act(ActionType.ACKNOWLEDGE, incident, user, at);
    }

    private static UserAction resolve(Incident incident, String user, Instant at) {
        return act(ActionType.RESOLVE, incident, user, at);
    }

    private static UserAction act(ActionType type, Incident incident, String user, Instant at) {
        return action(type, incident.incidentId(), incident.groupKey(), user, at);
    }
}
