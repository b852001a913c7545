package io.alertbridge.processor.incident;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentIdsTest {

    @Test
    void shouldBeShortAndReadable() {
        String id = IncidentIds.format(0, 0);

        assertThat(id).matches("INC-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(IncidentIds.format(3, 999)).hasSize(8);
    }

    @Test
    void shouldNeverRepeatAcrossPartitionsAndSequences() {
        Set<String> seen = new HashSet<>();
        for (int partition = 0; partition < 64; partition++) {
            for (long sequence = 0; sequence < 2_000; sequence++) {
                assertThat(seen.add(IncidentIds.format(partition, sequence)))
                        .as("partition %d, sequence %d", partition, sequence)
                        .isTrue();
            }
        }
        assertThat(seen).allMatch(id -> id.matches("^INC-[0-9A-Z]+$"));
    }

    @Test
    void shouldNotLookAlikeForConsecutiveIncidents() {
        assertThat(IncidentIds.format(0, 1).substring(4, 6))
                .isNotEqualTo(IncidentIds.format(0, 2).substring(4, 6));
    }

    @Test
    void shouldGrowWhenFourCharactersAreUsedUp() {
        assertThat(IncidentIds.format(0, 1_023)).hasSize(8);
        assertThat(IncidentIds.format(0, 1_024)).hasSize(9);
    }

    @Test
    void shouldRejectPartitionsItCannotTellApart() {
        assertThatThrownBy(() -> IncidentIds.format(IncidentIds.MAX_PARTITIONS, 0))
                .hasMessageContaining("partition");
    }
}
