package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static io.alertbridge.processor.incident.Fixtures.alarm;
import static io.alertbridge.processor.incident.Fixtures.routed;
import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    private static final Incident INCIDENT = Lifecycle.open(
                    "INC-7F3A", 7, routed(alarm("cpu", "i-1", FIRING, T0), Fixtures.route("web", "#web", List.of())))
            .incident();

    @Test
    void shouldDeriveCommandIdsFromTheChangeTheyCarry() {
        assertThat(Commands.post(INCIDENT, List.of(), T0).commandId()).isEqualTo("INC-7F3A:post");
        assertThat(Commands.update(INCIDENT, T0).commandId())
                .isEqualTo(Commands.update(INCIDENT, T0.plusSeconds(99)).commandId())
                .isEqualTo("INC-7F3A:v7:update");
        assertThat(Commands.escalation(INCIDENT, 2, "<!here>", T0).commandId()).isEqualTo("INC-7F3A:v7:escalation-2");
    }

    @Test
    void shouldKeyEveryIncidentCommandByGroupKeyAndDigestsByChannel() {
        DigestState digest = new DigestState("web-1", T0, 3, 9, null, 3, 2, 0, false, null, 0, 0, null, 0, null);

        assertThat(Commands.update(INCIDENT, T0).groupKey()).isEqualTo(INCIDENT.groupKey());
        NotificationCommand command = Commands.digest("#web", digest, T0);
        assertThat(command.groupKey()).isEqualTo("digest:#web");
        assertThat(command.commandId()).isEqualTo("digest:web-1:v2");
        assertThat(command.digest().alertCount()).isEqualTo(9);
    }

    @Test
    void shouldMentionTheRoutesPeopleOnTheFirstPostOnly() {
        assertThat(Commands.post(INCIDENT, List.of("<!subteam^S1>", "<@U2>"), T0)
                        .mention())
                .isEqualTo("<!subteam^S1> <@U2>");
        assertThat(Commands.post(INCIDENT, List.of(), T0).mention()).isNull();
        assertThat(Commands.update(INCIDENT, T0).mention()).isNull();
        assertThat(Commands.escalation(INCIDENT, 1, "<!here>", T0).mention())
                .as("a reminder pings nobody")
                .isNull();
    }

    @Test
    void shouldSummariseALongReply() {
        List<TimelineEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(new TimelineEntry(T0.plusSeconds(i), TimelineEntry.Kind.ALERT_FIRING, "line " + i, null));
        }

        String text = Commands.reply(INCIDENT, entries, T0).text();

        assertThat(text.lines()).hasSize(Commands.MAX_REPLY_LINES + 1);
        assertThat(text)
                .startsWith("10:00:05 UTC  line 5")
                .endsWith("(and 5 earlier changes, on the incident's timeline)");
    }

    @Test
    void shouldNameIncidentChannelsAsSlackAllows() {
        assertThat(Commands.channelName("inc-", "INC-7F3A")).isEqualTo("inc-7f3a");
        assertThat(Commands.channelName("Ops Incident #", "INC-7F3A")).isEqualTo("ops-incident--7f3a");
    }

    @Test
    void shouldProduceCommandsThatSatisfyTheContract() {
        List<NotificationCommand> commands = List.of(
                Commands.post(INCIDENT, List.of("<!here>"), T0),
                Commands.update(INCIDENT, T0),
                Commands.reply(INCIDENT, INCIDENT.timeline(), T0),
                Commands.escalation(INCIDENT, 2, "<!here>", T0),
                Commands.channelCreate(
                        INCIDENT,
                        new io.alertbridge.schemas.model.RouteRule.IncidentChannelOption(
                                true, null, List.of("a@b.c"), null),
                        T0),
                Commands.channelInvite(INCIDENT, List.of("d@e.f"), T0),
                Commands.channelArchive(INCIDENT, T0),
                Commands.digest(
                        "#web",
                        new DigestState("web-1", T0, 1, 1, null, 1, 1, 0, false, null, 0, 0, null, 0, null),
                        T0));

        for (NotificationCommand command : commands) {
            assertThat(ContractSchemas.validate(
                            "NotificationCommand", Json.mapper().valueToTree(command)))
                    .as(command.type().name())
                    .isEmpty();
        }
        assertThat(commands).extracting(NotificationCommand::type).contains(Type.CHANNEL_ARCHIVE);
    }
}
