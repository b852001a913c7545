package io.alertbridge.processor.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.testkit.samples.AwsSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inhibition through the whole topology in a TopologyTestDriver: a region-wide alarm inhibits the instance alarms of its
 * region and releases the ones still firing when it resolves; a CloudWatch composite alarm whose actions its suppressor
 * suppresses is held until the suppressor resolves.
 */
class InhibitionScenariosTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @TempDir
    Path stateDir;

    /** How the topology under test re-keys; {@link InhibitionScenariosInTaskTest} runs every scenario in one task. */
    StreamsSlice.Hops hops() {
        return StreamsSlice.Hops.TOPICS;
    }

    @Test
    void shouldInhibitFortyInstanceAlarmsWhileTheRegionAlarmFiresAndReleaseOnlyThoseStillFiring() {
        RouteRule instances =
                withStorm(Fixtures.route("instances", "#instances", List.of("resource"), "alarm=~cpu-.*"));
        RouteRule region = Fixtures.route("region", "#region", List.of("alarm"), "alarm=region-down");
        InhibitRule rule = new InhibitRule(
                "region-down-inhibits-instances",
                List.of(Matcher.parse("alarm=region-down")),
                List.of(Matcher.parse("alarm=~cpu-.*")),
                List.of("region"));
        List<String> ids =
                IntStream.range(0, 40).mapToObj(i -> "i-" + (1000 + i)).toList();
        try (IncidentTopologyHarness h =
                new IncidentTopologyHarness(List.of(instances, region, rule), stateDir, T0, hops())) {
            h.deliver(CloudWatchAlarms.stateChange("region-down", "i-region", true, T0));
            for (int i = 0; i < ids.size(); i++) {
                h.deliver(CloudWatchAlarms.stateChange("cpu-" + ids.get(i), ids.get(i), true, T0.plusSeconds(1 + i)));
            }
            h.advance(Duration.ofMinutes(2));
            List<NotificationCommand> whileInhibited = h.drainCommands();
            assertThat(whileInhibited).allSatisfy(c -> assertThat(c.channel()).isEqualTo("#region"));
            assertThat(posts(whileInhibited)).hasSize(1);
            Incident instance = h.incidents.stream()
                    .filter(i -> i.channel().equals("#instances"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(instance.members()).singleElement().satisfies(m -> assertThat(m.suppressed())
                    .isTrue());
            assertThat(instance.timeline()).extracting(TimelineEntry::text).anySatisfy(text -> assertThat(text)
                    .contains("inhibited by region-down (rule region-down-inhibits-instances)"));

            // The first ten recover while inhibited; then the region recovers.
            Instant later = T0.plus(Duration.ofMinutes(3));
            for (int i = 0; i < 10; i++) {
                h.deliver(CloudWatchAlarms.stateChange("cpu-" + ids.get(i), ids.get(i), false, later.plusSeconds(i)));
            }
            h.advance(Duration.ofMinutes(1));
            assertThat(h.drainCommands()).noneMatch(c -> c.channel().equals("#instances"));
            h.deliver(CloudWatchAlarms.stateChange("region-down", "i-region", false, later.plusSeconds(30)));
            h.advance(Duration.ofMinutes(2));

            List<NotificationCommand> afterRelease = h.drainCommands();
            Set<String> posted = posts(afterRelease).stream()
                    .filter(c -> c.channel().equals("#instances"))
                    .flatMap(c -> c.incident().members().stream())
                    .map(m -> m.title())
                    .collect(Collectors.toSet());
            Set<String> stillFiring =
                    ids.subList(10, 40).stream().map(id -> "cpu-" + id).collect(Collectors.toSet());
            assertThat(posted).isEqualTo(stillFiring);
            assertThat(posts(afterRelease).stream().filter(c -> c.channel().equals("#instances")))
                    .allSatisfy(c -> {
                        assertThat(c.incident().members()).singleElement().satisfies(m -> assertThat(m.suppressed())
                                .isFalse());
                        assertThat(c.reason())
                                .startsWith("New incident on route instances, grouped by resource=")
                                .endsWith(": still firing after region-down resolved");
                    });
            assertThat(afterRelease)
                    .filteredOn(c -> c.channel().equals("#instances"))
                    .noneMatch(c -> c.incident() != null
                            && c.incident().members().stream().anyMatch(m -> !stillFiring.contains(m.title())));
            h.advance(Duration.ofMinutes(10));
            h.drainCommands();
            h.drainIncidents();
            h.drainAlerts();
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldHoldACompositeAlarmWhoseSuppressorFiresAndPostItWhenTheSuppressorResolves() {
        Instant start = Instant.parse("2022-07-22T15:55:00Z");
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, start, hops())) {
            h.deliver(CloudWatchAlarms.stateChange(
                    "ServiceMaintenanceAlarm", "i-maint", true, Instant.parse("2022-07-22T15:56:00Z")));
            h.deliver(composite());
            h.advance(Duration.ofMinutes(2));
            List<NotificationCommand> held = h.drainCommands();
            assertThat(posts(held)).extracting(c -> c.incident().title()).doesNotContain("ServiceAggregatedAlarm");
            Incident composite = h.incidents.stream()
                    .filter(i -> i.members().stream().anyMatch(m -> m.title().equals("ServiceAggregatedAlarm")))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(composite.timeline()).extracting(TimelineEntry::text).anySatisfy(text -> assertThat(text)
                    .contains("inhibited by ServiceMaintenanceAlarm (its actions suppressor)"));

            h.deliver(CloudWatchAlarms.stateChange(
                    "ServiceMaintenanceAlarm", "i-maint", false, Instant.parse("2022-07-22T15:59:00Z")));
            h.advance(Duration.ofMinutes(2));
            List<NotificationCommand> released = h.drainCommands();
            assertThat(posts(released))
                    .filteredOn(c -> c.incident().members().stream()
                            .anyMatch(m -> m.title().equals("ServiceAggregatedAlarm")))
                    .singleElement()
                    .satisfies(c -> assertThat(c.incident().members())
                            .allSatisfy(m -> assertThat(m.suppressed()).isFalse()));
            h.advance(Duration.ofMinutes(10));
            h.drainCommands();
            h.drainIncidents();
            h.drainAlerts();
            h.assertNothingElseEmitted();
        }
    }

    /** The EventBridge composite alarm with a suppressor (actions suppressed by WaitPeriod), moved to eu-west-2. */
    private static io.alertbridge.schemas.model.RawAwsMessage composite() {
        try {
            ObjectNode event = (ObjectNode) Json.mapper()
                    .readTree(AwsSamples.text(
                            "eventbridge_cloudwatch_alarm_state_change_composite_with_suppressor.json"));
            event.put("region", "eu-west-2");
            event.putArray("resources").add("arn:aws:cloudwatch:eu-west-2:123456789012:alarm:ServiceAggregatedAlarm");
            return RawMessages.rawBody(event.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<NotificationCommand> posts(List<NotificationCommand> commands) {
        return commands.stream().filter(c -> c.type() == Type.POST).toList();
    }

    private static RouteRule withStorm(RouteRule route) {
        return new RouteRule(
                route.id(),
                route.order(),
                route.matchers(),
                route.channel(),
                route.groupBy(),
                route.groupWindow(),
                Duration.ofSeconds(10),
                route.updateInterval(),
                route.escalation(),
                new RouteRule.StormLimit(1000),
                route.incidentChannel(),
                route.mentions(),
                route.receivers(),
                route.links(),
                route.hold());
    }
}
