package io.alertbridge.connectors.slack.replay;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.slack.ChannelSpec;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReplayPoster} against the local Slack workspace over real HTTP, with no Kafka at all (its refs are in
 * memory): one message per replayed incident in the review channel, edited in place, marked, nothing anywhere else.
 */
class ReplayPosterIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LocalSlackWorkspace slack;

    @BeforeEach
    void startWorkspace() {
        List<ChannelSpec> channels =
                new ArrayList<>(LocalSlackWorkspace.Config.defaults().channels());
        channels.add(ChannelSpec.publicChannel("replay-review"));
        slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults().withChannels(channels));
    }

    @AfterEach
    void stopWorkspace() {
        slack.close();
    }

    @Test
    void shouldPostEachIncidentOnceInTheReviewChannelAndEditItInPlace() throws Exception {
        Incident first = Incidents.open("INC-1", "#payments-alerts");
        Incident second = Incidents.open("INC-2", "#alerts");
        ReplayPoster.Summary summary;
        try (ReplayPoster poster = SlackSinkAssembler.of(config()).startReplay(settings("replay-review", "r1"))) {
            poster.submit(Incidents.post(first));
            awaitMain("replay-r1-INC-1");
            poster.submit(Incidents.reply(first, 1, "08:01:00 UTC  api-5xx is FIRING"));
            poster.submit(Incidents.update(Incidents.next(first, IncidentState.RESOLVED)));
            // Asked for before the incident's message exists: waits for it.
            poster.submit(Incidents.channel(Type.CHANNEL_CREATE, second, List.of("alice@example.com")));
            poster.submit(Incidents.post(second));
            summary = poster.finish();
        }

        List<SlackMessage> main = mainMessages();
        assertThat(main).extracting(this::incidentId).containsExactlyInAnyOrder("replay-r1-INC-1", "replay-r1-INC-2");
        SlackMessage one = main.stream()
                .filter(m -> incidentId(m).equals("replay-r1-INC-1"))
                .findFirst()
                .orElseThrow();
        assertThat(one.isEdited()).isTrue();
        assertThat(one.text()).startsWith(ReplayMarker.TEXT_PREFIX).contains("RESOLVED");
        assertThat(one.visibleText())
                .contains("Replay of 2026-11-14 .. 2026-11-21 under rules.yaml · run r1")
                .contains("routed to #payments-alerts");
        assertThat(one.metadata().path("event_payload").path("replay_run").asText())
                .isEqualTo("r1");
        assertThat(slack.replies("#replay-review", one.ts()))
                .extracting(SlackMessage::text)
                .anySatisfy(text -> assertThat(text).contains("api-5xx is FIRING"));
        SlackMessage two = main.stream()
                .filter(m -> incidentId(m).equals("replay-r1-INC-2"))
                .findFirst()
                .orElseThrow();
        assertThat(slack.replies("#replay-review", two.ts()))
                .extracting(SlackMessage::text)
                .anySatisfy(text -> assertThat(text).contains("would have created the private incident channel"));
        assertThat(slack.messages("#alerts")).isEmpty();
        assertThat(slack.messages("#payments-alerts")).isEmpty();
        assertThat(slack.calls("conversations.create")).isEmpty();
        assertThat(slack.calls("conversations.invite")).isEmpty();
        assertThat(summary.messages()).isEqualTo(2);
        assertThat(summary.posted()).isEqualTo(2);
        assertThat(summary.edited()).isEqualTo(1);
        assertThat(summary.replies()).isEqualTo(2);
        assertThat(summary.submitted()).isEqualTo(5);
        assertThat(summary.failed()).isEmpty();
        assertThat(summary.channelId())
                .isEqualTo(slack.channel("#replay-review").orElseThrow().id());
    }

    @Test
    void shouldWaitOutRateLimitsAndStillPostEverything() throws Exception {
        ReplayPoster.Summary summary;
        try (ReplayPoster poster = SlackSinkAssembler.of(config()).startReplay(settings("#replay-review", "r2"))) {
            slack.force429(SlackErrorClassifier.POST, 2, 1);
            for (int i = 1; i <= 3; i++) {
                poster.submit(Incidents.post(Incidents.open("INC-" + i, "#alerts")));
            }
            summary = poster.finish();
        }

        assertThat(mainMessages()).extracting(this::incidentId).hasSize(3).allMatch(id -> id.startsWith("replay-r2-"));
        assertThat(slack.calls("chat.postMessage"))
                .anySatisfy(call -> assertThat(call.httpStatus()).isEqualTo(429));
        assertThat(summary.posted()).isEqualTo(3);
        assertThat(summary.failed()).isEmpty();
    }

    @Test
    void shouldStopWithAClearErrorWhenSlackKeepsFailing() {
        ReplayPoster poster = SlackSinkAssembler.of(config())
                .startReplay(new ReplayPoster.Settings(
                        "replay-review", "r3", "a .. b under rules.yaml", Duration.ofSeconds(2)));
        try (poster) {
            slack.failNext(10_000, 503);
            poster.submit(Incidents.post(Incidents.open("INC-1", "#alerts")));

            assertThatThrownBy(poster::finish)
                    .isInstanceOf(ReplayPoster.PostingFailed.class)
                    .hasMessageContaining("#replay-review")
                    .hasMessageContaining("Slack kept failing")
                    .hasMessageContaining("0 of 1 commands");
        }
        assertThat(slack.messages("#replay-review")).isEmpty();
    }

    @Test
    void shouldRefuseAReviewChannelTheBotCannotSee() {
        assertThatThrownBy(() -> SlackSinkAssembler.of(config()).startReplay(settings("#no-such-review", "r4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--post-to #no-such-review")
                .hasMessageContaining("no such channel");
    }

    @Test
    void shouldRefuseATokenSlackRejects() {
        SlackSinkConfig wrongToken = SlackSinkConfig.defaults("xoxb-not-the-workspaces").toBuilder()
                .apiUrl(slack.apiUrl())
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> SlackSinkAssembler.of(wrongToken).startReplay(settings("#replay-review", "r5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Slack refused the token");
    }

    private SlackSinkConfig config() {
        return SlackSinkConfig.defaults(slack.botToken()).toBuilder()
                .apiUrl(slack.apiUrl())
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .build();
    }

    private static ReplayPoster.Settings settings(String channel, String run) {
        return new ReplayPoster.Settings(channel, run, "2026-11-14 .. 2026-11-21 under rules.yaml", null);
    }

    private void awaitMain(String incidentId) {
        Awaitility.await().atMost(PATIENCE).until(() -> mainMessages().stream()
                .anyMatch(m -> incidentId.equals(incidentId(m))));
    }

    private List<SlackMessage> mainMessages() {
        return slack.messages("#replay-review").stream()
                .filter(m -> !m.isReply())
                .filter(m -> IncidentMessageRenderer.INCIDENT_EVENT_TYPE.equals(m.eventType()))
                .toList();
    }

    private String incidentId(SlackMessage message) {
        return message.metadata().path("event_payload").path("incident_id").asText();
    }
}
