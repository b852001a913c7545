package io.alertbridge.processor.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How many decoded values a processor keeps in front of a store of each kind. */
class StoreKindTest {

    @Test
    void shouldKeepWhatTheStageAsksPerTaskInFrontOfADurableStore() {
        assertThat(StoreKind.DURABLE.decodedValues(256)).isEqualTo(256);
        assertThat(StoreKind.DURABLE.decodedValues(64)).isEqualTo(64);
    }

    @Test
    void shouldKeepEveryIncidentOfAReplayedStormDecoded() {
        // The storm of the issue: 2,000 alarms from 400 instances; a replay of ten such storms at once still fits.
        assertThat(StoreKind.EPHEMERAL.decodedValues(256)).isGreaterThanOrEqualTo(4_000);
        assertThat(StoreKind.EPHEMERAL.decodedValues(64)).isGreaterThan(StoreKind.DURABLE.decodedValues(64));
    }
}
