package io.alertbridge.connectors.reports;

import io.alertbridge.connectors.reports.Report.AlarmCount;
import io.alertbridge.connectors.reports.Report.Figures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static io.alertbridge.connectors.reports.History.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportFiguresTest {

    private static final long DAY = 24 * 60;
    private static final WorkingHours.ByRoute UTC_OFFICE = WorkingHours.ByRoute.everywhere(ZoneOffset.UTC);

    /** The week of Monday 2026-11-09; the previous period is the week of Monday 2026-11-02. */
    private static final ReportRange WEEK2 = new ReportRange(at(7 * DAY), at(14 * DAY));

    private static Report report(History h, ReportRange range) {
        return ReportFigures.compute(h.transitions(), range, ReportFilter.ALL, UTC_OFFICE);
    }

    @Test
    void shouldComputeMedianAndP90OfTimeToAcknowledgeAndResolveWithNearestRank() {
        History h = new History();
        long start = 7 * DAY + 10 * 60; // Monday 10:00
        for (int i = 1; i <= 10; i++) {
            h.incident("INC-" + i, "web", start + i, "cpu")
                    .ack(start + i + i, "U1")
                    .resolveByHand(start + i + 10L * i, "U1");
        }

        Figures f = report(h, WEEK2).current();

        assertThat(f.opened()).isEqualTo(10);
        assertThat(f.mttaMedian()).isEqualTo(Duration.ofMinutes(5));
        assertThat(f.mttaP90()).isEqualTo(Duration.ofMinutes(9));
        assertThat(f.mttrMedian()).isEqualTo(Duration.ofMinutes(50));
        assertThat(f.mttrP90()).isEqualTo(Duration.ofMinutes(90));
        assertThat(f.unacknowledgedShare()).isZero();
        assertThat(f.autoResolvedShare()).isZero();
        assertThat(f.outsideHours()).isZero();
    }

    @Test
    void shouldCountAnIncidentInThePeriodItOpenedInWithWhatHappenedAfterTheBoundary() {
        History h = new History();
        // Opened before the range, resolved inside it: belongs to the previous period.
        h.incident("INC-OLD", "web", 7 * DAY - 30, "disk")
                .ack(7 * DAY - 20, "U1")
                .autoResolve(7 * DAY + 30, "disk");
        // Opened in the last minutes of the range, acknowledged and resolved after it: counted with both.
        h.incident("INC-LATE", "web", 14 * DAY - 10, "cpu")
                .ack(14 * DAY + 5, "U2")
                .resolveByHand(14 * DAY + 50, "U2");
        // Opened after the range: not counted anywhere.
        h.incident("INC-NEXT", "web", 14 * DAY + 1, "mem");

        Report r = report(h, WEEK2);

        assertThat(r.current().opened()).isEqualTo(1);
        assertThat(r.current().mttaMedian()).isEqualTo(Duration.ofMinutes(15));
        assertThat(r.current().mttrMedian()).isEqualTo(Duration.ofMinutes(60));
        assertThat(r.previous().opened()).isEqualTo(1);
        assertThat(r.previous().mttrMedian()).isEqualTo(Duration.ofMinutes(60));
        assertThat(r.previous().autoResolved()).isEqualTo(1);
    }

    @Test
    void shouldMeasureAReopenedIncidentToItsLastResolutionAndCountItOpenWhenOpenAgain() {
        History h = new History();
        long t = 7 * DAY + 600;
        h.incident("INC-A", "web", t, "cpu")
                .autoResolve(t + 10, "cpu")
                .reopen(t + 20, "cpu")
                .autoResolve(t + 45, "cpu");
        h.incident("INC-B", "web", t, "mem").autoResolve(t + 5, "mem").reopen(t + 30, "mem");

        Figures f = report(h, WEEK2).current();

        assertThat(f.opened()).isEqualTo(2);
        assertThat(f.reopened()).isEqualTo(2);
        assertThat(f.resolved()).as("INC-B is open again").isEqualTo(1);
        assertThat(f.mttrMedian()).isEqualTo(Duration.ofMinutes(45));
        assertThat(f.autoResolvedShare()).isEqualTo(1.0);
        assertThat(f.unacknowledgedShare()).isEqualTo(1.0);
    }

    @Test
    void shouldNotCountAnAcknowledgementThatCameAfterTheResolution() {
        History h = new History();
        long t = 7 * DAY + 600;
        h.incident("INC-A", "web", t, "cpu").autoResolve(t + 10, "cpu").ack(t + 11, "U1");
        h.incident("INC-B", "web", t, "mem").ack(t + 4, "U1").autoResolve(t + 10, "mem");

        Figures f = report(h, WEEK2).current();

        assertThat(f.acknowledged()).isEqualTo(1);
        assertThat(f.unacknowledged()).isEqualTo(1);
        assertThat(f.unacknowledgedShare()).isEqualTo(0.5);
        assertThat(f.mttaMedian()).isEqualTo(Duration.ofMinutes(4));
        assertThat(f.mttaP90()).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void shouldCountIncidentsThatClearedWhileHeldAsNeitherUnacknowledgedNorPages() {
        History h = new History();
        long night = 7 * DAY + 2 * 60; // Monday 02:00, outside office hours
        h.incident("INC-A", "disks", night, "disk-1").clearWhileHeld(night + 3, "disk-1");
        h.incident("INC-B", "disks", night, "disk-2").autoResolve(night + 30, "disk-2");

        Figures f = report(h, WEEK2).current();

        assertThat(f.opened()).isEqualTo(2);
        assertThat(f.clearedWhileHeld()).isEqualTo(1);
        assertThat(f.unacknowledged()).as("only the one that was posted").isEqualTo(1);
        assertThat(f.outsideHours()).as("only the one that paged").isEqualTo(1);
        assertThat(f.autoResolved()).isEqualTo(2);
    }

    @Test
    void shouldShareAutoResolvedAmongResolvedOnly() {
        History h = new History();
        long t = 7 * DAY + 600;
        h.incident("INC-A", "web", t, "a").autoResolve(t + 1, "a");
        h.incident("INC-B", "web", t, "b").resolveByHand(t + 2, "U1");
        h.incident("INC-C", "web", t, "c").autoResolve(t + 3, "c");
        h.incident("INC-D", "web", t, "d");

        Figures f = report(h, WEEK2).current();

        assertThat(f.resolved()).isEqualTo(3);
        assertThat(f.autoResolvedShare()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void shouldRankTheNoisiestAlarmsByAlertsAndByIncidentsInsideTheRangeOnly() {
        History h = new History();
        long t = 7 * DAY + 600;
        History.Incident a = h.incident("INC-A", "web", t, "chatty");
        for (int i = 1; i <= 5; i++) {
            a.clear(t + 2L * i - 1, "chatty").fire(t + 2L * i, "chatty");
        }
        h.incident("INC-B", "web", t + 100, "spread");
        h.incident("INC-C", "web", t + 200, "spread");
        h.incident("INC-D", "web", t + 300, "spread");
        // Before the range: does not count, even though it would top the list.
        History.Incident old = h.incident("INC-OLD", "web", 3 * DAY, "old");
        for (int i = 1; i <= 20; i++) {
            old.fire(3 * DAY + i, "old");
        }

        Report r = report(h, WEEK2);

        assertThat(r.noisiestByAlerts())
                .extracting(AlarmCount::title, AlarmCount::alerts, AlarmCount::incidents)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chatty", 6, 1),
                        org.assertj.core.groups.Tuple.tuple("spread", 3, 3));
        assertThat(r.noisiestByIncidents()).extracting(AlarmCount::title).containsExactly("spread", "chatty");
    }

    @Test
    void shouldCallAnAlarmFlappingAtFourStateChangesWithinOneHour() {
        History h = new History();
        long hour = 7 * DAY + 600;
        // chatty: opened + 5 x (resolved, firing) in 10 minutes: 11 changes in one hour.
        History.Incident a = h.incident("INC-A", "web", hour, "chatty");
        for (int i = 1; i <= 5; i++) {
            a.clear(hour + 2L * i - 1, "chatty").fire(hour + 2L * i, "chatty");
        }
        // slow: 3 changes per hour over three hours: 9 changes, never 4 in one hour.
        History.Incident b = h.incident("INC-B", "web", hour, "slow");
        b.clear(hour + 20, "slow").fire(hour + 40, "slow");
        for (int k = 1; k <= 2; k++) {
            b.clear(hour + 60L * k, "slow").fire(hour + 60L * k + 20, "slow").clear(hour + 60L * k + 40, "slow");
        }

        Report r = report(h, WEEK2);

        assertThat(r.flapping()).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("chatty");
            assertThat(f.peakChangesPerHour()).isEqualTo(11);
            assertThat(f.changes()).isEqualTo(11);
        });
    }

    @Test
    void shouldCallAnAlarmFlappingWhenItsChangesStraddleTheTopOfTheHour() {
        History h = new History();
        long tenToEleven = 7 * DAY + 600 + 58;
        // 10:58 opened, 10:59 resolved, 11:00 firing, 11:01 resolved: four changes in three minutes, two clock hours.
        h.incident("INC-A", "web", tenToEleven, "straddling")
                .clear(tenToEleven + 1, "straddling")
                .fire(tenToEleven + 2, "straddling")
                .clear(tenToEleven + 3, "straddling");
        // exactly an hour apart: 10:00, 10:30, 11:00 ... an alarm changing every 30 minutes has 2 in any hour.
        History.Incident b = h.incident("INC-B", "web", 7 * DAY + 600, "half-hourly");
        b.clear(7 * DAY + 630, "half-hourly").fire(7 * DAY + 660, "half-hourly").clear(7 * DAY + 690, "half-hourly");

        Report r = report(h, WEEK2);

        assertThat(r.flapping()).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("straddling");
            assertThat(f.peakChangesPerHour()).isEqualTo(4);
        });
    }

    @Test
    void shouldCountPagesOutsideWorkingHoursInTheRoutesOwnZone() {
        History h = new History();
        // Monday 2026-11-09 07:30 UTC: 08:30 in Berlin (outside 09-18), 07:30 in London (outside).
        h.incident("INC-1", "berlin", 7 * DAY + 450, "a");
        // Monday 10:00 UTC: 11:00 in Berlin (inside).
        h.incident("INC-2", "berlin", 7 * DAY + 600, "b");
        // Monday 10:00 UTC: inside the default (UTC office hours).
        h.incident("INC-3", "web", 7 * DAY + 600, "c");
        // Saturday 2026-11-14 12:00 UTC: outside (weekend).
        h.incident("INC-4", "web", 12 * DAY + 720, "d");
        WorkingHours.ByRoute hours = new WorkingHours.ByRoute(
                WorkingHours.officeHours(ZoneOffset.UTC),
                Map.of(
                        "berlin",
                        new WorkingHours(
                                ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of())));

        Figures f = ReportFigures.compute(h.transitions(), WEEK2, ReportFilter.ALL, hours)
                .current();

        assertThat(f.outsideHours()).isEqualTo(2);
        assertThat(f.outsideHoursShare()).isEqualTo(0.5);
    }

    @Test
    void shouldFilterByRouteServiceOrChannelAndCompareWithThePreviousPeriod() {
        History h = new History();
        h.incident("INC-1", "web", 7 * DAY + 600, "a");
        h.incident("INC-2", "web", 8 * DAY + 600, "b");
        h.incident("INC-3", "db", 8 * DAY + 600, "c");
        h.incident("INC-4", "web", 2 * DAY + 600, "d");

        Report web = ReportFigures.compute(
                h.transitions(), WEEK2, ReportFilter.of(ReportFilter.By.ROUTE, "WEB"), UTC_OFFICE);
        Report db = ReportFigures.compute(
                h.transitions(), WEEK2, ReportFilter.of(ReportFilter.By.SERVICE, "db-svc"), UTC_OFFICE);
        Report channel = ReportFigures.compute(
                h.transitions(), WEEK2, ReportFilter.of(ReportFilter.By.CHANNEL, "#db"), UTC_OFFICE);

        assertThat(web.current().opened()).isEqualTo(2);
        assertThat(web.previous().opened()).isEqualTo(1);
        assertThat(db.current().opened()).isEqualTo(1);
        assertThat(db.previous().opened()).isZero();
        assertThat(channel.current().opened()).isEqualTo(1);
    }

    @Test
    void shouldCountIncidentsPerDayIncludingEmptyDays() {
        History h = new History();
        h.incident("INC-1", "web", 7 * DAY + 600, "a");
        h.incident("INC-2", "web", 7 * DAY + 700, "b");
        h.incident("INC-3", "web", 9 * DAY + 600, "c");

        Report r = report(h, WEEK2);

        assertThat(r.perDay()).hasSize(7);
        assertThat(r.perDay().get(0)).isEqualTo(new Report.DayCount("2026-11-09", 2));
        assertThat(r.perDay().get(1).opened()).isZero();
        assertThat(r.perDay().get(2)).isEqualTo(new Report.DayCount("2026-11-11", 1));
    }

    @Test
    void shouldReportNothingAsEmptyWithoutDurations() {
        Report r = report(new History(), WEEK2);

        assertThat(r.isEmpty()).isTrue();
        assertThat(r.current().mttaMedian()).isNull();
        assertThat(r.current().mttrP90()).isNull();
        assertThat(r.current().unacknowledgedShare()).isZero();
    }

    @Test
    void shouldTakeTheNearestRankPercentile() {
        long[] values = {60_000, 120_000, 180_000, 240_000};

        assertThat(ReportFigures.percentile(values, 50)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ReportFigures.percentile(values, 90)).isEqualTo(Duration.ofMinutes(4));
        assertThat(ReportFigures.percentile(new long[] {5}, 90)).isEqualTo(Duration.ofMillis(5));
        assertThat(ReportFigures.percentile(new long[0], 50)).isNull();
    }
}
