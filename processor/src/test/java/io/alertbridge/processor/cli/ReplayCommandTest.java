package io.alertbridge.processor.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void shouldReadInstantsAndAges() {
        assertThat(ReplayCommand.time("2026-11-14T00:00:00Z", NOW, "--from"))
                .isEqualTo(Instant.parse("2026-11-14T00:00:00Z"));
        assertThat(ReplayCommand.time("7d", NOW, "--from")).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(ReplayCommand.time("90m", NOW, "--to")).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    }

    @Test
    void shouldNameTheOptionWhenTheTimeIsNeither() {
        assertThatThrownBy(() -> ReplayCommand.time("last tuesday", NOW, "--from"))
                .hasMessageContaining("--from")
                .hasMessageContaining("'last tuesday'");
    }
}
