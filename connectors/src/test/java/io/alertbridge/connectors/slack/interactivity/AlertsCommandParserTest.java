package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Act;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Alarm;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Help;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Invalid;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.ListIncidents;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Membership;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Parsed;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Show;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Silence;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Why;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction.ActionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsCommandParserTest {

    private static AlertsRequest parse(String text) {
        return AlertsCommandParser.parse(text).request();
    }

    @Test
    void shouldReadAnInvitationOfAMentionedPersonToANamedIncident() {
        assertThat(parse("invite <@U0BOB|bob> INC-7F3A"))
                .isEqualTo(new Membership(ActionType.INVITE, "U0BOB", "INC-7F3A", null));
    }

    @Test
    void shouldReadRemoveAndKickAlikeWithTheIncidentImpliedAndAReason() {
        assertThat(parse("remove <@U0BOB> rotated off"))
                .isEqualTo(new Membership(ActionType.REMOVE, "U0BOB", null, "rotated off"));
        assertThat(parse("KICK <@W0BOB|bob> inc-7f3a"))
                .isEqualTo(new Membership(ActionType.REMOVE, "W0BOB", "inc-7f3a", null));
        assertThat(parse("kick U0BOB")).isEqualTo(new Membership(ActionType.REMOVE, "U0BOB", null, null));
    }

    @Test
    void shouldExplainAPlainTextHandleOrAMissingPerson() {
        assertThat(parse("remove @bob INC-7F3A")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("`@bob`")
                .contains("Escape channels, users, and links"));
        assertThat(parse("invite")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("invite @person"));
        assertThat(parse("invite INC-7F3A")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("as a mention"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "help", "HELP", "?"})
    void shouldAnswerHelpForNothingOrHelp(String text) {
        assertThat(parse(text)).isInstanceOf(Help.class);
    }

    @Test
    void shouldAnswerHelpForNull() {
        assertThat(parse(null)).isInstanceOf(Help.class);
    }

    @Test
    void shouldListEverythingWithoutFilters() {
        assertThat(parse("list")).isEqualTo(new ListIncidents(ListFilter.ALL));
    }

    @Test
    void shouldListOnlyHeldIncidentsWithHeld() {
        ListIncidents held = (ListIncidents) parse("list --held severity=critical");

        assertThat(held.held()).isTrue();
        assertThat(held.filter().severities()).containsExactly(Severity.CRITICAL);
        assertThat(((ListIncidents) parse("list held")).held()).isTrue();
        assertThat(((ListIncidents) parse("list")).held()).isFalse();
    }

    @Test
    void shouldReadListFiltersInEitherSeparator() {
        ListIncidents list = (ListIncidents) parse("list channel=#Payments-Alerts severity:crit,error service=API");
        assertThat(list.filter().channels()).containsExactly("payments-alerts");
        assertThat(list.filter().severities()).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.ERROR);
        assertThat(list.filter().services()).containsExactly("api");
    }

    @Test
    void shouldReadSlackChannelMentionsAndBareWords() {
        ListIncidents list = (ListIncidents) parse("list <#C0123ABCD|alerts> warning #ops here");
        assertThat(list.filter().channels()).containsExactlyInAnyOrder("c0123abcd", "alerts", "ops", "here");
        assertThat(list.filter().severities()).containsExactly(Severity.WARNING);
        assertThat(list.filter().resolveHere("C999", "war-room").channels())
                .containsExactlyInAnyOrder("c0123abcd", "alerts", "ops", "c999", "war-room");
    }

    @Test
    void shouldRefuseUnknownFiltersWithTheKnownOnes() {
        assertThat(parse("list colour=red")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("colour")
                .contains("severity="));
        assertThat(parse("list severity=loud")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("loud"));
        assertThat(parse("list banana")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("banana"));
    }

    @Test
    void shouldReadShowAndActions() {
        assertThat(parse("show INC-7F3A")).isEqualTo(new Show("INC-7F3A"));
        assertThat(parse("why INC-7F3A")).isEqualTo(new Why("INC-7F3A"));
        assertThat(parse("explain inc-7f3a")).isEqualTo(new Why("inc-7f3a"));
        assertThat(parse("ack inc-7f3a")).isEqualTo(new Act(ActionType.ACKNOWLEDGE, "inc-7f3a", null, null));
        assertThat(parse("acknowledge INC-1")).isEqualTo(new Act(ActionType.ACKNOWLEDGE, "INC-1", null, null));
        assertThat(parse("unack INC-1")).isEqualTo(new Act(ActionType.UNACKNOWLEDGE, "INC-1", null, null));
        assertThat(parse("resolve INC-1 fixed by rollback"))
                .isEqualTo(new Act(ActionType.RESOLVE, "INC-1", null, "fixed by rollback"));
        assertThat(parse("snooze INC-1 2h")).isEqualTo(new Act(ActionType.SNOOZE, "INC-1", "2h", null));
        assertThat(parse("snooze INC-1 tomorrow waiting for vendor"))
                .isEqualTo(new Act(ActionType.SNOOZE, "INC-1", "tomorrow", "waiting for vendor"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "show",
                "show INC-1 INC-2",
                "why",
                "why INC-1 INC-2",
                "ack",
                "resolve",
                "snooze INC-1",
                "snooze",
                "ack <@U1>"
            })
    void shouldExplainMissingOrMalformedIncidentArguments(String text) {
        assertThat(parse(text)).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("INC-7F3A"));
    }

    @Test
    void shouldExplainUnknownVerbs() {
        assertThat(parse("delete INC-1")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("delete")
                .contains("list"));
    }

    @Test
    void shouldReadSilenceWithCommaSeparatedMatchersDurationAndReason() {
        Silence silence = (Silence) parse("silence service=api,env!=dev 2h deploying v2");
        assertThat(silence.matchers()).containsExactly(Matcher.parse("service=api"), Matcher.parse("env!=dev"));
        assertThat(silence.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(silence.reason()).isEqualTo("deploying v2");
    }

    @Test
    void shouldKeepCommasInsideARegexAndSpacesInsideQuotes() {
        Silence silence = (Silence) parse("silence resource=~\"db-[0-9]{1,3}\" alarm=“High CPU” 30m");
        assertThat(silence.matchers())
                .containsExactly(Matcher.parse("resource=~db-[0-9]{1,3}"), Matcher.parse("alarm=High CPU"));
        assertThat(silence.reason()).isNull();
    }

    @Test
    void shouldExplainBadSilences() {
        assertThat(parse("silence 2h")).isInstanceOf(Invalid.class);
        assertThat(parse("silence service=api")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("how long"));
        assertThat(parse("silence service=api soon")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("soon"));
        assertThat(parse("silence service=~[ 2h")).isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                .contains("not a matcher"));
    }

    @Test
    void shouldShareTheAnswerOnlyWhenAskedWithPublic() {
        Parsed shared = AlertsCommandParser.parse("list --public severity=critical");
        assertThat(shared.inChannel()).isTrue();
        assertThat(((ListIncidents) shared.request()).filter().severities()).isEqualTo(Set.of(Severity.CRITICAL));
        assertThat(AlertsCommandParser.parse("list").inChannel()).isFalse();
    }

    @Test
    void shouldReadTheRestOfTheLineAsTheAlarmNameWithSlacksEntitiesUndone() {
        Parsed parsed = AlertsCommandParser.parse("alarm checkout p99 &gt; 2s &amp;&lt;x&gt; --public");

        assertThat(parsed.request()).isEqualTo(new Alarm("checkout p99 > 2s &<x>"));
        assertThat(parsed.inChannel()).isTrue();
        assertThat(AlertsCommandParser.parse("alarm \"a  b\"").request()).isEqualTo(new Alarm("a  b"));
        assertThat(AlertsCommandParser.unescapeSlack("&amp;lt;")).isEqualTo("&lt;");
    }

    @Test
    void shouldRefuseAnAlarmNameThatIsMissingTooLongOrHoldsControlCharacters() {
        assertThat(AlertsCommandParser.parse("alarm").request()).isInstanceOf(Invalid.class);
        assertThat(AlertsCommandParser.parse("alarm " + "x".repeat(256)).request())
                .isInstanceOf(Invalid.class);
        assertThat(AlertsCommandParser.parse("alarm " + "x".repeat(255)).request())
                .isInstanceOf(Alarm.class);
        assertThat(AlertsCommandParser.parse("alarm a\u0007b").request()).isInstanceOf(Invalid.class);
    }
}
