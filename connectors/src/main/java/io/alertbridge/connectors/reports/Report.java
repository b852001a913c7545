package io.alertbridge.connectors.reports;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one report: the range's, the previous period's for the comparison, and the range's alarms. Immutable.
 *
 * @param range the range reported on
 * @param filter which incidents counted
 * @param current the figures of incidents opened in the range
 * @param previous the figures of incidents opened in the period of the same length before it
 * @param noisiestByAlerts up to ten alarms that fired most often in the range, most first
 * @param noisiestByIncidents up to ten alarms that were part of the most incidents in the range, most first
 * @param flapping alarms that changed state at least {@link ReportFigures#FLAPPING_CHANGES_PER_HOUR} times within one
 *     hour of the range, most changes first (at most ten)
 * @param perDay incidents opened per day of the range (in the default working-hours zone), oldest first
 */
public record Report(
        ReportRange range,
        ReportFilter filter,
        Figures current,
        Figures previous,
        List<AlarmCount> noisiestByAlerts,
        List<AlarmCount> noisiestByIncidents,
        List<Flapping> flapping,
        List<DayCount> perDay) {

    public Report {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        noisiestByAlerts = List.copyOf(noisiestByAlerts);
        noisiestByIncidents = List.copyOf(noisiestByIncidents);
        flapping = List.copyOf(flapping);
        perDay = List.copyOf(perDay);
    }

    /** True when nothing at all happened in the range (no incident opened, no alert changed). */
    public boolean isEmpty() {
        return current.opened() == 0 && noisiestByAlerts.isEmpty();
    }

    /**
     * The figures of the incidents opened in one period. A duration is null when no incident had one.
     *
     * @param opened incidents opened in the period
     * @param acknowledged of those, how many were acknowledged while not resolved
     * @param resolved of those, how many are resolved now (after their last reopening, if any)
     * @param mttaMedian median time from opening to the first acknowledgement
     * @param mttaP90 90th percentile of the same
     * @param mttrMedian median time from opening to the (last) resolution
     * @param mttrP90 90th percentile of the same
     * @param unacknowledged opened incidents never acknowledged while open (including those still open), except those
     *     that cleared while held
     * @param autoResolved resolved incidents that resolved by themselves (no person resolved them)
     * @param reopened opened incidents that reopened at least once
     * @param outsideHours opened incidents whose page came outside their route's working hours (one that cleared
     *     while held paged nobody and is not counted)
     * @param clearedWhileHeld opened incidents that cleared by themselves while their first post was held (the
     *     transient-alert hold): never posted, so neither counted as unacknowledged nor as pages
     */
    public record Figures(
            int opened,
            int acknowledged,
            int resolved,
            Duration mttaMedian,
            Duration mttaP90,
            Duration mttrMedian,
            Duration mttrP90,
            int unacknowledged,
            int autoResolved,
            int reopened,
            int outsideHours,
            int clearedWhileHeld) {

        /** Share of opened incidents never acknowledged while open, 0..1 (0 when none opened). */
        public double unacknowledgedShare() {
            return opened == 0 ? 0 : (double) unacknowledged / opened;
        }

        /** Share of resolved incidents that resolved by themselves, 0..1 (0 when none resolved). */
        public double autoResolvedShare() {
            return resolved == 0 ? 0 : (double) autoResolved / resolved;
        }

        /** Share of opened incidents that paged outside working hours, 0..1. */
        public double outsideHoursShare() {
            return opened == 0 ? 0 : (double) outsideHours / opened;
        }
    }

    /**
     * An alarm and how often it counted.
     *
     * @param fingerprint the alarm
     * @param title its latest title in the range
     * @param alerts how often it fired (opened an incident, or fired again)
     * @param incidents how many incidents it was part of while firing
     */
    public record AlarmCount(String fingerprint, String title, int alerts, int incidents) {}

    /**
     * A flapping alarm.
     *
     * @param fingerprint the alarm
     * @param title its latest title
     * @param peakChangesPerHour the most state changes it made within any 60 minutes of the range
     * @param changes its state changes in the whole range
     */
    public record Flapping(String fingerprint, String title, int peakChangesPerHour, int changes) {}

    /**
     * Incidents opened on one day.
     *
     * @param day the day, {@code YYYY-MM-DD}
     * @param opened how many
     */
    public record DayCount(String day, int opened) {}
}
