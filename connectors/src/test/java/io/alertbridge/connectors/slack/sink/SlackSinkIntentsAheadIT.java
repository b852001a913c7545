package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of new incidents, or of replies to different incidents: the sink records the intents of a batch's first
 * posts and replies ahead, several in one round trip to Kafka ({@link CommandExecutor#intendAhead}), and still posts
 * each exactly once, also when it is killed right after recording them.
 */
@ExtendWith(DevkitExtension.class)
class SlackSinkIntentsAheadIT {

    private static final int INCIDENTS = 30;

    private LocalSlackWorkspace slack;
    private SinkHarness harness;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        // Limits off: a burst of 30 posts in one channel would otherwise wait out Slack's one post a second there.
        slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withRateLimits(false));
        harness = new SinkHarness(kafka, slack, 1);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        slack.close();
    }

    @Test
    void shouldRecordTheIntentsOfABurstOfFirstPostsAheadAndPostEachOnce() {
        harness.send(burst("INC-AHEAD-"));
        List<SinkProbe.Point> points = Collections.synchronizedList(new ArrayList<>());
        harness.start(harness.config(), points::add, id -> Optional.empty());
        harness.awaitAllCommitted(Duration.ofSeconds(60));

        for (int i = 0; i < INCIDENTS; i++) {
            assertThat(harness.incidentMessages("#alerts", "INC-AHEAD-" + i))
                    .as("INC-AHEAD-" + i)
                    .hasSize(1);
        }
        assertThat(slack.messages("alerts")).hasSize(INCIDENTS);
        assertThat(points).filteredOn(p -> p == SinkProbe.Point.INTENT_RECORDED).hasSize(INCIDENTS);
        assertThat(longestRunOfIntents(points))
                .as("intents recorded before the first of their posts answered: %s", points)
                .isBetween(2, CommandExecutor.INTENTS_AHEAD);
        // An intent recorded ahead is taken by its own post, never settled as a crash's would be.
        assertThat(slack.calls("conversations.history")).isEmpty();
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldPostEachIncidentOnceWhenKilledRightAfterRecordingIntentsAhead() throws InterruptedException {
        harness.send(burst("INC-KILLED-"));
        AtomicInteger intents = new AtomicInteger();
        AtomicBoolean dead = new AtomicBoolean();
        SinkProbe killAfterTheFirstIntentsAhead = point -> {
            if (point == SinkProbe.Point.INTENT_RECORDED && intents.incrementAndGet() == 2) {
                dead.set(true);
                throw new SinkProbe.Crash("killed after recording intents ahead");
            }
        };
        SlackSink first = harness.start(harness.config(), killAfterTheFirstIntentsAhead, id -> Optional.empty());
        assertThat(first.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(dead).isTrue();
        assertThat(slack.messages("alerts")).as("posted before the kill").isEmpty();

        harness.start(harness.config());
        harness.awaitAllCommitted(Duration.ofSeconds(60));

        for (int i = 0; i < INCIDENTS; i++) {
            assertThat(harness.incidentMessages("#alerts", "INC-KILLED-" + i))
                    .as("INC-KILLED-" + i)
                    .hasSize(1);
        }
        assertThat(slack.messages("alerts")).hasSize(INCIDENTS);
        // The intents the killed sink left were settled by searching the channel, then posted.
        assertThat(slack.calls("conversations.history")).isNotEmpty();
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldRecordTheIntentsOfRepliesToDifferentIncidentsAheadAndReplyOnceEach() {
        harness.send(burst("INC-REPLY-"));
        List<SinkProbe.Point> points = Collections.synchronizedList(new ArrayList<>());
        harness.start(harness.config(), points::add, id -> Optional.empty());
        harness.awaitAllCommitted(Duration.ofSeconds(60));
        points.clear();

        NotificationCommand[] replies = new NotificationCommand[INCIDENTS];
        for (int i = 0; i < INCIDENTS; i++) {
            replies[i] = Incidents.reply(Incidents.open("INC-REPLY-" + i, "#alerts"), 1, "acknowledged by alice");
        }
        harness.send(replies);
        harness.awaitAllCommitted(Duration.ofSeconds(60));

        for (int i = 0; i < INCIDENTS; i++) {
            List<SlackMessage> messages = harness.incidentMessages("#alerts", "INC-REPLY-" + i);
            assertThat(messages).as("INC-REPLY-" + i).hasSize(1);
            assertThat(harness.replies(messages.get(0)))
                    .as("INC-REPLY-" + i)
                    .extracting(SlackMessage::text)
                    .containsExactly("acknowledged by alice");
        }
        assertThat(points).filteredOn(p -> p == SinkProbe.Point.INTENT_RECORDED).hasSize(INCIDENTS);
        assertThat(longestRunOfIntents(points)).as("%s", points).isBetween(2, CommandExecutor.INTENTS_AHEAD);
        // Taken by their own replies, never settled by reading the thread as a crash's would be.
        assertThat(slack.calls("conversations.replies")).isEmpty();
        assertThat(harness.deadLetters()).isEmpty();
    }

    private static NotificationCommand[] burst(String prefix) {
        NotificationCommand[] posts = new NotificationCommand[INCIDENTS];
        for (int i = 0; i < INCIDENTS; i++) {
            posts[i] = Incidents.post(Incidents.open(prefix + i, "#alerts"));
        }
        return posts;
    }

    private static int longestRunOfIntents(List<SinkProbe.Point> points) {
        int longest = 0;
        int run = 0;
        synchronized (points) {
            for (SinkProbe.Point point : points) {
                run = point == SinkProbe.Point.INTENT_RECORDED ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }
}
