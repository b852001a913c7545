package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ChannelSpec;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink killed at random points — between recording an intent and calling Slack, between Slack's answer and
 * recording it, between recording and committing — never leaves a duplicate message or reply and never misses the
 * final state. A kill is a {@link SinkProbe.Crash} thrown at the n-th probe point: the sink abandons everything at
 * once (producer closed without flushing, consumer closed without committing); a new instance with the same group
 * then takes over. Set {@code -Dalertbridge.crash.seed=N} to replay a sequence.
 */
@ExtendWith(DevkitExtension.class)
class SlackSinkCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSinkCrashIT.class);
    private static final int RUNS = 20;

    @Test
    void shouldNeverLeaveADuplicateNorMissTheFinalStateWhenKilledAtRandomPoints(EmbeddedKafka kafka) throws Exception {
        long seed = Long.getLong("alertbridge.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        List<ChannelSpec> channels = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            channels.add(ChannelSpec.publicChannel("crash-" + run + "-a"));
            channels.add(ChannelSpec.publicChannel("crash-" + run + "-b"));
        }
        try (LocalSlackWorkspace slack =
                LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withChannels(channels))) {
            int points = run(kafka, slack, 0, Integer.MAX_VALUE, seed).points();
            LOG.info("A clean run passes {} probe points; killing at random ones (seed {})", points, seed);
            int killed = 0;
            Map<SinkProbe.Point, Integer> where = new EnumMap<>(SinkProbe.Point.class);
            for (int run = 1; run <= RUNS; run++) {
                // Budgets refilled between runs, as if they were a minute apart; limits stay on within a run.
                slack.resetRateLimits();
                int killAt = 1 + random.nextInt(points);
                Outcome outcome = run(kafka, slack, run, killAt, seed);
                if (outcome.killed()) {
                    killed++;
                    where.merge(outcome.where(), 1, Integer::sum);
                }
            }
            LOG.info("Killed {} of {} runs, at {}", killed, RUNS, where);
            assertThat(killed)
                    .as("runs in which the sink was killed (seed %d)", seed)
                    .isGreaterThanOrEqualTo(RUNS - 2);
        }
    }

    /** How a run went: the probe points the first sink passed, and whether it was killed. */
    private record Outcome(int points, boolean killed, SinkProbe.Point where) {}

    /** One run: the first sink killed at probe point {@code killAt} (if it gets that far), then a second one. */
    private Outcome run(EmbeddedKafka kafka, LocalSlackWorkspace slack, int run, int killAt, long seed)
            throws Exception {
        try (SinkHarness harness = new SinkHarness(kafka, slack, 2)) {
            String a = "#crash-" + run + "-a";
            String b = "#crash-" + run + "-b";
            List<NotificationCommand> incidentA = SlackSinkLifecycleIT.lifecycle(Incidents.open("INC-" + run + "A", a));
            List<NotificationCommand> incidentB = SlackSinkLifecycleIT.lifecycle(Incidents.open("INC-" + run + "B", b));
            AtomicInteger passed = new AtomicInteger();
            AtomicBoolean dead = new AtomicBoolean();
            AtomicReference<SinkProbe.Point> where = new AtomicReference<>();
            SinkProbe probe = point -> {
                if (passed.incrementAndGet() == killAt) {
                    where.set(point);
                    dead.set(true);
                    throw new SinkProbe.Crash("run " + run + ": killed at point " + killAt + " (" + point + ")");
                }
            };
            SlackSink first = harness.start(harness.config(), probe, id -> Optional.empty());
            int step = 0;
            for (; step < incidentA.size() && !dead.get(); step++) {
                harness.send(incidentA.get(step), incidentB.get(step));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dead.get() || harness.allCommitted());
            }
            if (dead.get()) {
                assertThat(first.awaitTermination(Duration.ofSeconds(30))).isTrue();
                harness.start(harness.config());
                for (; step < incidentA.size(); step++) {
                    harness.send(incidentA.get(step), incidentB.get(step));
                }
                harness.awaitAllCommitted(Duration.ofSeconds(60));
            }
            String why = "run " + run + ", killed at " + (dead.get() ? killAt : "-") + ", seed " + seed;
            assertOneMessageInItsFinalState(harness, a, "INC-" + run + "A", why);
            assertOneMessageInItsFinalState(harness, b, "INC-" + run + "B", why);
            assertThat(harness.deadLetters()).as(why).isEmpty();
            return new Outcome(passed.get(), dead.get(), where.get());
        }
    }

    private static void assertOneMessageInItsFinalState(
            SinkHarness harness, String channel, String incidentId, String why) {
        List<SlackMessage> messages = harness.incidentMessages(channel, incidentId);
        assertThat(messages).as(why).hasSize(1);
        assertThat(harness.slack.messages(channel)).as(why).hasSize(1);
        SlackMessage message = messages.get(0);
        assertThat(SinkHarness.version(message)).as(why).isEqualTo(3);
        assertThat(SinkHarness.colour(message)).as(why).isEqualTo("#2EB67D");
        List<SlackMessage> replies = harness.replies(message);
        assertThat(replies)
                .as(why)
                .extracting(SlackMessage::text)
                .containsExactly("opened " + incidentId, "acknowledged by alice", "resolved");
        assertThat(replies).as(why).extracting(SinkHarness::commandId).doesNotHaveDuplicates();
    }
}
