package io.alertbridge.schemas;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.serde.CompactSerde;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactSerdeTest {

    private static final Instant T0 = Instant.parse("2023-11-14T22:13:19.472Z");

    private static <T> T roundTrip(Class<T> type, T value) {
        CompactSerde<T> serde = CompactSerde.of(type);
        return serde.deserialize("t", serde.serialize("t", value));
    }

    @Test
    void shouldRoundTripAnIncidentAndAnAlertAsTheJsonSerdeDoes() {
        Incident incident = incident(T0);

        assertThat(roundTrip(Incident.class, incident)).isEqualTo(incident);
        assertThat(roundTrip(AlertEvent.class, JsonSerdeRoundTripTest.alert()))
                .isEqualTo(JsonSerdeRoundTripTest.alert());
    }

    @Test
    void shouldWriteSmallerThanJsonBehindCborsSelfDescribeTag() {
        Incident incident = incident(T0);

        byte[] compact = CompactSerde.of(Incident.class).serialize("t", incident);
        byte[] json = JsonSerde.of(Incident.class).serialize("t", incident);

        assertThat(compact).startsWith((byte) 0xD9, (byte) 0xD9, (byte) 0xF7);
        assertThat(compact.length).isLessThan(json.length);
        // Instants are numbers, not ISO-8601 text.
        assertThat(new String(compact, StandardCharsets.ISO_8859_1)).doesNotContain("2023-11-14T22:13:19.472Z");
    }

    @Test
    void shouldKeepInstantsWithFinerDigitsThanMillisecondsAndTheFarEndsOfTime() {
        for (Instant t : List.of(
                Instant.parse("2023-11-14T22:13:19.472123456Z"),
                Instant.EPOCH,
                Instant.ofEpochMilli(-1),
                Instant.MAX,
                Instant.MIN)) {
            Incident incident = incident(t);

            assertThat(roundTrip(Incident.class, incident).firstSeen()).isEqualTo(t);
        }
    }

    @Test
    void shouldReadJsonWrittenBeforeItSoOldStateStillReadsAfterAnUpgrade() {
        Incident incident = incident(T0);
        byte[] json = JsonSerde.of(Incident.class).serialize("t", incident);

        assertThat(CompactSerde.of(Incident.class).deserialize("t", json)).isEqualTo(incident);
    }

    @Test
    void shouldPassTombstonesThroughAndRejectWhatIsNeitherForm() {
        CompactSerde<Incident> serde = CompactSerde.of(Incident.class);

        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {(byte) 0xD9, (byte) 0xD9, (byte) 0xF7, 0x01}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid Incident on topic t");
        assertThatThrownBy(
                        () -> serde.deserialize("t", new byte[] {(byte) 0xD9, (byte) 0xD9, (byte) 0xF7, (byte) 0xF6}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("null is no value");
        assertThatThrownBy(() -> serde.deserialize("t", "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    private static Incident incident(Instant t) {
        return JsonSerdeRoundTripTest.incidentBuilder()
                .title("api down <&> \"quoted\" caf\u00e9")
                .firstSeen(t)
                .build();
    }
}
