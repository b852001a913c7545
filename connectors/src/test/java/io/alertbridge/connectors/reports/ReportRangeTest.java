package io.alertbridge.connectors.reports;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRangeTest {

    /** Wednesday 2026-12-02 14:30 UTC. */
    private static final Instant NOW = Instant.parse("2026-12-02T14:30:00Z");

    private static ReportRange.Parsed parse(String text) {
        return ReportRange.parse(text, NOW, ZoneOffset.UTC);
    }

    @Test
    void shouldDefaultToTheLastSevenDays() {
        assertThat(parse(null).range()).isEqualTo(new ReportRange(NOW.minus(Duration.ofDays(7)), NOW));
        assertThat(parse("  ").range().length()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldReadRelativeRangesEndingNow() {
        assertThat(parse("24h").range()).isEqualTo(new ReportRange(NOW.minus(Duration.ofHours(24)), NOW));
        assertThat(parse("30d").range().length()).isEqualTo(Duration.ofDays(30));
        assertThat(parse("2W").range().length()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void shouldReadDatesAsWholeDaysInTheZoneBothIncluded() {
        ReportRange november = parse("2026-11-01..2026-11-30").range();

        assertThat(november.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(november.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        ReportRange berlin = ReportRange.parse("2026-11-01..2026-11-01", NOW, ZoneId.of("Europe/Berlin"))
                .range();
        assertThat(berlin.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(berlin.length()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void shouldReadLastWeekAsMondayToMondayBeforeThisWeek() {
        ReportRange lastWeek = parse("last-week").range();

        assertThat(lastWeek.from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(lastWeek.to()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(parse("yesterday").range().from()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void shouldGiveThePreviousPeriodOfTheSameLength() {
        ReportRange week = parse("last-week").range();

        assertThat(week.previous())
                .isEqualTo(
                        new ReportRange(Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z")));
    }

    @Test
    void shouldExplainWhatIsAcceptedWhenItCannotReadTheRange() {
        assertThat(parse("last tuesday-ish").problem())
                .contains("I can't read `last tuesday-ish`")
                .contains("`7d`")
                .contains("`2026-11-01..2026-11-30`");
        assertThat(parse("2026-11-30..2026-11-01").problem()).contains("ends before it starts");
        assertThat(parse("2026-02-30..2026-03-01").problem()).contains("does not exist");
        assertThat(parse("400d").problem()).contains("longer than the 93 days");
        assertThat(parse("0h").problem()).contains("empty range");
        assertThat(parse("last tuesday-ish").ok()).isFalse();
    }
}
