package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Stage {@code throttle} ({@link ThrottleStage}) inside the whole real topology: CloudWatch alarms in, the wall clock
 * moving; what reaches Slack's command topic, and when, out. Each test ends by asserting that nothing else was emitted
 * on any output topic.
 */
class ThrottleStageTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final ThrottleSlice LIMITS = ThrottleSlice.defaults();

    @TempDir
    Path stateDir;

    @Test
    void shouldHoldTheFirstPostForTheRoutesGroupWaitWhileTheIncidentIsPublishedAtOnce() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(29));

            assertThat(h.drainIncidents())
                    .as("the incidents view is never throttled")
                    .hasSize(1);
            assertThat(h.drainCommands()).as("within the 30-second group wait").isEmpty();

            h.advance(Duration.ofSeconds(1));
            assertThat(h.drainCommands()).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.createdAt()).isEqualTo(T0.plusSeconds(30));
            });
            assertThat(h.drainAlerts()).hasSize(1);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldPostWhenTheGroupWaitEndsNotAtTheThrottlesNextTick() {
        Duration step = Duration.ofMillis(50);
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            // Off the tick's grid, as alarms arrive: the wait ends 200 ms before the next tick (250 ms by default).
            h.pause(Duration.ofMillis(300));
            Instant arrived = h.now();
            h.alarm("cpu-high-i-1", "i-1", true);
            Instant groupWaitEnds = arrived.plusSeconds(30);
            List<NotificationCommand> posts = new java.util.ArrayList<>();
            while (posts.isEmpty() && h.now().isBefore(groupWaitEnds.plusSeconds(2))) {
                // The wall clock in steps finer than the tick: the post goes at the first step past the wait.
                h.pause(step);
                posts.addAll(h.drainCommands());
            }

            assertThat(posts).singleElement().satisfies(post -> {
                assertThat(post.type()).isEqualTo(Type.POST);
                assertThat(post.createdAt())
                        .as("the group wait, plus at most one step of the clock (not the rest of a tick)")
                        .isBetween(groupWaitEnds, groupWaitEnds.plus(step));
            });
            assertThat(h.drainIncidents()).hasSize(1);
            assertThat(h.drainAlerts()).hasSize(1);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldCoalesceRapidChangesIntoEditsAtMostOncePerUpdateIntervalEndingOnTheLatest() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.advance(Duration.ofSeconds(30));
            assertThat(h.drainCommands()).extracting(NotificationCommand::type).containsExactly(Type.POST);

            for (int i = 0; i < 5; i++) {
                h.alarm("cpu-high-i-1", "i-1", false);
                h.advance(Duration.ofMillis(500));
                h.alarm("cpu-high-i-1", "i-1", true);
                h.advance(Duration.ofMillis(500));
            }
            h.advance(Duration.ofSeconds(10));

            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents).as("one snapshot per change").hasSize(11);
            List<NotificationCommand> updates = h.drainCommands();
            assertThat(updates).extracting(NotificationCommand::type).containsOnly(Type.UPDATE);
            assertThat(updates)
                    .as("10 changes in 5 seconds: at most one edit per 5 s interval")
                    .hasSizeBetween(1, 3);
            for (int i = 1; i < updates.size(); i++) {
                assertThat(Duration.between(
                                updates.get(i - 1).createdAt(), updates.get(i).createdAt()))
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
            }
            assertThat(updates.get(updates.size() - 1).incident().version())
                    .as("the last edit shows the latest state")
                    .isEqualTo(incidents.get(incidents.size() - 1).version());
            h.advance(Duration.ofMinutes(5));
            assertThat(h.drainCommands())
                    .as("the flapping, told once in the thread")
                    .extracting(NotificationCommand::type)
                    .containsExactly(Type.THREAD_REPLY);
            assertThat(h.drainAlerts()).hasSize(11);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldSpacePostsToOneChannelAndRollAStormIntoOneDigest() {
        int alarms = LIMITS.defaultStormLimit() + 5;
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            for (int i = 0; i < alarms; i++) {
                h.alarm("cpu-high-i-" + i, "i-" + i, true);
            }
            h.advance(Duration.ofMinutes(2));

            assertThat(h.drainIncidents())
                    .as("every incident is opened and published")
                    .hasSize(alarms);
            List<NotificationCommand> commands = h.drainCommands();
            List<NotificationCommand> posts =
                    commands.stream().filter(c -> c.type() == Type.POST).toList();
            List<NotificationCommand> digests =
                    commands.stream().filter(c -> c.type() == Type.DIGEST).toList();
            assertThat(posts).hasSizeLessThanOrEqualTo(LIMITS.defaultStormLimit());
            for (int i = 1; i < posts.size(); i++) {
                assertThat(Duration.between(
                                posts.get(i - 1).createdAt(), posts.get(i).createdAt()))
                        .as("one post per second per channel")
                        .isGreaterThanOrEqualTo(LIMITS.postSpacing());
            }
            assertThat(digests).isNotEmpty().allSatisfy(digest -> {
                assertThat(digest.channel()).isEqualTo("#alerts");
                assertThat(digest.groupKey()).isEqualTo("digest:#alerts");
            });
            assertThat(digests)
                    .extracting(d -> d.digest().digestId())
                    .as("one digest message, edited in place")
                    .containsOnly(digests.get(0).digest().digestId());
            assertThat(posts.size() + digests.get(digests.size() - 1).digest().incidentCount())
                    .as("every incident has a message or is counted in the digest")
                    .isEqualTo(alarms);
            assertThat(commands).hasSize(posts.size() + digests.size());
            assertThat(h.drainAlerts()).hasSize(alarms);
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldSendWhatFellDueDuringAPauseAtTheFirstTickAfterItOnce() {
        try (IncidentTopologyHarness h = new IncidentTopologyHarness(List.of(), stateDir, T0)) {
            h.alarm("cpu-high-i-1", "i-1", true);
            h.alarm("cpu-high-i-2", "i-2", true);

            h.pause(Duration.ofMinutes(2));
            h.advance(Duration.ofSeconds(5));

            assertThat(h.drainCommands())
                    .as("both group waits ended during the pause; posts still one second apart")
                    .extracting(NotificationCommand::type, NotificationCommand::createdAt)
                    .containsExactly(
                            tuple(Type.POST, T0.plus(Duration.ofMinutes(2))),
                            tuple(Type.POST, T0.plus(Duration.ofMinutes(2)).plus(LIMITS.postSpacing())));
            assertThat(h.drainIncidents()).hasSize(2);
            assertThat(h.drainAlerts()).hasSize(2);
            h.assertNothingElseEmitted();
        }
    }
}
