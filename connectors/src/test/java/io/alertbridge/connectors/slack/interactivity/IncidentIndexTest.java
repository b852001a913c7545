package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.SilenceScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentIndexTest {

    private final IncidentIndex index = new IncidentIndex();

    @Test
    void shouldListOpenIncidentsNewestFirstAndCountAllMatches() {
        Incident oldest = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);
        Incident middle = Fixtures.open("INC-2", "db", Severity.WARNING, 5);
        Incident newest = Fixtures.open("INC-3", "api", Severity.ERROR, 10);
        index.apply(oldest.groupKey(), oldest);
        index.apply(newest.groupKey(), newest);
        index.apply(middle.groupKey(), middle);

        IncidentIndex.Page page = index.open(i -> true, 2);

        assertThat(page.items()).extracting(Incident::incidentId).containsExactly("INC-3", "INC-2");
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void shouldDropResolvedIncidentsFromTheOpenListButKeepThemFindable() {
        Incident incident = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);
        index.apply(incident.groupKey(), incident);
        index.apply(incident.groupKey(), Fixtures.resolved(incident, "U1"));

        assertThat(index.open(i -> true, 10).total()).isZero();
        assertThat(index.byId("inc-1")).get().extracting(Incident::state).hasToString("RESOLVED");
    }

    @Test
    void shouldFindTheIncidentWhoseOwnChannelACommandWasTypedIn() {
        Incident incident = Fixtures.open("INC-7F3A", "api", Severity.CRITICAL, 0);
        Incident other = Fixtures.open("INC-F3A", "db", Severity.CRITICAL, 1);
        index.apply(incident.groupKey(), incident);
        index.apply(other.groupKey(), other);

        assertThat(index.byIncidentChannel("inc-7f3a"))
                .get()
                .extracting(Incident::incidentId)
                .isEqualTo("INC-7F3A");
        assertThat(index.byIncidentChannel("payments-inc-7f3a"))
                .get()
                .extracting(Incident::incidentId)
                .isEqualTo("INC-7F3A");
        assertThat(index.byIncidentChannel("inc-f3a"))
                .get()
                .extracting(Incident::incidentId)
                .isEqualTo("INC-F3A");
        assertThat(index.byIncidentChannel("alerts")).isEmpty();
        assertThat(index.byIncidentChannel("inc-17f3a"))
                .as("the id must follow a separator")
                .isEmpty();
        assertThat(index.byIncidentChannel(null)).isEmpty();
    }

    @Test
    void shouldIgnoreAnOlderCopyOfTheSameIncident() {
        Incident v1 = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);
        Incident v2 = Fixtures.acknowledged(v1, "U1");
        index.apply(v1.groupKey(), v2);

        assertThat(index.apply(v1.groupKey(), v1)).isFalse();
        assertThat(index.byId("INC-1")).get().isEqualTo(v2);
    }

    @Test
    void shouldReplaceTheGroupsPreviousIncidentWhenANewOneOpens() {
        Incident first = Fixtures.resolved(Fixtures.open("INC-1", "api", Severity.CRITICAL, 0), null);
        Incident second = Incident.builder()
                .groupKey(first.groupKey())
                .incidentId("INC-2")
                .version(1)
                .state(io.alertbridge.schemas.model.IncidentState.OPEN)
                .severity(Severity.ERROR)
                .title("again")
                .routeId("default")
                .channel("#alerts")
                .groupLabels(first.groupLabels())
                .members(first.members())
                .firstSeen(Fixtures.T0.plusSeconds(3600))
                .lastSeen(Fixtures.T0.plusSeconds(3600))
                .alertCount(1)
                .timeline(first.timeline())
                .build();
        index.apply(first.groupKey(), first);
        index.apply(second.groupKey(), second);

        assertThat(index.byId("INC-1")).isEmpty();
        assertThat(index.byGroupKey(first.groupKey())).get().isEqualTo(second);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.openCount()).isEqualTo(1);
    }

    @Test
    void shouldForgetAnIncidentOnATombstone() {
        Incident incident = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);
        index.apply(incident.groupKey(), incident);
        index.apply(incident.groupKey(), null);

        assertThat(index.byId("INC-1")).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.openCount()).isZero();
    }

    @Test
    void shouldFindIdsInAnyCaseWithOrWithoutPrefix() {
        Incident incident = Fixtures.open("INC-7F3A", "api", Severity.CRITICAL, 0);
        index.apply(incident.groupKey(), incident);

        assertThat(index.byId("inc-7f3a")).contains(incident);
        assertThat(index.byId("7f3a")).contains(incident);
        assertThat(index.byId(" ")).isEmpty();
        assertThat(index.byId("INC-0000")).isEmpty();
    }

    @Test
    void shouldFilterByChannelSeverityAndService() {
        Incident payments =
                Fixtures.withChannel(Fixtures.open("INC-1", "payments", Severity.CRITICAL, 0), "#payments-alerts");
        Incident api = Fixtures.open("INC-2", "api", Severity.WARNING, 1);
        Incident byId = Fixtures.withChannel(Fixtures.open("INC-3", "api", Severity.CRITICAL, 2), "C0PAY");
        for (Incident i : new Incident[] {payments, api, byId}) {
            index.apply(i.groupKey(), i);
        }
        ListFilter critical = new ListFilter(Set.of(), Set.of(Severity.CRITICAL), Set.of());
        ListFilter paymentsChannel = new ListFilter(Set.of("payments-alerts", "c0pay"), Set.of(), Set.of());
        ListFilter apiService = new ListFilter(Set.of(), Set.of(), Set.of("api"));

        assertThat(index.open(critical::test, 10).items())
                .extracting(Incident::incidentId)
                .containsExactly("INC-3", "INC-1");
        assertThat(index.open(paymentsChannel::test, 10).items())
                .extracting(Incident::incidentId)
                .containsExactly("INC-3", "INC-1");
        assertThat(index.open(apiService::test, 10).items())
                .extracting(Incident::incidentId)
                .containsExactly("INC-3", "INC-2");
    }

    @Test
    void shouldSampleTheMembersOfOpenIncidentsAndOfThoseResolvedInTheLastDay() {
        Incident open = Fixtures.open("INC-1", "api", Severity.CRITICAL, 0);
        Incident recent = Fixtures.resolved(Fixtures.open("INC-2", "db", Severity.WARNING, 0), "U1");
        Incident old = Fixtures.resolved(Fixtures.open("INC-3", "web", Severity.WARNING, 0), "U1");
        index.apply(open.groupKey(), open);
        index.apply(recent.groupKey(), recent);
        index.apply(old.groupKey(), old);

        var sample = index.sample(Fixtures.T0.plus(Duration.ofHours(23)), Duration.ofDays(1));
        var later = index.sample(Fixtures.T0.plus(Duration.ofHours(25)), Duration.ofDays(1));

        assertThat(sample)
                .extracting(SilenceScope.SampleAlert::incidentId)
                .containsExactlyInAnyOrder("INC-1", "INC-2", "INC-3");
        assertThat(later).extracting(SilenceScope.SampleAlert::incidentId).containsExactly("INC-1");
        SilenceScope.SampleAlert api = later.get(0);
        assertThat(api.incidentOpen()).isTrue();
        assertThat(api.attributes())
                .containsAllEntriesOf(Map.of(
                        "service", "api",
                        "source", "cloudwatch",
                        "severity", "CRITICAL",
                        "status", "FIRING",
                        "fingerprint", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx"));
        assertThat(sample.stream()
                        .filter(a -> a.incidentId().equals("INC-2"))
                        .findFirst()
                        .orElseThrow()
                        .incidentOpen())
                .isFalse();
    }
}
