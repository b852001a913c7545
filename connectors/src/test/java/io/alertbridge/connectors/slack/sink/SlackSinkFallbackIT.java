package io.alertbridge.connectors.slack.sink;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the sink does with Slack answers a retry cannot fix: a fallback where one exists, else the DLQ. */
@ExtendWith(DevkitExtension.class)
class SlackSinkFallbackIT {

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
    void shouldJoinAPublicChannelTheBotIsNotIn() {
        harness.start(harness.config());

        harness.send(Incidents.post(Incidents.open("INC-J01", "#random")));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        assertThat(harness.incidentMessages("#random", "INC-J01")).hasSize(1);
        assertThat(slack.calls("conversations.join")).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).extracting(c -> c.error()).containsExactly("not_in_channel", null);
    }

    @Test
    void shouldPostToTheDefaultChannelSayingWhyWhenTheRoutesChannelDoesNotExist() {
        harness.start(harness.config());

        harness.send(Incidents.post(Incidents.open("INC-D01", "#no-such-channel")));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        List<SlackMessage> messages = harness.incidentMessages("#alerts", "INC-D01");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).text()).contains("Posted here because #no-such-channel answered channel_not_found");
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldPostANewMessageWhenTheOldOneWasDeleted() throws Exception {
        harness.start(harness.config());
        Incident open = Incidents.open("INC-G01", "#alerts");
        harness.send(Incidents.post(open));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        SlackMessage first = harness.incidentMessages("#alerts", "INC-G01").get(0);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        Slack sdk = Slack.getInstance(config);
        try {
            assertThat(sdk.methods(slack.botToken())
                            .chatDelete(r -> r.channel(first.channel()).ts(first.ts()))
                            .isOk())
                    .isTrue();
        } finally {
            sdk.close();
        }

        harness.send(Incidents.update(Incidents.next(open, IncidentState.ACKNOWLEDGED)));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        List<SlackMessage> messages = harness.incidentMessages("#alerts", "INC-G01");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).ts()).isNotEqualTo(first.ts());
        assertThat(SinkHarness.version(messages.get(0))).isEqualTo(2);
    }

    @Test
    void shouldDeadLetterWhatCannotBeDoneWithTheReasonAndGoOn() {
        harness.start(harness.config());
        Incident orphan = Incidents.open("INC-X01", "#alerts");
        Incident fine = Incidents.open("INC-OK1", "#alerts");

        harness.sendRaw("g", "{not json".getBytes(StandardCharsets.UTF_8));
        harness.send(Incidents.reply(orphan, 1, "nobody posted my parent"), Incidents.post(fine));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        assertThat(harness.incidentMessages("#alerts", "INC-OK1")).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(2);
        DeadLetter unreadable = DeadLetter.readFrom(dead.get(0).headers());
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(unreadable.stage()).isEqualTo("slack-sink");
        assertThat(unreadable.source()).isEqualTo(harness.topics.notifications().name());
        assertThat(unreadable.errorClass()).contains("SerializationException");
        assertThat(unreadable.offset()).isZero();
        DeadLetter orphanReply = DeadLetter.readFrom(dead.get(1).headers());
        assertThat(orphanReply.errorClass()).isEqualTo("no_parent_message");
        assertThat(orphanReply.errorMessage()).contains("INC-X01");
        assertThat(orphanReply.offset()).isEqualTo(1);
        assertThat(harness.counter("alertbridge.slack.deadletters")).isEqualTo(2);
    }

    @Test
    void shouldRefuseToStartNamingTheVariableWhenSlackRejectsATokenThatNeverWorked() {
        SlackSinkConfig config =
                harness.config().toBuilder().apiUrl(slack.apiUrl()).build();
        SlackSinkConfig wrong = new SlackSinkConfig(
                config.apiUrl(),
                "xoxb-wrong-token-value",
                null,
                harness.prefix,
                harness.group,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        harness.send(Incidents.post(Incidents.open("INC-T01", "#alerts")));

        assertThatThrownBy(() -> harness.start(wrong))
                .isInstanceOf(TokenWatch.RefusedToStart.class)
                .hasMessageContaining("SLACK_BOT_TOKEN")
                .hasMessageContaining("invalid_auth")
                .hasMessageNotContaining("wrong-token");
        assertThat(slack.messages("#alerts")).isEmpty();
    }

    @Test
    void shouldPauseWhileTheTokenIsRevokedKeepItsPlaceAndResumeWhenItWorksAgain() throws Exception {
        SlackSinkConfig config = harness.config().toBuilder()
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(500))
                .build();
        SlackSink sink = harness.start(config);
        harness.send(Incidents.post(Incidents.open("INC-R01", "#alerts")));
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        slack.revokeToken(true);
        harness.send(Incidents.post(Incidents.open("INC-R02", "#alerts")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> sink.health().state() == SinkHealth.State.TOKEN_REJECTED);

        assertThat(sink.health().degraded()).isTrue();
        assertThat(sink.health().detail().get("slack"))
                .contains("token_revoked")
                .contains("paused");
        assertThat(harness.incidentMessages("#alerts", "INC-R02")).isEmpty();
        assertThat(harness.allCommitted()).isFalse();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> slack.calls("auth.test").stream()
                                .filter(c -> "token_revoked".equals(c.error()))
                                .count()
                        >= 3);

        slack.revokeToken(false);
        harness.awaitAllCommitted(Duration.ofSeconds(30));

        assertThat(harness.incidentMessages("#alerts", "INC-R01")).hasSize(1);
        assertThat(harness.incidentMessages("#alerts", "INC-R02")).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(sink::isReady);
        assertThat(harness.deadLetters()).isEmpty();
    }
}
