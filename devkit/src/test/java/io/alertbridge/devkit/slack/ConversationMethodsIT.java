package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsInviteResponse;
import com.slack.api.methods.response.conversations.ConversationsJoinResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** conversations.* through the real Slack SDK, strict about the answers' shapes. */
class ConversationMethodsIT {

    private LocalSlackWorkspace workspace;
    private SlackSdk sdk;
    private MethodsClient slack;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        slack = sdk.methods();
        alice = workspace.user("alice").orElseThrow().id();
        bob = workspace.user("bob@example.com").orElseThrow().id();
    }

    @AfterEach
    void stop() throws Exception {
        sdk.close();
        workspace.close();
    }

    @Test
    void shouldCreateAPrivateIncidentChannelWithTheBotInIt() throws Exception {
        ConversationsCreateResponse created =
                slack.conversationsCreate(r -> r.name("inc-7f3a-payments").isPrivate(true));

        assertThat(created.isOk()).as(created.getError()).isTrue();
        Conversation channel = created.getChannel();
        assertThat(channel.getId()).startsWith("C");
        assertThat(channel.getName()).isEqualTo("inc-7f3a-payments");
        assertThat(channel.isPrivate()).isTrue();
        assertThat(channel.isMember()).isTrue();
        assertThat(workspace.channel(channel.getId()).orElseThrow().hasMember(workspace.botUserId()))
                .isTrue();
    }

    @Test
    void shouldRefuseTakenAndInvalidNames() throws Exception {
        assertThat(slack.conversationsCreate(r -> r.name("alerts")).getError()).isEqualTo("name_taken");
        assertThat(slack.conversationsCreate(r -> r.name("INC-1")).getError()).isEqualTo("invalid_name_specials");
        assertThat(slack.conversationsCreate(r -> r.name("has space")).getError())
                .isEqualTo("invalid_name_specials");
        assertThat(slack.conversationsCreate(r -> r.name("x".repeat(81))).getError())
                .isEqualTo("invalid_name_maxlength");
        assertThat(slack.conversationsCreate(r -> r.name("---")).getError()).isEqualTo("invalid_name_punctuation");
        assertThat(slack.conversationsCreate(r -> r.name("")).getError()).isEqualTo("invalid_name_required");
    }

    @Test
    void shouldKeepTheNameOfAnArchivedChannelTaken() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-1")).getChannel().getId();
        assertThat(slack.conversationsArchive(r -> r.channel(id)).isOk()).isTrue();

        assertThat(slack.conversationsCreate(r -> r.name("inc-1")).getError()).isEqualTo("name_taken");
        assertThat(slack.conversationsArchive(r -> r.channel(id)).getError()).isEqualTo("already_archived");
        assertThat(workspace.channel("inc-1").orElseThrow().isArchived()).isTrue();
    }

    @Test
    void shouldInviteAndKickPeopleByUserId() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-2").isPrivate(true))
                .getChannel()
                .getId();

        ConversationsInviteResponse invited =
                slack.conversationsInvite(r -> r.channel(id).users(List.of(alice, bob)));
        assertThat(invited.isOk()).as(invited.getError()).isTrue();
        assertThat(workspace.channel(id).orElseThrow().members()).contains(alice, bob);
        assertThat(slack.conversationsInvite(r -> r.channel(id).users(List.of(alice)))
                        .getError())
                .isEqualTo("already_in_channel");

        assertThat(slack.conversationsKick(r -> r.channel(id).user(bob)).isOk()).isTrue();
        assertThat(workspace.channel(id).orElseThrow().hasMember(bob)).isFalse();
        assertThat(slack.conversationsKick(r -> r.channel(id).user(bob)).getError())
                .isEqualTo("not_in_channel");
    }

    @Test
    void shouldAnswerSlacksErrorsForInviteAndKick() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-3")).getChannel().getId();
        assertThat(slack.conversationsInvite(r -> r.channel(id).users(List.of("U0NOBODY00")))
                        .getError())
                .isEqualTo("user_not_found");
        assertThat(slack.conversationsInvite(r -> r.channel(id).users(List.of(workspace.botUserId())))
                        .getError())
                .isEqualTo("cant_invite_self");
        assertThat(slack.conversationsInvite(r -> r.channel("inc-3").users(List.of(alice)))
                        .getError())
                .as("ids only")
                .isEqualTo("channel_not_found");
        assertThat(slack.conversationsKick(r -> r.channel(id).user(workspace.botUserId()))
                        .getError())
                .isEqualTo("cant_kick_self");
        String random = workspace.channel("random").orElseThrow().id();
        assertThat(slack.conversationsInvite(r -> r.channel(random).users(List.of(alice)))
                        .getError())
                .isEqualTo("not_in_channel");
    }

    @Test
    void shouldAnswerKickErrorsAsSlackDocumentsThem() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-4")).getChannel().getId();
        assertThat(slack.conversationsInvite(r -> r.channel(id).users(List.of(alice)))
                        .isOk())
                .isTrue();
        assertThat(slack.conversationsKick(r -> r.channel(id).user("U0NOBODY00"))
                        .getError())
                .isEqualTo("user_not_found");
        String general = workspace.channel("general").orElseThrow().id();
        assertThat(slack.conversationsKick(r -> r.channel(general).user(alice)).getError())
                .isEqualTo("cant_kick_from_general");
        assertThat(slack.conversationsKick(r -> r.channel("C0NOWHERE0").user(alice))
                        .getError())
                .isEqualTo("channel_not_found");

        workspace.restrictKicks(true);
        assertThat(slack.conversationsKick(r -> r.channel(id).user(alice)).getError())
                .isEqualTo("restricted_action");
        assertThat(workspace.channel(id).orElseThrow().hasMember(alice)).isTrue();

        workspace.restrictKicks(false);
        assertThat(slack.conversationsKick(r -> r.channel(id).user(alice)).isOk())
                .isTrue();
    }

    @Test
    void shouldListMembersPageByPageWithCursors() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-5")).getChannel().getId();
        String carol = workspace.user("carol").orElseThrow().id();
        assertThat(slack.conversationsInvite(r -> r.channel(id).users(List.of(alice, bob, carol)))
                        .isOk())
                .isTrue();

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            String from = cursor;
            ConversationsMembersResponse page =
                    slack.conversationsMembers(r -> r.channel(id).limit(3).cursor(from));
            assertThat(page.isOk()).as(page.getError()).isTrue();
            seen.addAll(page.getMembers());
            pageSizes.add(page.getMembers().size());
            cursor = page.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());

        assertThat(seen).containsExactly(workspace.botUserId(), alice, bob, carol);
        assertThat(pageSizes).containsExactly(3, 1);
        assertThat(slack.conversationsMembers(r -> r.channel(id)).getMembers()).hasSize(4);
    }

    @Test
    void shouldAnswerMembersErrors() throws Exception {
        String id = slack.conversationsCreate(r -> r.name("inc-6").isPrivate(true))
                .getChannel()
                .getId();
        assertThat(slack.conversationsMembers(r -> r.channel(id).cursor("bm90LWEtY3Vyc29y"))
                        .getError())
                .isEqualTo("invalid_cursor");
        assertThat(slack.conversationsMembers(r -> r.channel("C0NOWHERE0")).getError())
                .isEqualTo("channel_not_found");
        String random = workspace.channel("random").orElseThrow().id();
        assertThat(slack.conversationsMembers(r -> r.channel(random)).isOk())
                .as("a public channel's members are readable without being in it")
                .isTrue();
    }

    @Test
    void shouldAnswerNotInChannelForMembersOfAPrivateChannelWithoutTheBot() throws Exception {
        try (LocalSlackWorkspace other = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults()
                        .withChannels(List.of(
                                ChannelSpec.publicChannel("general"),
                                ChannelSpec.privateChannel("secret").withoutBot())));
                SlackSdk otherSdk = new SlackSdk(other)) {
            String secret = other.channel("secret").orElseThrow().id();
            assertThat(otherSdk.methods()
                            .conversationsMembers(r -> r.channel(secret))
                            .getError())
                    .isEqualTo("not_in_channel");
        }
    }

    @Test
    void shouldDescribeAChannelWithItsMemberCount() throws Exception {
        String id = workspace.channel("alerts").orElseThrow().id();

        ConversationsInfoResponse info =
                slack.conversationsInfo(r -> r.channel(id).includeNumMembers(true));

        assertThat(info.isOk()).as(info.getError()).isTrue();
        assertThat(info.getChannel().getName()).isEqualTo("alerts");
        assertThat(info.getChannel().getNumOfMembers()).isEqualTo(4);
        assertThat(slack.conversationsInfo(r -> r.channel("alerts")).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void shouldListChannelsPageByPageWithCursors() throws Exception {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = slack.conversationsList(r -> r.limit(2)
                    .cursor(page)
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL)));
            assertThat(list.isOk()).as(list.getError()).isTrue();
            assertThat(list.getChannels()).hasSizeLessThanOrEqualTo(2);
            list.getChannels().forEach(c -> names.add(c.getName()));
            cursor = list.getResponseMetadata().getNextCursor();
        } while (!cursor.isEmpty());

        assertThat(names).containsExactly("general", "alerts", "payments-alerts", "ops-private", "random");
        assertThat(slack.conversationsList(r -> r.limit(100)).getChannels())
                .extracting(Conversation::getName)
                .doesNotContain("ops-private");
    }

    @Test
    void shouldPageHistoryNewestFirst() throws Exception {
        workspace.setRateLimits(false);
        String id = workspace.channel("alerts").orElseThrow().id();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            slack.chatPostMessage(r -> r.channel(id).text("m" + n));
        }

        ConversationsHistoryResponse first =
                slack.conversationsHistory(r -> r.channel(id).limit(3));
        ConversationsHistoryResponse second = slack.conversationsHistory(
                r -> r.channel(id).limit(3).cursor(first.getResponseMetadata().getNextCursor()));

        assertThat(first.isOk()).as(first.getError()).isTrue();
        assertThat(first.isHasMore()).isTrue();
        assertThat(first.getMessages()).extracting(Message::getText).containsExactly("m5", "m4", "m3");
        assertThat(second.getMessages()).extracting(Message::getText).containsExactly("m2", "m1");
        assertThat(second.isHasMore()).isFalse();
        String oldest = first.getMessages().get(1).getTs();
        assertThat(slack.conversationsHistory(r -> r.channel(id).oldest(oldest)).getMessages())
                .extracting(Message::getText)
                .containsExactly("m5");
    }

    @Test
    void shouldAnswerNotInChannelForHistoryOfAChannelWithoutTheBot() throws Exception {
        String random = workspace.channel("random").orElseThrow().id();
        assertThat(slack.conversationsHistory(r -> r.channel(random)).getError())
                .isEqualTo("not_in_channel");
    }

    @Test
    void shouldReturnAThreadParentFirstThenRepliesWithMetadata() throws Exception {
        String id = workspace.channel("alerts").orElseThrow().id();
        String parent = slack.chatPostMessage(r ->
                        r.channel(id).text("INC-1").metadata(new Message.Metadata("incident", Map.of("id", "INC-1"))))
                .getTs();
        slack.chatPostMessage(r -> r.channel(id).threadTs(parent).text("first"));
        slack.chatPostMessage(r -> r.channel(id).threadTs(parent).text("second"));

        ConversationsRepliesResponse thread =
                slack.conversationsReplies(r -> r.channel(id).ts(parent).includeAllMetadata(true));

        assertThat(thread.isOk()).as(thread.getError()).isTrue();
        assertThat(thread.getMessages()).extracting(Message::getText).containsExactly("INC-1", "first", "second");
        assertThat(thread.getMessages().get(0).getReplyCount()).isEqualTo(2);
        assertThat(thread.getMessages().get(0).getMetadata().getEventType()).isEqualTo("incident");
        assertThat(slack.conversationsReplies(r -> r.channel(id).ts("1.000001")).getError())
                .isEqualTo("thread_not_found");
    }

    @Test
    void shouldJoinAPublicChannelAndWarnWhenAlreadyIn() throws Exception {
        String random = workspace.channel("random").orElseThrow().id();

        ConversationsJoinResponse joined = slack.conversationsJoin(r -> r.channel(random));
        ConversationsJoinResponse again = slack.conversationsJoin(r -> r.channel(random));

        assertThat(joined.isOk()).as(joined.getError()).isTrue();
        assertThat(joined.getWarning()).isNull();
        assertThat(again.isOk()).isTrue();
        assertThat(again.getWarning()).isEqualTo("already_in_channel");
        assertThat(slack.chatPostMessage(r -> r.channel("#random").text("now I can"))
                        .isOk())
                .isTrue();
        String secret = slack.conversationsCreate(r -> r.name("secret").isPrivate(true))
                .getChannel()
                .getId();
        assertThat(slack.conversationsJoin(r -> r.channel(secret)).getError())
                .isEqualTo("method_not_supported_for_channel_type");
    }
}
