package io.alertbridge.connectors.slack.replay;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.NotificationCommand.DigestEntry;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.SlackMessageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRewriteTest {

    private final ReplayRewrite rewrite = new ReplayRewrite("k3x9q1", "C0REVIEW1");

    @Test
    void shouldMoveEveryIdentityOfASnapshotIntoTheRunsNamespace() {
        Incident incident = Incidents.open("INC-7F3A", "#payments-alerts");

        NotificationCommand out = rewrite.rewrite(Incidents.post(incident));

        assertThat(out.incidentId()).isEqualTo("replay-k3x9q1-INC-7F3A");
        assertThat(out.groupKey()).isEqualTo("replay-k3x9q1-" + incident.groupKey());
        assertThat(out.commandId()).isEqualTo("replay-k3x9q1-INC-7F3A:1:POST");
        assertThat(out.incident().incidentId()).isEqualTo("replay-k3x9q1-INC-7F3A");
        assertThat(out.incident().groupKey()).isEqualTo(out.groupKey());
        assertThat(out.incident().version()).isEqualTo(incident.version());
        assertThat(out.incident().title()).isEqualTo(incident.title());
        assertThat(ReplayRewrite.isReplayId(out.incidentId())).isTrue();
        assertThat(ReplayRewrite.isReplayId(incident.incidentId())).isFalse();
    }

    @Test
    void shouldSendEveryCommandToTheReviewChannelWhateverTheRouteSaid() {
        Incident incident = Incidents.open("INC-1", "#payments-alerts");

        assertThat(rewrite.rewrite(Incidents.post(incident)).channel()).isEqualTo("C0REVIEW1");
        assertThat(rewrite.rewrite(Incidents.post(incident)).incident().channel())
                .isEqualTo("C0REVIEW1");
        assertThat(rewrite.rewrite(Incidents.reply(incident, 1, "x")).channel()).isEqualTo("C0REVIEW1");
        assertThat(rewrite.rewrite(digest("#alerts")).channel()).isEqualTo("C0REVIEW1");
    }

    @Test
    void shouldNeverLetASnapshotPointAtAProductionMessageOrChannel() {
        Incident incident = Incidents.open("INC-1", "#alerts");
        Incident known = incident.toBuilder()
                .slackMessage(new SlackMessageRef("C0PROD001", "1700000000.000100"))
                .incidentChannelId("C0INCCHAN")
                .build();

        Incident out = rewrite.rewrite(Incidents.update(known)).incident();

        assertThat(out.slackMessage()).isNull();
        assertThat(out.incidentChannelId()).isNull();
    }

    @Test
    void shouldMentionNobodyAndSayWhomAnEscalationWouldHaveMentioned() {
        Incident incident = Incidents.open("INC-1", "#alerts");
        NotificationCommand post = NotificationCommand.post("INC-1:post", incident, "<!here>", incident.firstSeen());
        NotificationCommand escalation = NotificationCommand.escalation(
                "INC-1:v3:escalation-2",
                incident,
                "INC-1 is still not acknowledged. Please take a look.",
                "<!subteam^S0ONCALL>",
                incident.firstSeen());

        NotificationCommand quietPost = rewrite.rewrite(post);
        NotificationCommand quietEscalation = rewrite.rewrite(escalation);

        assertThat(quietPost.mention()).isNull();
        assertThat(quietEscalation.mention()).isNull();
        assertThat(quietEscalation.text())
                .startsWith("replay-k3x9q1-INC-1 is still not acknowledged")
                .contains("would have mentioned <!subteam^S0ONCALL>");
        // The sink escapes reply text, so the would-be mention reaches Slack as inert text.
        assertThat(MrkdwnEscaper.escape(quietEscalation.text())).doesNotContain("<!subteam");
    }

    @Test
    void shouldNamespaceADigestAndTheIncidentsItLists() {
        NotificationCommand out = rewrite.rewrite(digest("#alerts"));

        assertThat(out.groupKey()).isEqualTo("replay-k3x9q1-digest:#alerts");
        assertThat(out.incidentId()).isNull();
        assertThat(out.digest().digestId()).isEqualTo("replay-k3x9q1-D-1");
        assertThat(out.digest().entries())
                .extracting(DigestEntry::incidentId)
                .containsExactly("replay-k3x9q1-INC-2", "replay-k3x9q1-INC-3");
        assertThat(out.digest().incidentCount()).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(
            value = Type.class,
            names = {"CHANNEL_CREATE", "CHANNEL_INVITE", "CHANNEL_KICK", "CHANNEL_ARCHIVE"})
    void shouldTurnAnIncidentChannelCommandIntoANoteInTheIncidentsThread(Type type) {
        Incident incident = Incidents.open("INC-9", "#alerts");
        List<String> users = List.of("alice@example.com", "bob@example.com");
        NotificationCommand command = type == Type.CHANNEL_CREATE
                ? NotificationCommand.channelCreate("INC-9:" + type, incident, "inc-9", users, incident.firstSeen())
                : NotificationCommand.channelChange("INC-9:" + type, type, incident, users, incident.firstSeen());

        NotificationCommand note = rewrite.rewrite(command);

        assertThat(ReplayRewrite.isChannelNote(command)).isTrue();
        assertThat(note.type()).isEqualTo(Type.THREAD_REPLY);
        assertThat(note.incidentId()).isEqualTo("replay-k3x9q1-INC-9");
        assertThat(note.channel()).isEqualTo("C0REVIEW1");
        assertThat(note.users()).isEmpty();
        assertThat(note.channelName()).isNull();
        assertThat(note.text()).startsWith("Replay: would have").contains("not done in a replay");
        if (type == Type.CHANNEL_CREATE) {
            assertThat(note.text()).contains("#inc-9").contains("2 people");
        }
    }

    @Test
    void shouldKeepAnIdOfItsOwnRunAsItIs() {
        assertThat(rewrite.id("replay-k3x9q1-INC-1")).isEqualTo("replay-k3x9q1-INC-1");
        assertThat(rewrite.id("replay-other-INC-1")).isEqualTo("replay-k3x9q1-replay-other-INC-1");
        assertThat(rewrite.id(null)).isNull();
    }

    @Test
    void shouldAcceptAChannelNameWithOrWithoutHashAndAnId() {
        assertThat(ReplayRewrite.reviewChannel("#replay-review")).isEqualTo("#replay-review");
        assertThat(ReplayRewrite.reviewChannel("replay-review")).isEqualTo("#replay-review");
        assertThat(ReplayRewrite.reviewChannel(" #Replay_Review ")).isEqualTo("#replay_review");
        assertThat(ReplayRewrite.reviewChannel("C0123ABCD")).isEqualTo("C0123ABCD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "two words", "#bad!name", "-leading-dash"})
    void shouldRefuseWhatIsNeitherAChannelNameNorAnId(String given) {
        assertThatThrownBy(() -> ReplayRewrite.reviewChannel(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--post-to")
                .hasMessageContaining("'" + given + "'");
    }

    @Test
    void shouldMakeFreshRunIdsThatAreValid() {
        String a = ReplayRewrite.newRun();
        String b = ReplayRewrite.newRun();

        assertThat(a).matches("[a-z0-9]{6}");
        assertThat(a).isNotEqualTo(b);
        assertThatThrownBy(() -> new ReplayRewrite("Not Valid", "#x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static NotificationCommand digest(String channel) {
        Digest digest = new Digest(
                "D-1",
                Incidents.T0,
                7,
                30,
                List.of(
                        new DigestEntry("INC-2", "db latency", Severity.WARNING, IncidentState.OPEN),
                        new DigestEntry("INC-3", "api 5xx", Severity.CRITICAL, IncidentState.OPEN)));
        return NotificationCommand.digest("digest:D-1:v1", channel, digest, Incidents.T0);
    }
}
