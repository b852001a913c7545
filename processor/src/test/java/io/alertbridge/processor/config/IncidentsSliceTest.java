package io.alertbridge.processor.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentsSliceTest {

    @Test
    void shouldBindTheIncidentsSectionOverTheDefaults() {
        ProcessorConfig config = ConfigLoader.parse(
                        """
                incidents:
                  lifecycleTick: 5s
                  throttle: {updatesPerMinute: 12, replyInterval: 2m, defaultStormLimit: 25}
                """,
                        "test.yaml",
                        Map.of())
                .processor();

        IncidentsSlice incidents = config.incidents();
        assertThat(incidents.lifecycleTick()).isEqualTo(Duration.ofSeconds(5));
        assertThat(incidents.throttleTick())
                .as("unset keys keep their defaults")
                .isEqualTo(Duration.ofMillis(250));
        assertThat(incidents.throttle().updatesPerMinute()).isEqualTo(12);
        assertThat(incidents.throttle().replyInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(incidents.throttle().defaultStormLimit()).isEqualTo(25);
        assertThat(incidents.throttle().postSpacing())
                .isEqualTo(ThrottleSlice.defaults().postSpacing());
    }

    @Test
    void shouldNameTheBadKey() {
        assertThatThrownBy(
                        () -> ConfigLoader.parse("incidents: {throttle: {updatesPerMinute: 0}}", "test.yaml", Map.of()))
                .hasMessageContaining("incidents.throttle.updatesPerMinute")
                .hasMessageContaining("test.yaml");
        assertThatThrownBy(() -> ConfigLoader.parse("incidents: {lifecycleTick: 0s}", "test.yaml", Map.of()))
                .hasMessageContaining("incidents.lifecycleTick");
        assertThatThrownBy(() -> ConfigLoader.parse("incidents: {throttle: {burst: 3}}", "test.yaml", Map.of()))
                .hasMessageContaining("burst");
    }
}
