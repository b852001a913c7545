package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnoozeTimesTest {

    private final SnoozeTimes paris =
            new SnoozeTimes(ZoneId.of("Europe/Paris"), LocalTime.of(9, 0), Duration.ofDays(7));

    @Test
    void shouldAddTheButtonsDurations() {
        Instant now = Instant.parse("2026-11-20T15:00:00Z");
        assertThat(paris.until("PT1H", now)).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(paris.until("PT4H", now)).isEqualTo(now.plus(Duration.ofHours(4)));
        assertThat(paris.until("90m", now)).isEqualTo(now.plus(Duration.ofMinutes(90)));
    }

    @Test
    void shouldSnoozeUntilNineTheNextDayInTheConfiguredZone() {
        // 16:00 in Paris (UTC+1 in November) -> 09:00 Paris the next day = 08:00 UTC.
        assertThat(paris.until(SnoozeTimes.TOMORROW_MORNING, Instant.parse("2026-11-20T15:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(paris.until("Tomorrow", Instant.parse("2026-11-20T15:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    }

    @Test
    void shouldTakeTheComingMorningAtNightButNeverOneLessThanAnHourAway() {
        // 02:00 Paris: the night's "tomorrow morning" is 09:00 the same day.
        assertThat(paris.nextMorning(Instant.parse("2026-11-20T01:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        // 08:30 Paris: 09:00 today is too close, so 09:00 tomorrow.
        assertThat(paris.nextMorning(Instant.parse("2026-11-20T07:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    }

    @Test
    void shouldFollowDaylightSavingTime() {
        // The night of 2027-03-28 Paris moves to UTC+2: 09:00 local is 07:00 UTC.
        assertThat(paris.nextMorning(Instant.parse("2027-03-27T20:00:00Z")))
                .isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
    }

    @Test
    void shouldRefuseNonsenseZeroAndTooLongSnoozes() {
        Instant now = Instant.parse("2026-11-20T15:00:00Z");
        assertThatThrownBy(() -> paris.until("soonish", now)).hasMessageContaining("soonish");
        assertThatThrownBy(() -> paris.until("0m", now)).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> paris.until("8d", now)).hasMessageContaining("at most 7d");
        assertThatThrownBy(() -> paris.until(" ", now)).hasMessageContaining("how long");
    }

    @Test
    void shouldWriteDurationsAsPeopleDo() {
        assertThat(SnoozeTimes.human(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(SnoozeTimes.human(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(SnoozeTimes.human(Duration.ofSeconds(5))).isEqualTo("5s");
    }
}
