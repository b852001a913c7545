package io.alertbridge.processor.topology;

import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transient-alert hold through the whole topology: an alarm whose last firings all cleared within minutes has
 * its next incident's first post held; cleared while held, it is recorded and never posted; still firing at the
 * hold's end, it is posted then, its thread saying why it came late.
 */
class TransientHoldScenariosTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ALARM = "flaky-disk-i-0f1a";
    private static final String INSTANCE = "i-0f1a";

    @TempDir
    Path stateDir;

    /** A route that holds, its group window short so that every firing of the history opens its own incident. */
    private static RouteRule holdingRoute() {
        return new RouteRule(
                "flaky",
                10,
                List.of(Matcher.parse("alarm=~flaky-.*")),
                "#flaky",
                List.of("resource"),
                Duration.ofMinutes(1),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new RouteRule.Hold(Duration.ofMinutes(4), 0.8, 20, 5, Duration.ofMinutes(4)));
    }

    /** Five firings of two minutes each, ten minutes apart: too few to hold any of them, enough to hold the next. */
    private static void flapFiveTimes(IncidentTopologyHarness h) {
        for (int i = 0; i < 5; i++) {
            h.alarm(ALARM, INSTANCE, true);
            h.advance(Duration.ofMinutes(2));
            h.alarm(ALARM, INSTANCE, false);
            h.advance(Duration.ofMinutes(10));
        }
    }

    private static List<NotificationCommand> posts(List<NotificationCommand> commands, String incidentId) {
        return commands.stream()
                .filter(c -> c.type() == Type.POST && incidentId.equals(c.incidentId()))
                .toList();
    }

    @Test
    void shouldHoldAFlappingAlarmAndNeverPostItWhenItClears() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(holdingRoute()), stateDir, T0)) {
            flapFiveTimes(h);
            assertThat(h.drainCommands())
                    .as("the first five firings were not held: too few known")
                    .filteredOn(c -> c.type() == Type.POST)
                    .hasSize(5);
            h.drainIncidents();

            h.alarm(ALARM, INSTANCE, true);
            Incident held = h.last();
            assertThat(Holds.isHeldAt(held, h.now())).isTrue();
            assertThat(Holds.latestEntry(held).orElseThrow().text())
                    .isEqualTo("Held for 4m because 5 of its last 5 firings cleared within 4m");
            h.advance(Duration.ofMinutes(2));
            h.alarm(ALARM, INSTANCE, false);
            h.advance(Duration.ofMinutes(10));

            Incident cleared = h.last();
            assertThat(cleared.incidentId()).isEqualTo(held.incidentId());
            assertThat(cleared.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(cleared.timeline())
                    .extracting(TimelineEntry::kind)
                    .containsSubsequence(TimelineEntry.Kind.HELD, TimelineEntry.Kind.HELD_CLEARED);
            assertThat(Holds.clearedWhileHeld(cleared)).isTrue();
            assertThat(h.drainCommands())
                    .as("held and cleared: nothing reached Slack")
                    .isEmpty();
            h.advance(Duration.ofMinutes(30));
            assertThat(h.drainCommands()).isEmpty();
        }
    }

    @Test
    void shouldPostAHeldAlarmThatDoesNotClearWhenItsHoldEnds() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(holdingRoute()), stateDir, T0)) {
            flapFiveTimes(h);
            h.drainCommands();

            Instant fired = h.now();
            h.alarm(ALARM, INSTANCE, true);
            String incidentId = h.last().incidentId();
            h.advance(Duration.ofMinutes(3));
            assertThat(posts(h.drainCommands(), incidentId))
                    .as("past the group wait, still held")
                    .isEmpty();

            h.advance(Duration.ofMinutes(2));
            List<NotificationCommand> commands = h.drainCommands();
            List<NotificationCommand> posts = posts(commands, incidentId);
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).createdAt())
                    .isAfterOrEqualTo(fired.plus(Duration.ofMinutes(4)))
                    .isBefore(fired.plus(Duration.ofMinutes(4)).plusSeconds(5));
            assertThat(posts.get(0).incident().state()).isEqualTo(IncidentState.OPEN);
            assertThat(commands)
                    .filteredOn(c -> c.type() == Type.THREAD_REPLY)
                    .singleElement()
                    .satisfies(reply -> assertThat(reply.text())
                            .contains("Held for 4m because 5 of its last 5 firings cleared within 4m"));
            assertThat(Holds.isHeldAt(h.last(), h.now())).isFalse();
            h.advance(Duration.ofMinutes(3));
            assertThat(h.drainCommands()).isEmpty();
        }
    }

    @Test
    void shouldKeepAFlappingAlarmQuietAcrossItsReopeningsWhileItKeepsClearing() {
        RouteRule route = holdingRoute();
        RouteRule thirtyMinuteWindow = new RouteRule(
                route.id(),
                route.order(),
                route.matchers(),
                route.channel(),
                route.groupBy(),
                Duration.ofMinutes(30),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                route.hold());
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(thirtyMinuteWindow), stateDir, T0)) {
            // Five short firings within one incident's window: it is posted (too few known yet) and edited.
            for (int i = 0; i < 5; i++) {
                h.alarm(ALARM, INSTANCE, true);
                h.advance(Duration.ofMinutes(2));
                h.alarm(ALARM, INSTANCE, false);
                h.advance(Duration.ofMinutes(3));
            }
            h.advance(Duration.ofMinutes(40));
            assertThat(h.drainCommands()).filteredOn(c -> c.type() == Type.POST).hasSize(1);
            String first = h.last().incidentId();

            // Quiet long enough that the next firing opens a new incident: held, and each reopening held again.
            for (int i = 0; i < 3; i++) {
                h.alarm(ALARM, INSTANCE, true);
                h.advance(Duration.ofMinutes(2));
                h.alarm(ALARM, INSTANCE, false);
                h.advance(Duration.ofMinutes(3));
            }
            h.advance(Duration.ofMinutes(5));

            Incident flapping = h.last();
            assertThat(flapping.incidentId()).isNotEqualTo(first);
            assertThat(flapping.timeline())
                    .extracting(TimelineEntry::kind)
                    .filteredOn(kind -> kind == TimelineEntry.Kind.HELD || kind == TimelineEntry.Kind.HELD_CLEARED)
                    .containsExactly(
                            TimelineEntry.Kind.HELD,
                            TimelineEntry.Kind.HELD_CLEARED,
                            TimelineEntry.Kind.HELD,
                            TimelineEntry.Kind.HELD_CLEARED,
                            TimelineEntry.Kind.HELD,
                            TimelineEntry.Kind.HELD_CLEARED);
            assertThat(h.drainCommands())
                    .as("three firings, each cleared while held: nothing reached Slack")
                    .isEmpty();
        }
    }
}
