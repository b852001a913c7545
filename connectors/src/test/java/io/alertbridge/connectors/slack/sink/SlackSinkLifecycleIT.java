package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ApiCall;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The sink against the local Slack workspace over real HTTP and the in-process broker. */
@ExtendWith(DevkitExtension.class)
class SlackSinkLifecycleIT {

    private static final String HOSTILE = "<!channel> <https://evil.example|click> @here &lt;";

    private LocalSlackWorkspace slack;
    private SinkHarness harness;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        slack = LocalSlackWorkspace.start();
        harness = new SinkHarness(kafka, slack, 3);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        slack.close();
    }

    @Test
    void shouldEndAScriptedLifecycleAsOneMessagePerIncidentInItsFinalStateWithItsTimelineInTheThread() {
        SlackSink sink = harness.start(harness.config());
        List<String> ids = List.of("INC-A1", "INC-A2", "INC-P1");
        List<String> channels = List.of("#alerts", "#alerts", "#payments-alerts");
        List<List<NotificationCommand>> scripts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            scripts.add(lifecycle(Incidents.open(ids.get(i), channels.get(i))));
        }
        for (int step = 0; step < scripts.get(0).size(); step++) {
            for (List<NotificationCommand> script : scripts) {
                harness.send(script.get(step));
            }
            // Each step lands before the next, as when people act minutes apart: every change is an edit.
            harness.awaitAllCommitted(Duration.ofSeconds(30));
        }

        for (int i = 0; i < ids.size(); i++) {
            List<SlackMessage> messages = harness.incidentMessages(channels.get(i), ids.get(i));
            assertThat(messages).as(ids.get(i)).hasSize(1);
            SlackMessage message = messages.get(0);
            assertThat(SinkHarness.colour(message)).isEqualTo("#2EB67D");
            assertThat(SinkHarness.version(message)).isEqualTo(3);
            assertThat(message.isEdited()).isTrue();
            assertThat(message.visibleText()).contains("RESOLVED").doesNotContain("Acknowledge");
            assertThat(harness.replies(message))
                    .extracting(SlackMessage::text)
                    .containsExactly("opened " + ids.get(i), "acknowledged by alice", "resolved");
        }
        assertThat(sink.isReady()).isTrue();
        assertThat(harness.counter("alertbridge.slack.messages.posted")).isEqualTo(3);
        assertThat(harness.counter("alertbridge.slack.replies.posted")).isEqualTo(9);
        assertThat(harness.counter("alertbridge.slack.messages.updated")).isEqualTo(6);
        assertThat(slack.calls("chat.update")).filteredOn(ApiCall::ok).hasSize(6);
        assertThat(harness.deadLetters()).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        harness.registry.get("alertbridge.slack.lag").gauge().value() == 0.0);
    }

    /**
     * A backlog delivered late (or old history) carries source times far in the past. The sink must still remember the
     * message of an incident it saw resolve a moment ago, and when the processor, which forgets a closed incident,
     * posts the incident again after it reopened, the sink edits the one message instead of posting a second one.
     */
    @Test
    void shouldEditTheOneMessageOfAnIncidentThatReopensAfterResolvingWithAnOldSourceTime() {
        harness.start(harness.config());
        Incident opened = Incidents.open("INC-R1", "#alerts");
        Incident resolvedLongAgo =
                Incidents.resolvedAt(Incidents.next(opened, IncidentState.RESOLVED), T0.minus(Duration.ofDays(30)));
        harness.send(Incidents.post(opened));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        harness.send(Incidents.update(resolvedLongAgo));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        // The sink forgets refs in a sweep every second: give it two before the incident reopens.
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> true);

        Incident reopened = reopened(resolvedLongAgo);
        harness.send(Incidents.post(reopened));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        List<SlackMessage> messages = harness.incidentMessages("#alerts", "INC-R1");
        assertThat(messages).hasSize(1);
        assertThat(SinkHarness.version(messages.get(0))).isEqualTo(reopened.version());
        assertThat(messages.get(0).visibleText()).contains("· *OPEN* · api-5xx is in ALARM");
        assertThat(harness.deadLetters()).isEmpty();
    }

    private static Incident reopened(Incident resolved) {
        Incident open = Incidents.next(resolved, IncidentState.OPEN);
        List<TimelineEntry> timeline = new ArrayList<>(resolved.timeline());
        timeline.add(new TimelineEntry(T0, TimelineEntry.Kind.RESOLVED, "resolved", null));
        timeline.add(new TimelineEntry(T0, TimelineEntry.Kind.REOPENED, "fired again", null));
        return open.toBuilder().timeline(timeline).build();
    }

    @Test
    void shouldMentionOnlyWhereTheRouteAsksAndNeverOnceResolved() {
        RouteRule payments = new RouteRule(
                "payments",
                1,
                null,
                "#alerts",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("<!subteam^S0PAYMENTS>"),
                null,
                null,
                null);
        harness.start(
                harness.config(),
                SinkProbe.NONE,
                id -> id.equals("payments") ? Optional.of(payments) : Optional.empty());
        Incident open = Incidents.open("INC-M01", "#alerts");
        Incident resolved = Incidents.next(open, IncidentState.RESOLVED);

        harness.send(Incidents.post(open), escalation(open, 1, "nobody acknowledged"));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        harness.send(Incidents.update(resolved), escalation(open, 2, "late escalation"));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        Incident other = Incidents.open("INC-M02", "#payments-alerts");
        NotificationCommand postWithMentions =
                NotificationCommand.post("INC-M02:post", other, "<!subteam^S0OTHER> <@U0LEAD>", T0);
        harness.send(postWithMentions);
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        List<ApiCall> posts = slack.calls("chat.postMessage");
        assertThat(posts.get(0).param("text")).as("the route's, from the rules").startsWith("<!subteam^S0PAYMENTS> ");
        assertThat(posts.get(1).param("text")).isEqualTo("<!here> nobody acknowledged");
        assertThat(posts.get(2).param("text")).isEqualTo("late escalation");
        assertThat(posts.get(3).param("text"))
                .as("the processor's, on the command")
                .startsWith("<!subteam^S0OTHER> <@U0LEAD> :red_circle:");
        assertThat(slack.calls("chat.update").get(0).param("text")).doesNotContain("<!");
    }

    @Test
    void shouldKeepOneStormDigestPerChannelUpdatedInPlace() {
        harness.start(harness.config());

        harness.send(digest("storm-1", 12));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        harness.send(digest("storm-1", 37), digestEscalation());
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        harness.send(digest("storm-2", 5));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        List<SlackMessage> digests = slack.messages("#alerts").stream()
                .filter(m -> IncidentMessageRenderer.DIGEST_EVENT_TYPE.equals(m.eventType()))
                .toList();
        assertThat(digests).hasSize(2);
        assertThat(digests.get(0).isEdited()).isTrue();
        assertThat(digests.get(0).text()).contains("*37* incidents");
        assertThat(harness.replies(digests.get(0)))
                .extracting(SlackMessage::text)
                .containsExactly("<!here> Reminder: incidents of this storm are open");
        assertThat(digests.get(1).text()).contains("*5* incidents");
    }

    private static NotificationCommand digestEscalation() {
        return NotificationCommand.digestEscalation(
                "digest:storm-1:escalation-1", "#alerts", "Reminder: incidents of this storm are open", "<!here>", T0);
    }

    private static NotificationCommand digest(String digestId, int incidents) {
        List<NotificationCommand.DigestEntry> entries = List.of(new NotificationCommand.DigestEntry(
                "INC-D" + incidents, "db " + incidents, Severity.ERROR, IncidentState.OPEN));
        return NotificationCommand.digest(
                "digest:" + digestId + ":v" + incidents,
                "#alerts",
                new NotificationCommand.Digest(digestId, T0, incidents, incidents * 4, entries),
                T0);
    }

    private static NotificationCommand escalation(Incident incident, int n, String text) {
        return NotificationCommand.escalation(
                incident.incidentId() + ":e" + n + ":ESCALATION", incident, text, "<!here>", incident.lastSeen());
    }

    @Test
    void shouldRenderOutsideTextLiterallySoNothingPingsOrForgesALink() {
        harness.start(harness.config());
        IncidentMember member = new IncidentMember(
                Incidents.ALARM_ARN,
                "cloudwatch",
                "api-5xx " + HOSTILE,
                AlertStatus.FIRING,
                Severity.CRITICAL,
                "e1",
                T0,
                false,
                Map.of("description", "desc " + HOSTILE),
                List.of(),
                null,
                null);
        Incident incident =
                Incidents.incident("INC-E5C", "#alerts", 1, IncidentState.OPEN, "title " + HOSTILE, List.of(member));

        harness.send(Incidents.post(incident), Incidents.reply(incident, 1, "note " + HOSTILE));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        SlackMessage message = harness.incidentMessages("#alerts", "INC-E5C").get(0);
        String escaped = "&lt;!channel&gt; &lt;https://evil.example|click&gt; @here &amp;lt;";
        assertThat(message.text()).contains("title " + escaped);
        assertThat(message.visibleText()).contains("api-5xx " + escaped).contains("desc " + escaped);
        assertThat(harness.replies(message).get(0).text()).isEqualTo("note " + escaped);
        List<ApiCall> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(2);
        for (ApiCall post : posts) {
            String sent = post.params().toString();
            assertThat(sent).doesNotContain("<!channel>").doesNotContain("<https://evil.example");
            assertThat(post.param("link_names")).isNotEqualTo("true");
        }
    }

    @Test
    void shouldHonourRetryAfterOnEvery429AndStillCarryEverythingOut() {
        SlackSink sink = harness.start(harness.config());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(sink::isReady);
        List<NotificationCommand> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.addAll(lifecycle(Incidents.open("INC-S" + i, i % 2 == 0 ? "#alerts" : "#payments-alerts")));
        }
        slack.force429(Duration.ofSeconds(4), 1);

        harness.send(all.toArray(NotificationCommand[]::new));
        harness.awaitAllCommitted(Duration.ofSeconds(90));

        for (int i = 0; i < 5; i++) {
            List<SlackMessage> messages =
                    harness.incidentMessages(i % 2 == 0 ? "#alerts" : "#payments-alerts", "INC-S" + i);
            assertThat(messages).hasSize(1);
            assertThat(SinkHarness.colour(messages.get(0))).isEqualTo("#2EB67D");
            assertThat(harness.replies(messages.get(0))).hasSize(3);
        }
        List<ApiCall> calls = slack.calls();
        long limited = calls.stream().filter(c -> c.httpStatus() == 429).count();
        assertThat(limited).isPositive();
        assertThat(harness.counter("alertbridge.slack.ratelimited")).isEqualTo(limited);
        assertRetryAfterHonoured(calls);
        assertThat(harness.deadLetters()).isEmpty();
    }

    /** After a 429 with Retry-After r, the sink's next call came no sooner than r later. */
    private static void assertRetryAfterHonoured(List<ApiCall> calls) {
        for (int i = 0; i < calls.size() - 1; i++) {
            ApiCall call = calls.get(i);
            if (call.httpStatus() == 429) {
                ApiCall next = calls.get(i + 1);
                assertThat(Duration.between(call.at(), next.at()))
                        .as("call %d after a 429 with Retry-After %d s", next.sequence(), call.retryAfterSeconds())
                        .isGreaterThanOrEqualTo(
                                Duration.ofSeconds(call.retryAfterSeconds()).minusMillis(50));
            }
        }
    }

    /** POST, reply, acknowledge, reply, resolve, reply: what the processor emits for one incident. */
    static List<NotificationCommand> lifecycle(Incident open) {
        Incident acked = Incidents.next(open, IncidentState.ACKNOWLEDGED);
        Incident resolved = Incidents.next(acked, IncidentState.RESOLVED);
        return List.of(
                Incidents.post(open),
                Incidents.reply(open, 1, "opened " + open.incidentId()),
                Incidents.update(acked),
                Incidents.reply(open, 2, "acknowledged by alice"),
                Incidents.update(resolved),
                Incidents.reply(open, 3, "resolved"));
    }
}
