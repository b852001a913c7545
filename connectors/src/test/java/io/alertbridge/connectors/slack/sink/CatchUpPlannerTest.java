package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.sink.CatchUpPlanner.Step;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CatchUpPlannerTest {

    private final Incident a1 = Incidents.open("INC-A", "#alerts");
    private final Incident a2 = Incidents.next(a1, IncidentState.ACKNOWLEDGED);
    private final Incident a3 = Incidents.next(a2, IncidentState.RESOLVED);
    private final Incident b1 = Incidents.open("INC-B", "#alerts");

    @Test
    void shouldRenderOnlyTheNewestSnapshotInThePlaceOfTheFirst() {
        List<NotificationCommand> batch = List.of(
                Incidents.post(a1),
                Incidents.reply(a1, 1, "acked"),
                Incidents.update(a2),
                Incidents.reply(a1, 2, "resolved"),
                Incidents.update(a3));

        List<Step> plan = CatchUpPlanner.plan(batch);

        assertThat(plan).hasSize(5);
        assertThat(plan.get(0).command().type()).isEqualTo(NotificationCommand.Type.POST);
        assertThat(plan.get(0).command().incident()).isEqualTo(a3);
        assertThat(plan.get(0).command().commandId())
                .isEqualTo(Incidents.update(a3).commandId());
        assertThat(plan.get(1).command()).isEqualTo(batch.get(1));
        assertThat(plan.get(2).superseded()).isTrue();
        assertThat(plan.get(3).command()).isEqualTo(batch.get(3));
        assertThat(plan.get(4).superseded()).isTrue();
    }

    @Test
    void shouldKeepTheMentionOfTheFirstPostWhenANewerSnapshotTakesItsPlace() {
        NotificationCommand post = NotificationCommand.post("post-a1", a1, "<!subteam^S0ONCALL>", a1.lastSeen());
        List<NotificationCommand> batch = List.of(post, Incidents.update(a2));

        NotificationCommand planned = CatchUpPlanner.plan(batch).get(0).command();

        assertThat(planned.type()).isEqualTo(NotificationCommand.Type.POST);
        assertThat(planned.incident()).isEqualTo(a2);
        assertThat(planned.mention()).isEqualTo("<!subteam^S0ONCALL>");
    }

    @Test
    void shouldKeepIncidentsApartAndRunEveryReplyAndChannelCommand() {
        List<NotificationCommand> batch = List.of(
                Incidents.post(a1),
                Incidents.post(b1),
                Incidents.update(a2),
                Incidents.channel(NotificationCommand.Type.CHANNEL_CREATE, a2, List.of("alice@example.com")),
                Incidents.reply(b1, 1, "b"));

        List<Step> plan = CatchUpPlanner.plan(batch);

        assertThat(plan.get(0).command().incident()).isEqualTo(a2);
        assertThat(plan.get(1).command()).isEqualTo(batch.get(1));
        assertThat(plan.get(2).superseded()).isTrue();
        assertThat(plan.get(3).command()).isEqualTo(batch.get(3));
        assertThat(plan.get(4).command()).isEqualTo(batch.get(4));
    }

    @Test
    void shouldNeverLetALowerVersionLaterInTheBatchWin() {
        List<NotificationCommand> batch = List.of(Incidents.update(a3), Incidents.update(a2));

        List<Step> plan = CatchUpPlanner.plan(batch);

        assertThat(plan.get(0).command().incident()).isEqualTo(a3);
        assertThat(plan.get(1).superseded()).isTrue();
    }

    @Test
    void shouldCoalesceDigestsOfOneChannelToTheLast() {
        NotificationCommand d1 = digest(10);
        NotificationCommand d2 = digest(25);

        List<Step> plan = CatchUpPlanner.plan(List.of(d1, d2));

        assertThat(plan.get(0).command().digest().incidentCount()).isEqualTo(25);
        assertThat(plan.get(1).superseded()).isTrue();
    }

    @Test
    void shouldLeaveUnreadableEntriesInPlace() {
        List<NotificationCommand> batch = Arrays.asList(null, Incidents.post(a1), null);

        List<Step> plan = CatchUpPlanner.plan(batch);

        assertThat(plan).extracting(Step::index).containsExactly(0, 1, 2);
        assertThat(plan.get(0).command()).isNull();
        assertThat(plan.get(1).command()).isEqualTo(batch.get(1));
    }

    private static NotificationCommand digest(int count) {
        return NotificationCommand.digest(
                "digest:#alerts:" + count,
                "#alerts",
                new NotificationCommand.Digest("d-1", T0, count, count * 3, List.of()),
                T0);
    }
}
