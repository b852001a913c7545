package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.ReportRule.Every;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DigestScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ReportRule daily(LocalTime at) {
        return new ReportRule("daily", "#ops", Every.DAY, at, BERLIN, null, null);
    }

    private static ReportRule weekly(DayOfWeek weekday) {
        return new ReportRule("weekly", "#ops", Every.WEEK, LocalTime.of(9, 0), BERLIN, weekday, "route:checkout");
    }

    @Test
    void shouldBeDueAtTheLocalTimeAndReportTheDayBefore() {
        ReportRule rule = daily(LocalTime.of(9, 0));

        DigestSchedule.Due next = DigestSchedule.next(rule, Instant.parse("2026-12-02T07:59:00Z"));

        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
        assertThat(next.key()).isEqualTo("daily@2026-12-02");
        assertThat(next.range()).isEqualTo(new ReportRange(Instant.parse("2026-12-01T08:00:00Z"), next.dueAt()));
        assertThat(DigestSchedule.next(rule, next.dueAt()).key())
                .as("strictly after: the due instant itself leads to the next day")
                .isEqualTo("daily@2026-12-03");
    }

    @Test
    void shouldFollowTheClocksAcrossDaylightSavingChanges() {
        ReportRule rule = daily(LocalTime.of(9, 0));

        // Clocks went forward on 29 March 2026 in Berlin: 09:00 is 07:00Z, the day before it was 08:00Z.
        DigestSchedule.Due spring = DigestSchedule.next(rule, Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(spring.dueAt()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(spring.range().length()).isEqualTo(Duration.ofHours(23));
        // And back on 25 October 2026: a 25-hour day.
        DigestSchedule.Due autumn = DigestSchedule.next(rule, Instant.parse("2026-10-25T00:00:00Z"));
        assertThat(autumn.dueAt()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        assertThat(autumn.range().length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldMoveATimeInTheSpringGapForwardAndTakeTheEarlierOfTwiceInAutumn() {
        ReportRule gap = daily(LocalTime.of(2, 30));

        // 02:30 does not exist on 29 March in Berlin: it is 03:30 CEST, 01:30Z.
        assertThat(DigestSchedule.next(gap, Instant.parse("2026-03-28T23:00:00Z"))
                        .dueAt())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 02:30 exists twice on 25 October: the first, 02:30 CEST, 00:30Z; and only once that day.
        DigestSchedule.Due autumn = DigestSchedule.next(gap, Instant.parse("2026-10-24T23:00:00Z"));
        assertThat(autumn.dueAt()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(DigestSchedule.next(gap, autumn.dueAt()).key()).isEqualTo("daily@2026-10-26");
    }

    @Test
    void shouldBeDueWeeklyOnItsWeekdayForTheSevenDaysBefore() {
        ReportRule monday = weekly(DayOfWeek.MONDAY);

        // Wednesday 2 December 2026: the next Monday is the 7th.
        DigestSchedule.Due next = DigestSchedule.next(monday, Instant.parse("2026-12-02T12:00:00Z"));
        assertThat(next.key()).isEqualTo("weekly@2026-12-07");
        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(next.range().from()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(DigestSchedule.latest(monday, Instant.parse("2026-12-02T12:00:00Z"))
                        .key())
                .isEqualTo("weekly@2026-11-30");
        assertThat(DigestSchedule.next(weekly(DayOfWeek.FRIDAY), Instant.parse("2026-12-02T12:00:00Z"))
                        .key())
                .isEqualTo("weekly@2026-12-04");
        assertThat(DigestSchedule.filter(monday)).isEqualTo(ReportFilter.of(ReportFilter.By.ROUTE, "checkout"));
    }

    @Test
    void shouldPostOnTimeRightAfterTheDueInstantAndNotBefore() {
        ReportRule rule = daily(LocalTime.of(9, 0));

        DigestSchedule.Decision before = DigestSchedule.decide(rule, Instant.parse("2026-12-02T07:59:30Z"));
        assertThat(before.due().key())
                .as("before 09:00 the latest is yesterday's")
                .isEqualTo("daily@2026-12-01");
        DigestSchedule.Decision at = DigestSchedule.decide(rule, Instant.parse("2026-12-02T08:00:20Z"));
        assertThat(at.due().key()).isEqualTo("daily@2026-12-02");
        assertThat(at.post()).isTrue();
        assertThat(at.isLate()).isFalse();
    }

    @Test
    void shouldPostAMissedDigestOnceLateAfterARestartButSkipOneTooOld() {
        ReportRule weekly = weekly(DayOfWeek.MONDAY);

        // Down over Monday's 09:00, back on Tuesday morning: Monday's digest is posted, a day late.
        DigestSchedule.Decision restart = DigestSchedule.decide(weekly, Instant.parse("2026-12-08T07:00:00Z"));
        assertThat(restart.due().key()).isEqualTo("weekly@2026-12-07");
        assertThat(restart.post()).isTrue();
        assertThat(restart.isLate()).isTrue();
        assertThat(restart.late()).isEqualTo(Duration.ofHours(23));
        // Back on Friday, 4 days after: more than half a week late, skipped; the next Monday's comes.
        DigestSchedule.Decision friday = DigestSchedule.decide(weekly, Instant.parse("2026-12-11T08:00:00Z"));
        assertThat(friday.due().key()).isEqualTo("weekly@2026-12-07");
        assertThat(friday.post()).isFalse();
        // A daily digest 13 hours late is skipped as well; 11 hours late it is posted.
        ReportRule daily = daily(LocalTime.of(9, 0));
        assertThat(DigestSchedule.decide(daily, Instant.parse("2026-12-02T21:00:00Z"))
                        .post())
                .isFalse();
        assertThat(DigestSchedule.decide(daily, Instant.parse("2026-12-02T19:00:00Z"))
                        .post())
                .isTrue();
    }
}
