package io.alertbridge.connectors.slack.channels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipAnswersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "false|cant_kick_self|I cannot remove myself from the channel of INC-7F3A",
                "false|not_in_channel|<@U2> is not in the channel of INC-7F3A, so there was nobody to remove.",
                "true|not_in_channel|I am no longer in the channel of INC-7F3A",
                "false|cant_kick_from_general|Nobody can be removed from the workspace's general channel.",
                "false|restricted_action|do not let me remove people from channels",
                "true|restricted_action|do not let me invite people to channels",
                "true|already_in_channel|<@U2> is already in the channel of INC-7F3A.",
                "true|user_not_found|Slack does not know <@U2>",
                "false|is_archived|The channel of INC-7F3A is archived",
                "true|no_incident_channel|INC-7F3A has no channel of its own.",
                "false|team_access_not_granted|Slack refused to remove <@U2> from the channel of INC-7F3A "
                        + "(team_access_not_granted)."
            })
    void shouldAnswerSlacksRefusalsInPlainWords(boolean invite, String error, String expected) {
        String answer = MembershipAnswers.refusal(invite, "<@U2>", "INC-7F3A", error);

        assertThat(answer).contains(expected).doesNotContain("_kick_", "_action");
    }
}
