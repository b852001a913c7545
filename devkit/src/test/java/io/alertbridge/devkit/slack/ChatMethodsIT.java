package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatDeleteResponse;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** chat.* through the real Slack SDK, strict about the answers' shapes. */
class ChatMethodsIT {

    private LocalSlackWorkspace workspace;
    private SlackSdk sdk;
    private MethodsClient slack;

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        slack = sdk.methods();
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        workspace.close();
    }

    @Test
    void shouldPostBlocksByChannelNameAndAnswerWithTheChannelIdAndTs() throws Exception {
        ChatPostMessageResponse response = slack.chatPostMessage(r ->
                r.channel("#alerts").text("INC-1 firing").blocks(SlackSdk.incidentBlocks("CPU high on payments-api")));

        assertThat(response.isOk()).as(response.getError()).isTrue();
        String alertsId = workspace.channel("alerts").orElseThrow().id();
        assertThat(response.getChannel()).isEqualTo(alertsId);
        assertThat(response.getTs()).matches("\\d{10}\\.\\d{6}");
        assertThat(response.getMessage().getBotId()).isNotBlank();
        assertThat(response.getMessage().getUser()).isEqualTo(workspace.botUserId());
        assertThat(response.getMessage().getBlocks()).hasSize(2);
        List<SlackMessage> messages = workspace.messages("alerts");
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.ts()).isEqualTo(response.getTs());
            assertThat(m.visibleText()).contains("CPU high on payments-api", "Acknowledge", "Resolve");
        });
    }

    @Test
    void shouldPostByChannelIdAndByBareName() throws Exception {
        String id = workspace.channel("#payments-alerts").orElseThrow().id();
        assertThat(slack.chatPostMessage(r -> r.channel(id).text("by id")).isOk())
                .isTrue();
        assertThat(slack.chatPostMessage(r -> r.channel("payments-alerts").text("by name"))
                        .isOk())
                .isTrue();
        assertThat(workspace.messages(id)).extracting(SlackMessage::text).containsExactly("by id", "by name");
    }

    @Test
    void shouldKeepMetadataAndReturnItOnlyWhenAskedFor() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#alerts")
                .text("INC-7F3A")
                .metadata(new Message.Metadata("incident_posted", Map.of("incident_id", "INC-7F3A"))));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();
        String channel = posted.getChannel();

        ConversationsHistoryResponse plain = slack.conversationsHistory(r -> r.channel(channel));
        ConversationsHistoryResponse withMetadata =
                slack.conversationsHistory(r -> r.channel(channel).includeAllMetadata(true));

        assertThat(plain.getMessages())
                .singleElement()
                .extracting(Message::getMetadata)
                .isNull();
        Message.Metadata metadata = withMetadata.getMessages().get(0).getMetadata();
        assertThat(metadata.getEventType()).isEqualTo("incident_posted");
        assertThat(metadata.getEventPayload()).containsEntry("incident_id", "INC-7F3A");
        assertThat(workspace.messages("alerts").get(0).eventType()).isEqualTo("incident_posted");
    }

    @Test
    void shouldThreadRepliesUnderTheirParent() throws Exception {
        ChatPostMessageResponse parent =
                slack.chatPostMessage(r -> r.channel("#alerts").text("INC-1"));
        ChatPostMessageResponse reply = slack.chatPostMessage(
                r -> r.channel(parent.getChannel()).threadTs(parent.getTs()).text("acknowledged by alice"));

        assertThat(reply.isOk()).as(reply.getError()).isTrue();
        assertThat(reply.getMessage().getThreadTs()).isEqualTo(parent.getTs());
        assertThat(workspace.messages("alerts")).singleElement().satisfies(m -> {
            assertThat(m.replyCount()).isEqualTo(1);
            assertThat(m.threadTs()).isEqualTo(parent.getTs());
        });
        assertThat(workspace.replies("alerts", parent.getTs()))
                .singleElement()
                .satisfies(m -> assertThat(m.isReply()).isTrue())
                .extracting(SlackMessage::text)
                .isEqualTo("acknowledged by alice");
        assertThat(slack.chatPostMessage(
                                r -> r.channel("#alerts").threadTs("1.000001").text("x"))
                        .getError())
                .isEqualTo("thread_not_found");
    }

    @Test
    void shouldUpdateTheSameMessageInPlaceKeepingBlocksNotSent() throws Exception {
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#alerts")
                .text("INC-1 firing")
                .blocks(SlackSdk.incidentBlocks("Disk full"))
                .attachments(List.of(
                        Attachment.builder().color("#d00000").text("firing").build())));

        ChatUpdateResponse updated = slack.chatUpdate(
                r -> r.channel(posted.getChannel()).ts(posted.getTs()).text("INC-1 acknowledged"));

        assertThat(updated.isOk()).as(updated.getError()).isTrue();
        assertThat(updated.getTs()).isEqualTo(posted.getTs());
        assertThat(updated.getText()).isEqualTo("INC-1 acknowledged");
        SlackMessage message = workspace.messages("alerts").get(0);
        assertThat(message.isEdited()).isTrue();
        assertThat(message.text()).isEqualTo("INC-1 acknowledged");
        assertThat(message.blocks()).hasSize(2);
        assertThat(message.attachments().get(0).path("color").asText()).isEqualTo("#d00000");
        assertThat(workspace.messages("alerts")).hasSize(1);
    }

    @Test
    void shouldRefuseToUpdateByChannelNameOrUnknownTs() throws Exception {
        ChatPostMessageResponse posted =
                slack.chatPostMessage(r -> r.channel("#alerts").text("INC-1"));

        assertThat(slack.chatUpdate(r -> r.channel("#alerts").ts(posted.getTs()).text("x"))
                        .getError())
                .isEqualTo("channel_not_found");
        assertThat(slack.chatUpdate(r ->
                                r.channel(posted.getChannel()).ts("1.000001").text("x"))
                        .getError())
                .isEqualTo("message_not_found");
        assertThat(slack.chatUpdate(r -> r.channel(posted.getChannel()).ts(posted.getTs()))
                        .getError())
                .isEqualTo("no_text");
    }

    @Test
    void shouldDeleteMessagesAndLeaveATombstoneForAThreadParent() throws Exception {
        ChatPostMessageResponse lone =
                slack.chatPostMessage(r -> r.channel("#alerts").text("lone"));
        ChatPostMessageResponse parent =
                slack.chatPostMessage(r -> r.channel("#alerts").text("parent"));
        slack.chatPostMessage(
                r -> r.channel(parent.getChannel()).threadTs(parent.getTs()).text("reply"));

        ChatDeleteResponse deleted =
                slack.chatDelete(r -> r.channel(lone.getChannel()).ts(lone.getTs()));
        ChatDeleteResponse tombstoned =
                slack.chatDelete(r -> r.channel(parent.getChannel()).ts(parent.getTs()));

        assertThat(deleted.isOk()).as(deleted.getError()).isTrue();
        assertThat(tombstoned.isOk()).as(tombstoned.getError()).isTrue();
        assertThat(workspace.messages("alerts"))
                .singleElement()
                .extracting(SlackMessage::text)
                .isEqualTo("This message was deleted.");
        assertThat(slack.chatDelete(r -> r.channel(lone.getChannel()).ts(lone.getTs()))
                        .getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void shouldGiveAPermalinkToThePage() throws Exception {
        ChatPostMessageResponse posted =
                slack.chatPostMessage(r -> r.channel("#alerts").text("INC-1"));

        ChatGetPermalinkResponse link =
                slack.chatGetPermalink(r -> r.channel(posted.getChannel()).messageTs(posted.getTs()));

        assertThat(link.isOk()).as(link.getError()).isTrue();
        assertThat(link.getPermalink())
                .startsWith(workspace.pageUrl() + "archives/" + posted.getChannel() + "/p")
                .endsWith(posted.getTs().replace(".", ""));
        assertThat(slack.chatGetPermalink(r -> r.channel(posted.getChannel()).messageTs("1.000001"))
                        .getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void shouldAnswerChannelNotFoundNotInChannelAndIsArchived() throws Exception {
        assertThat(slack.chatPostMessage(r -> r.channel("#nowhere").text("x")).getError())
                .isEqualTo("channel_not_found");
        assertThat(slack.chatPostMessage(r -> r.channel("#random").text("x")).getError())
                .isEqualTo("not_in_channel");
        String alerts = workspace.channel("alerts").orElseThrow().id();
        assertThat(slack.conversationsArchive(r -> r.channel(alerts)).isOk()).isTrue();
        assertThat(slack.chatPostMessage(r -> r.channel(alerts).text("x")).getError())
                .isEqualTo("is_archived");
    }

    @Test
    void shouldAnswerNoTextAndMsgTooLong() throws Exception {
        assertThat(slack.chatPostMessage(r -> r.channel("#alerts")).getError()).isEqualTo("no_text");
        String tooLong = "x".repeat(MessageContent.MAX_TEXT + 1);
        assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text(tooLong))
                        .getError())
                .isEqualTo("msg_too_long");
        assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text("x".repeat(MessageContent.MAX_TEXT)))
                        .isOk())
                .isTrue();
    }

    @Test
    void shouldAnswerInvalidBlocksWithSlacksErrorDetails() throws Exception {
        ChatPostMessageResponse response = slack.chatPostMessage(r -> r.channel("#alerts")
                .text("x")
                .blocksAsString("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "y".repeat(3001)
                        + "\"}}]"));

        assertThat(response.isOk()).isFalse();
        assertThat(response.getError()).isEqualTo("invalid_blocks");
        assertThat(response.getErrors())
                .containsExactly("must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
        assertThat(response.getResponseMetadata().getMessages())
                .singleElement()
                .asString()
                .startsWith("[ERROR]");
        assertThat(workspace.messages("alerts")).isEmpty();
    }

    @Test
    void shouldAnswerInvalidBlocksFormatForBlocksThatAreNotJson() throws Exception {
        assertThat(slack.chatPostMessage(r -> r.channel("#alerts").text("x").blocksAsString("[{oops"))
                        .getError())
                .isEqualTo("invalid_blocks_format");
    }

    @Test
    void shouldNotLetTheAppEditMessagesOfPeople() throws Exception {
        String alerts = workspace.channel("alerts").orElseThrow().id();
        String ts = workspace.postAsUser(alerts, "alice", "hello from alice");

        assertThat(slack.chatUpdate(r -> r.channel(alerts).ts(ts).text("x")).getError())
                .isEqualTo("cant_update_message");
        assertThat(slack.chatDelete(r -> r.channel(alerts).ts(ts)).getError()).isEqualTo("cant_delete_message");
    }
}
