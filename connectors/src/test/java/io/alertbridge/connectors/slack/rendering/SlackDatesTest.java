package io.alertbridge.connectors.slack.rendering;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class SlackDatesTest {

    private static final Instant AT = Instant.parse("2026-03-01T14:05:09Z");

    @Test
    void shouldFormatATimeAsSlacksDateTokenWithAUtcFallback() {
        assertThat(SlackDates.date(AT))
                .isEqualTo("<!date^" + AT.getEpochSecond() + "^{date_short_pretty} {time}|2026-03-01 14:05 UTC>");
    }

    @Test
    void shouldKeepTheSecondsWhenAsked() {
        assertThat(SlackDates.dateWithSeconds(AT))
                .isEqualTo("<!date^1772373909^{date_short_pretty} {time_secs}|2026-03-01 14:05:09 UTC>");
    }

    @Test
    void shouldTurnTheTimeStartingEachTimelineLineIntoADateOnTheDayTheReplyWasMade() {
        String text = "14:05:09 UTC  opened\n14:06:00 UTC  acknowledged by alice";

        String shown = SlackDates.timelineTimes(text, Instant.parse("2026-03-01T14:07:00Z"));

        assertThat(shown)
                .isEqualTo("<!date^1772373909^{date_short_pretty} {time_secs}|2026-03-01 14:05:09 UTC>  opened\n"
                        + "<!date^1772373960^{date_short_pretty} {time_secs}|2026-03-01 14:06:00 UTC>  acknowledged"
                        + " by alice");
    }

    @Test
    void shouldPutATimeLaterInTheDayThanTheReplyOnTheDayBefore() {
        String shown = SlackDates.timelineTimes("23:59:30 UTC  opened", Instant.parse("2026-03-02T00:00:10Z"));

        assertThat(shown).contains("|2026-03-01 23:59:30 UTC>  opened");
        assertThat(SlackDates.lastAtOrBefore(LocalTime.of(0, 0, 10), Instant.parse("2026-03-02T00:00:10Z")))
                .as("the same second is on the same day")
                .isEqualTo(Instant.parse("2026-03-02T00:00:10Z"));
    }

    @Test
    void shouldLeaveOtherTextAndTextWithoutASendTimeAlone() {
        assertThat(SlackDates.timelineTimes("opened at 14:05:09 UTC  x", AT)).isEqualTo("opened at 14:05:09 UTC  x");
        assertThat(SlackDates.timelineTimes("25:00:00 UTC  x", AT)).isEqualTo("25:00:00 UTC  x");
        assertThat(SlackDates.timelineTimes("14:05:09 UTC  x", null)).isEqualTo("14:05:09 UTC  x");
    }

    @Test
    void shouldNeverCutADateTokenInHalfWhenTextIsTruncated() {
        String text = "x".repeat(20) + SlackDates.date(AT);

        String cut = MrkdwnEscaper.truncate(text, 40);

        assertThat(cut).isEqualTo("x".repeat(20) + "\u2026");
    }
}
