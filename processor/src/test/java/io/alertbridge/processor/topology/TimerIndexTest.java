package io.alertbridge.processor.topology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimerIndexTest {

    @Test
    void shouldWriteAnInstantInNineteenDigitsWithLeadingZerosSoKeysSortByInstant() {
        assertThat(TimerIndex.digits(0)).isEqualTo("0000000000000000000");
        assertThat(TimerIndex.digits(1_733_350_000_123L)).isEqualTo("0000001733350000123");
        assertThat(TimerIndex.digits(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));

        List<Long> instants = List.of(9L, 10L, 99_999L, 100_000L, 1_733_350_000_123L, 1_733_350_000_124L);
        List<String> keys = new ArrayList<>();
        for (long at : instants) {
            keys.add(TimerIndex.digits(at));
            assertThat(TimerIndex.digits(at)).isEqualTo(String.format("%019d", at));
        }
        assertThat(keys).isSorted();
    }
}
