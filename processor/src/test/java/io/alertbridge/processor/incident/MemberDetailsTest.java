package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MemberDetailsTest {

    private static AlertEvent withDetails(Map<String, String> annotations, List<Link> links) {
        AlertEvent base = Fixtures.alarm("api-5xx", "i-1", AlertStatus.FIRING, T0);
        return new AlertEvent(
                base.eventId(),
                base.fingerprint(),
                base.source(),
                base.status(),
                base.severity(),
                base.title(),
                "Threshold Crossed",
                base.occurredAt(),
                base.labels(),
                annotations,
                links,
                null,
                null,
                null);
    }

    @Test
    void shouldCopyTheEventsScoresAndNoneWhenItHasNone() {
        AlertEvent base = withDetails(Map.of(), List.of());
        AnomalySeries scores = new AnomalySeries(
                "numenta", "api.p99", "r", 0.5, 0.3, List.of(new AnomalySeries.Point(T0.toEpochMilli(), 0.9, 1.0)));
        AlertEvent withScores = new AlertEvent(
                base.eventId(),
                base.fingerprint(),
                "anomaly",
                base.status(),
                base.severity(),
                base.title(),
                base.summary(),
                base.occurredAt(),
                base.labels(),
                base.annotations(),
                base.links(),
                null,
                null,
                scores);

        assertThat(MemberDetails.member(withScores).scores()).isSameAs(scores);
        assertThat(MemberDetails.member(withScores).hasDetails()).isTrue();
        assertThat(MemberDetails.member(base).scores()).isNull();
    }

    @Test
    void shouldCopyTheEventsAlarmMetricOntoTheMember() {
        AlertEvent base = Fixtures.alarm("api-5xx", "i-1", AlertStatus.FIRING, T0);
        AlarmMetric metric = AlarmMetric.builder()
                .namespace("AWS/EC2")
                .metricName("CPUUtilization")
                .threshold(80.0)
                .build();
        AlertEvent event = new AlertEvent(
                base.eventId(),
                base.fingerprint(),
                base.source(),
                base.status(),
                base.severity(),
                base.title(),
                base.summary(),
                base.occurredAt(),
                base.labels(),
                base.annotations(),
                base.links(),
                null,
                metric,
                null);

        assertThat(MemberDetails.member(event).metric()).isEqualTo(metric);
        assertThat(MemberDetails.member(base).metric()).isNull();
    }

    @Test
    void shouldKeepTheDescriptionAnomalyDetailsAndLinksAsTheSourceWroteThem() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("state", "ALARM");
        annotations.put("series", "api.p99");
        annotations.put("description", "Runbook: <https://wiki.example/rb|rb> & restart\nthen page");
        annotations.put("peakScore", "0.97");
        annotations.put("detector", "numenta");
        Link console = new Link("CloudWatch alarm", "https://eu-west-2.console.aws.amazon.com/cloudwatch/home");

        IncidentMember member = MemberDetails.member(withDetails(annotations, List.of(console)));

        assertThat(member.annotations())
                .containsExactly(
                        Map.entry("description", "Runbook: <https://wiki.example/rb|rb> & restart\nthen page"),
                        Map.entry("detector", "numenta"),
                        Map.entry("peakScore", "0.97"),
                        Map.entry("series", "api.p99"));
        assertThat(member.links()).containsExactly(console);
        assertThat(member.fingerprint()).isEqualTo("arn:aws:cloudwatch:eu-west-2:123456789012:alarm:api-5xx");
        assertThat(member.status()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void shouldCutALongDescriptionAndOtherValuesWithAnEllipsis() {
        IncidentMember member = MemberDetails.member(
                withDetails(Map.of("description", "d".repeat(50_000), "detector", "x".repeat(5_000)), List.of()));

        assertThat(member.annotations().get("description"))
                .hasSize(MemberDetails.MAX_DESCRIPTION_CHARS)
                .endsWith("d\u2026");
        assertThat(member.annotations().get("detector"))
                .hasSize(MemberDetails.MAX_ANNOTATION_CHARS)
                .endsWith("\u2026");
        assertThat(MemberDetails.cut("a" + "😀".repeat(3), 3)).isEqualTo("a\u2026");
    }

    @Test
    void shouldKeepOnlyAFewWebLinksOfReasonableLength() {
        List<Link> links = new ArrayList<>();
        links.add(new Link("script", "javascript:alert(1)"));
        links.add(new Link("relative", "/cloudwatch/home"));
        links.add(new Link("disguised", "https://evil.example/\u202egnp.exe"));
        links.add(new Link("huge", "https://example.com/" + "x".repeat(MemberDetails.MAX_URL_CHARS)));
        links.add(new Link("t".repeat(500), "https://a.example/1"));
        links.add(new Link("two", "http://b.example/2"));
        links.add(new Link("three", "https://c.example/3"));
        links.add(new Link("four", "https://d.example/4"));

        List<Link> kept = MemberDetails.member(withDetails(Map.of(), links)).links();

        assertThat(kept)
                .extracting(Link::url)
                .containsExactly("https://a.example/1", "http://b.example/2", "https://c.example/3");
        assertThat(kept.get(0).title()).hasSize(MemberDetails.MAX_LINK_TITLE_CHARS);
    }

    @Test
    void shouldLeaveAMemberWithoutDetailsWhenTheEventHasNone() {
        IncidentMember member = MemberDetails.member(withDetails(Map.of("state", "ALARM"), List.of()));

        assertThat(member.hasDetails()).isFalse();
    }

    @Test
    void shouldBuildTheLargestMemberTheIncidentSchemaAllows() {
        Map<String, String> annotations = new LinkedHashMap<>();
        MemberDetails.KEPT_ANNOTATIONS.forEach(key -> annotations.put(key, "v".repeat(5_000)));
        annotations.put("other", "x");
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            links.add(new Link("t".repeat(500), "https://example.com/" + "p".repeat(MemberDetails.MAX_URL_CHARS - 21)));
        }
        AlertEvent event = withDetails(annotations, links);
        RouteRule route = Fixtures.route("web", "#web", List.of("resource"));

        Incident incident =
                Lifecycle.open("INC-BIG", 1, Fixtures.routed(event, route)).incident();

        assertThat(incident.members().get(0).annotations()).hasSize(MemberDetails.KEPT_ANNOTATIONS.size());
        assertThat(incident.members().get(0).links()).hasSize(MemberDetails.MAX_LINKS);
        assertThat(ContractSchemas.validate("Incident", Json.mapper().valueToTree(incident)))
                .isEmpty();
    }
}
