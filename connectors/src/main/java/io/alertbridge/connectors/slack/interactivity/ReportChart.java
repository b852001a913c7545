package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.graphs.ChartModel;
import io.alertbridge.connectors.graphs.TimePoint;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.Report.DayCount;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A report's chart as the incident graphs draw it: the incidents opened per day ({@link Report#perDay()}) as the main
 * series, one point at noon of each day, over a window of whole days in the zone the days were counted in. No second
 * series: the figures give the MTTA and MTTR of the whole range only, not per day. Pure and thread-safe.
 */
final class ReportChart {

    static final String TITLE = "Incidents per day";
    static final String SERIES = "incidents opened";

    /** Slack's limit for a file's {@code alt_txt}. */
    static final int MAX_ALT_TEXT = 1000;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private ReportChart() {}

    /**
     * The chart of the report's days, counted in {@code zone}; null when the report has no day (the renderer then
     * draws nothing).
     */
    static ChartModel model(Report report, ZoneId zone) {
        List<DayCount> days = report.perDay();
        if (days.isEmpty()) {
            return null;
        }
        List<TimePoint> series =
                days.stream().map(d -> new TimePoint(noon(d, zone), d.opened())).toList();
        LocalDate first = LocalDate.parse(days.get(0).day());
        LocalDate last = LocalDate.parse(days.get(days.size() - 1).day());
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        String filter = report.filter().describe();
        String subtitle = ReportFormatter.range(report.range(), zone) + (filter.isEmpty() ? "" : " · " + filter);
        return new ChartModel(
                TITLE, subtitle, SERIES, series, null, null, null, null, null, null, null, start, end, zone);
    }

    /**
     * The image's description for screen readers: the range and every day's count, so that the image loses nothing
     * against the text chart it replaces; cut at {@link #MAX_ALT_TEXT} characters.
     */
    static String altText(Report report, ZoneId zone) {
        StringBuilder text = new StringBuilder(TITLE)
                .append(", ")
                .append(ReportFormatter.range(report.range(), zone))
                .append(':');
        for (DayCount d : report.perDay()) {
            text.append(' ')
                    .append(DAY.format(LocalDate.parse(d.day())))
                    .append(' ')
                    .append(d.opened())
                    .append(',');
        }
        text.setLength(text.length() - 1);
        if (text.length() > MAX_ALT_TEXT) {
            return text.substring(0, MAX_ALT_TEXT - 1) + "…";
        }
        return text.toString();
    }

    private static Instant noon(DayCount day, ZoneId zone) {
        return LocalDate.parse(day.day()).atTime(LocalTime.NOON).atZone(zone).toInstant();
    }
}
