package io.alertbridge.schemas.model;

import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationCommandFactoriesTest {

    private static final Instant T1 = Instant.parse("2026-11-21T09:00:00Z");
    private final Incident incident = IncidentBuilderTest.minimal().build();

    @Test
    void shouldCarryTheSnapshotOnlyOnPostsAndUpdates() {
        NotificationCommand post = NotificationCommand.post("INC-7F3A:post", incident, "<!here>", T1);
        NotificationCommand update = NotificationCommand.update("INC-7F3A:v2:update", incident, T1);
        NotificationCommand reply = NotificationCommand.reply("INC-7F3A:v2:reply", incident, "acknowledged", T1);
        NotificationCommand escalation =
                NotificationCommand.escalation("INC-7F3A:v2:escalation-2", incident, "still open", "<!here>", T1);

        assertThat(List.of(post, update, reply, escalation)).allSatisfy(c -> {
            assertThat(c.groupKey()).isEqualTo(incident.groupKey());
            assertThat(c.incidentId()).isEqualTo(incident.incidentId());
            assertThat(c.channel()).isEqualTo(incident.channel());
            assertThat(c.createdAt()).isEqualTo(T1);
            assertThat(ContractSchemas.validate(
                            "NotificationCommand", Json.mapper().valueToTree(c)))
                    .isEmpty();
        });
        assertThat(post.type()).isEqualTo(Type.POST);
        assertThat(post.incident()).isEqualTo(incident);
        assertThat(post.mention()).isEqualTo("<!here>");
        assertThat(update.incident()).isEqualTo(incident);
        assertThat(reply.incident()).isNull();
        assertThat(reply.text()).isEqualTo("acknowledged");
        assertThat(escalation.incident()).isNull();
        assertThat(escalation.mention()).isEqualTo("<!here>");
    }

    @Test
    void shouldKeyDigestCommandsByTheirChannel() {
        Digest content = new Digest("D-1", T1, 7, 30, List.of());

        NotificationCommand digest = NotificationCommand.digest("digest:D-1:v1", "#alerts", content, T1);
        NotificationCommand escalation =
                NotificationCommand.digestEscalation("digest:D-1:escalation-1", "#alerts", "Reminder", null, T1);

        assertThat(digest.groupKey()).isEqualTo("digest:#alerts").isEqualTo(NotificationCommand.digestKey("#alerts"));
        assertThat(digest.incidentId()).isNull();
        assertThat(digest.digest()).isEqualTo(content);
        assertThat(escalation.groupKey()).isEqualTo("digest:#alerts");
        assertThat(escalation.type()).isEqualTo(Type.ESCALATION);
        assertThat(ContractSchemas.validate("NotificationCommand", Json.mapper().valueToTree(digest)))
                .isEmpty();
    }

    @Test
    void shouldShapeIncidentChannelCommandsAsTheContractSays() {
        List<String> users = List.of("alice@example.com");

        NotificationCommand create =
                NotificationCommand.channelCreate("INC-7F3A:channel-create", incident, "inc-7f3a", users, T1);
        NotificationCommand invite = NotificationCommand.channelChange(
                "INC-7F3A:channel-invite-1", Type.CHANNEL_INVITE, incident, users, T1);
        NotificationCommand archive =
                NotificationCommand.channelChange("INC-7F3A:channel-archive", Type.CHANNEL_ARCHIVE, incident, null, T1);

        assertThat(create.incident()).isEqualTo(incident);
        assertThat(create.channelName()).isEqualTo("inc-7f3a");
        assertThat(create.users()).isEqualTo(users);
        assertThat(invite.incident()).isNull();
        assertThat(invite.users()).isEqualTo(users);
        assertThat(archive.users()).isEmpty();
        assertThatThrownBy(() -> NotificationCommand.channelChange("x", Type.POST, incident, users, T1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST");
    }

    @Test
    void shouldChangeOnlyTheTypeOfACommand() {
        NotificationCommand update = NotificationCommand.update("INC-7F3A:v2:update", incident, T1);

        NotificationCommand asPost = update.withType(Type.POST);

        assertThat(asPost.type()).isEqualTo(Type.POST);
        assertThat(asPost).usingRecursiveComparison().ignoringFields("type").isEqualTo(update);
    }
}
