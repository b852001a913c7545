package io.alertbridge.processor.incident;

import io.alertbridge.schemas.serde.CompactSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelStateTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void shouldCountTheLastMinutesArrivalsInAtMostSixtyEntriesWhateverTheRate() {
        ChannelState.Builder channel = ChannelState.empty("#alerts").toBuilder();
        int recent = 0;
        // 100,000 new incidents over 100 seconds: 1,000 a second.
        for (int i = 0; i < 100_000; i++) {
            recent = channel.arrived(T0.plusMillis(i));
        }
        ChannelState state = channel.build();

        assertThat(state.arrivalsPerSecond()).hasSizeLessThanOrEqualTo(60);
        Instant last = T0.plusMillis(99_999);
        assertThat(recent)
                .as("the seconds 40..99 after T0, the last one counted so far")
                .isEqualTo(60_000);
        assertThat(state.toBuilder().arrivalsInLastMinute(last.plus(Duration.ofSeconds(30))))
                .isEqualTo(30_000);
        assertThat(state.toBuilder().arrivalsInLastMinute(last.plus(Duration.ofMinutes(1))))
                .isZero();
    }

    @Test
    void shouldReadStateWrittenAsAListOfInstantsIntoCountsPerSecond() {
        String legacy = "{\"channel\":\"#alerts\",\"nextPostAt\":\"1970-01-01T00:00:00Z\",\"updates\":[],"
                + "\"channelOps\":[],\"arrivals\":[\"2026-12-02T10:00:00.100Z\",\"2026-12-02T10:00:00.900Z\","
                + "\"2026-12-02T10:00:05Z\"],\"stormSince\":null,\"stormLimit\":0,\"digest\":null,\"dueAt\":null}";

        ChannelState state = CompactSerde.of(ChannelState.class)
                .deserializer()
                .deserialize("t", legacy.getBytes(StandardCharsets.UTF_8));

        assertThat(state.arrivals()).isEmpty();
        assertThat(state.arrivalsPerSecond())
                .containsExactly(
                        new ChannelState.SecondCount(T0.getEpochSecond(), 2),
                        new ChannelState.SecondCount(T0.getEpochSecond() + 5, 1));
        assertThat(state.toBuilder().arrivalsInLastMinute(T0.plusSeconds(10))).isEqualTo(3);
    }

    @Test
    void shouldKeepItsCountsAcrossTheStateStoresSerde() {
        ChannelState.Builder channel = ChannelState.empty("#alerts").toBuilder();
        channel.arrived(T0);
        channel.arrived(T0.plusMillis(400));
        channel.arrived(T0.plusSeconds(3));
        CompactSerde<ChannelState> serde = CompactSerde.of(ChannelState.class);

        ChannelState read =
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", channel.build()));

        assertThat(read).isEqualTo(channel.build());
        assertThat(read.toBuilder().arrivalsInLastMinute(T0.plusSeconds(3))).isEqualTo(3);
    }
}
