package io.alertbridge.connectors.slack.sink;

import com.slack.api.model.Message;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.serde.JsonSerde;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The small pure parts of the sink: refs and metadata matching. */
class SinkPartsTest {

    @Test
    void shouldRoundTripARefWithItsIntentThroughJson() {
        SlackRef ref = SlackRef.fresh("INC-7F3A", "INC-7F3A", "g")
                .withPending(new SlackRef.Pending(SlackRef.Kind.MESSAGE, "c1", "C0123", null, T0), T0)
                .withRendered(3, IncidentState.ACKNOWLEDGED, null, T0)
                .withApplied(2, 41, T0);
        JsonSerde<SlackRef> serde = JsonSerde.of(SlackRef.class);

        SlackRef back = serde.fromBytes(serde.toBytes(ref));

        assertThat(back).isEqualTo(ref);
        assertThat(back.alreadyApplied(2, 41)).isTrue();
        assertThat(back.alreadyApplied(2, 42)).isFalse();
        assertThat(back.alreadyApplied(1, 3)).isFalse();
    }

    @Test
    void shouldNeverMoveTheAppliedOffsetBackwardsWithinAPartition() {
        SlackRef ref = SlackRef.fresh("INC-7F3A", "INC-7F3A", "g").withApplied(0, 40, T0);

        assertThat(ref.withApplied(0, 12, T0).sourceOffset()).isEqualTo(40);
        assertThat(ref.withApplied(0, 41, T0).sourceOffset()).isEqualTo(41);
        assertThat(ref.withApplied(1, 3, T0).sourceOffset()).isEqualTo(3);
    }

    @Test
    void shouldFindAMessageByItsMetadataOnly() {
        Message other = message("1.1", "alertbridge_incident", Map.of("incident_id", "INC-OTHER"));
        Message plain = new Message();
        plain.setTs("1.2");
        Message mine = message("1.3", "alertbridge_incident", Map.of("incident_id", "INC-7F3A"));
        Message reply = message("1.4", "alertbridge_timeline", Map.of("incident_id", "INC-7F3A", "command_id", "c9"));

        assertThat(MessageReconciler.match(
                        List.of(other, plain, mine, reply), "alertbridge_incident", "incident_id", "INC-7F3A"))
                .contains("1.3");
        assertThat(MessageReconciler.match(
                        List.of(other, plain, reply), "alertbridge_incident", "incident_id", "INC-7F3A"))
                .isEmpty();
        assertThat(MessageReconciler.match(List.of(reply), "alertbridge_timeline", "command_id", "c9"))
                .contains("1.4");
        assertThat(MessageReconciler.match(null, "alertbridge_timeline", "command_id", "c9"))
                .isEmpty();
    }

    private static Message message(String ts, String type, Map<String, Object> payload) {
        Message m = new Message();
        m.setTs(ts);
        m.setMetadata(new Message.Metadata(type, payload));
        return m;
    }
}
