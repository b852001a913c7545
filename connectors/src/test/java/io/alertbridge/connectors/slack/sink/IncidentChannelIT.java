package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.ApiCall;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackChannel;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.devkit.slack.SlackUser;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevkitExtension.class)
class IncidentChannelIT {

    private static final Duration ARCHIVE_AFTER = Duration.ofSeconds(3);

    private LocalSlackWorkspace slack;
    private SinkHarness harness;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        slack = LocalSlackWorkspace.start();
        harness = new SinkHarness(kafka, slack, 1);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        slack.close();
    }

    @Test
    void shouldCreateAChannelInviteRespondersButOptOutsKickOnRequestAndArchiveAfterResolve() {
        harness.start(harness.config().toBuilder()
                .inviteOptOuts(Set.of("Carol@Example.com"))
                .archiveAfter(ARCHIVE_AFTER)
                .build());
        Incident open = Incidents.open("INC-C4A", "#alerts");
        List<String> responders =
                List.of("alice@example.com", "bob@example.com", "carol@example.com", "nobody@example.com");

        harness.send(
                Incidents.post(open), Incidents.channel(NotificationCommand.Type.CHANNEL_CREATE, open, responders));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        SlackChannel channel = slack.channel("inc-c4a").orElseThrow();
        assertThat(channel.isPrivate()).isTrue();
        assertThat(channel.hasMember(user("alice"))).isTrue();
        assertThat(channel.hasMember(user("bob"))).isTrue();
        assertThat(channel.hasMember(user("carol"))).as("opted out").isFalse();
        assertThat(harness.incidentMessages("#alerts", "INC-C4A").get(0).visibleText())
                .contains("<#" + channel.id() + ">");

        Incident acked = Incidents.next(open, IncidentState.ACKNOWLEDGED);
        harness.send(
                Incidents.update(acked),
                Incidents.channel(NotificationCommand.Type.CHANNEL_KICK, acked, List.of("bob@example.com")));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        assertThat(slack.channel(channel.id()).orElseThrow().hasMember(user("bob")))
                .isFalse();
        assertThat(harness.incidentMessages("#alerts", "INC-C4A").get(0).visibleText())
                .as("the link stays on later edits")
                .contains("<#" + channel.id() + ">");

        Instant resolvedAt = Instant.now();
        harness.send(Incidents.update(Incidents.resolvedAt(Incidents.next(acked, IncidentState.RESOLVED), resolvedAt)));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        assertThat(slack.channel(channel.id()).orElseThrow().isArchived())
                .as("not before its time")
                .isFalse();

        Awaitility.await()
                .atMost(ARCHIVE_AFTER.plusSeconds(10))
                .until(() -> slack.channel(channel.id()).orElseThrow().isArchived());
        ApiCall archive = slack.calls("conversations.archive").get(0);
        assertThat(archive.at()).isAfterOrEqualTo(resolvedAt.plus(ARCHIVE_AFTER).minusMillis(5));
        assertThat(harness.counter("alertbridge.slack.channels.created")).isEqualTo(1);
        assertThat(harness.counter("alertbridge.slack.channels.archived")).isEqualTo(1);
        assertThat(harness.counter("alertbridge.slack.channels.invited")).isEqualTo(2);
        assertThat(slack.calls("conversations.create")).hasSize(1);
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldAdoptTheChannelItCreatedWhenSlacksAnswerNeverArrived() {
        SlackSinkConfig impatient = new SlackSinkConfig(
                slack.apiUrl(),
                slack.botToken(),
                null,
                harness.prefix,
                harness.group,
                null,
                null,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                null,
                null,
                null,
                null);
        harness.start(impatient);
        Incident open = Incidents.open("INC-C4B", "#alerts");
        harness.send(Incidents.post(open));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        // Slack creates the channel but answers after the client gave up: the retry meets name_taken.
        slack.delay(Duration.ofSeconds(3));
        harness.send(Incidents.channel(NotificationCommand.Type.CHANNEL_CREATE, open, List.of("alice@example.com")));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> slack.channel("inc-c4b")
                .isPresent());
        slack.resetFaults();
        harness.awaitAllCommitted(Duration.ofSeconds(60));

        assertThat(slack.channels())
                .filteredOn(c -> c.name().startsWith("inc-c4b"))
                .hasSize(1);
        assertThat(slack.calls("conversations.create"))
                .extracting(ApiCall::error)
                .contains("name_taken");
        SlackChannel channel = slack.channel("inc-c4b").orElseThrow();
        assertThat(channel.hasMember(user("alice"))).isTrue();
        assertThat(harness.incidentMessages("#alerts", "INC-C4B").get(0).visibleText())
                .contains("<#" + channel.id() + ">");
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldAnswerWhoAskedInTheThreadWhenSlackRefusesARemovalOrThereIsNoChannel() {
        harness.start(harness.config());
        Incident open = Incidents.open("INC-C4C", "#alerts");
        Incident other = Incidents.open("INC-C4D", "#alerts");
        harness.send(
                Incidents.post(open),
                Incidents.channel(NotificationCommand.Type.CHANNEL_CREATE, open, List.of("bob@example.com")),
                Incidents.post(other));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        SlackChannel channel = slack.channel("inc-c4c").orElseThrow();
        String alice = user("alice");
        String bob = user("bob");

        slack.restrictKicks(true);
        harness.send(
                NotificationCommand.membership(
                        "kick-1", NotificationCommand.Type.CHANNEL_KICK, open, List.of(bob), alice, Instant.now()),
                NotificationCommand.membership(
                        "invite-1",
                        NotificationCommand.Type.CHANNEL_INVITE,
                        other,
                        List.of(bob),
                        alice,
                        Instant.now()));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        assertThat(slack.channel(channel.id()).orElseThrow().hasMember(bob)).isTrue();
        assertThat(harness.replies(
                        harness.incidentMessages("#alerts", "INC-C4C").get(0)))
                .extracting(SlackMessage::visibleText)
                .containsExactly("<@" + alice + "> This workspace's settings do not let me remove people from "
                        + "channels. A workspace admin can change that, or do it by hand.");
        assertThat(harness.replies(
                        harness.incidentMessages("#alerts", "INC-C4D").get(0)))
                .extracting(SlackMessage::visibleText)
                .containsExactly("<@" + alice + "> INC-C4D has no channel of its own.");
        assertThat(harness.deadLetters()).isEmpty();
    }

    private String user(String name) {
        return slack.user(name).map(SlackUser::id).orElseThrow();
    }
}
