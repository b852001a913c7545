package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** auth.test, users.*, authentication and configuration, through the real Slack SDK. */
class UserMethodsIT {

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
    void shouldAnswerAuthTestWithTheBotsIdentity() throws Exception {
        AuthTestResponse auth = slack.authTest(r -> r);

        assertThat(auth.isOk()).as(auth.getError()).isTrue();
        assertThat(auth.getTeamId()).isEqualTo(workspace.teamId());
        assertThat(auth.getUserId()).isEqualTo(workspace.botUserId());
        assertThat(auth.getBotId()).startsWith("B");
        assertThat(auth.getUser()).isEqualTo("alertbridge");
    }

    @Test
    void shouldAnswerInvalidAuthForAWrongToken() throws Exception {
        // not_authed (no token at all) is shown at the HTTP level in WebApiHttpIT: the SDK always sends one.
        assertThat(sdk.methods("xoxb-wrong")
                        .chatPostMessage(r -> r.channel("#alerts").text("x"))
                        .getError())
                .isEqualTo("invalid_auth");
        assertThat(workspace.messages("alerts")).isEmpty();
    }

    @Test
    void shouldLookUpPeopleByEmailIgnoringCase() throws Exception {
        UsersLookupByEmailResponse found = slack.usersLookupByEmail(r -> r.email("Alice@Example.com"));

        assertThat(found.isOk()).as(found.getError()).isTrue();
        assertThat(found.getUser().getId())
                .isEqualTo(workspace.user("alice").orElseThrow().id());
        assertThat(found.getUser().getProfile().getEmail()).isEqualTo("alice@example.com");
        assertThat(found.getUser().getRealName()).isEqualTo("Alice Ops");
        assertThat(slack.usersLookupByEmail(r -> r.email("nobody@example.com")).getError())
                .isEqualTo("users_not_found");
    }

    @Test
    void shouldDescribeAUserById() throws Exception {
        String bob = workspace.user("bob").orElseThrow().id();

        UsersInfoResponse info = slack.usersInfo(r -> r.user(bob));

        assertThat(info.isOk()).as(info.getError()).isTrue();
        assertThat(info.getUser().getName()).isEqualTo("bob");
        assertThat(info.getUser().isBot()).isFalse();
        assertThat(slack.usersInfo(r -> r.user(workspace.botUserId())).getUser().isBot())
                .isTrue();
        assertThat(slack.usersInfo(r -> r.user("U0NOBODY00")).getError()).isEqualTo("user_not_found");
    }

    @Test
    void shouldStartWithConfiguredChannelsUsersAndToken() throws Exception {
        LocalSlackWorkspace.Config config = LocalSlackWorkspace.Config.defaults()
                .withBotToken("xoxb-custom")
                .withUsers(List.of(new UserSpec("dave", "Dave Oncall", "dave@corp.example")))
                .withChannels(List.of(
                        ChannelSpec.publicChannel("#sre"),
                        ChannelSpec.privateChannel("leadership").withoutBot()));
        try (LocalSlackWorkspace custom = LocalSlackWorkspace.start(config);
                SlackSdk customSdk = new SlackSdk(custom)) {
            MethodsClient client = customSdk.methods("xoxb-custom");
            String dave = custom.user("dave@corp.example").orElseThrow().id();
            String hidden = custom.channel("leadership").orElseThrow().id();

            assertThat(client.chatPostMessage(r -> r.channel("#sre").text("hi")).isOk())
                    .isTrue();
            assertThat(custom.channel("sre").orElseThrow().members()).contains(dave, custom.botUserId());
            assertThat(client.conversationsInfo(r -> r.channel(hidden)).getError())
                    .as("a private channel without the bot does not exist for it")
                    .isEqualTo("channel_not_found");
            assertThat(client.chatPostMessage(r -> r.channel("#leadership").text("x"))
                            .getError())
                    .isEqualTo("channel_not_found");
        }
    }
}
