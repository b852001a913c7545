package io.alertbridge.connectors.graphs;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What one graph shows, whatever its source (a CloudWatch alarm's series, an anomaly detector's scores): the
 * renderer's whole input. Immutable and thread-safe.
 *
 * @param title the graph's title (the alarm's or the series' name)
 * @param subtitle one line under it (metric, statistic, period, threshold), or null
 * @param seriesName the main series' name (legend and left axis)
 * @param series the main series, in time order
 * @param secondaryName the second series' name (right axis), or null
 * @param secondary a second series on its own axis (an anomaly's observed value); may be empty
 * @param bandLower an anomaly band's lower bound, in time order; may be empty
 * @param bandUpper its upper bound, at the same times; may be empty
 * @param thresholds the threshold lines on the main series' axis
 * @param breaches the points of the main series that breach, marked
 * @param alarmIntervals when the alarm was in ALARM (or the anomaly firing), shaded
 * @param start the window's start
 * @param end the window's end
 * @param zone the reader's time zone, shown on a second time axis next to UTC
 */
public record ChartModel(
        String title,
        String subtitle,
        String seriesName,
        List<TimePoint> series,
        String secondaryName,
        List<TimePoint> secondary,
        List<TimePoint> bandLower,
        List<TimePoint> bandUpper,
        List<Threshold> thresholds,
        List<TimePoint> breaches,
        List<Interval> alarmIntervals,
        Instant start,
        Instant end,
        ZoneId zone) {

    public ChartModel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(seriesName, "seriesName");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        series = List.copyOf(series);
        secondary = secondary == null ? List.of() : List.copyOf(secondary);
        bandLower = bandLower == null ? List.of() : List.copyOf(bandLower);
        bandUpper = bandUpper == null ? List.of() : List.copyOf(bandUpper);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
        alarmIntervals = alarmIntervals == null ? List.of() : List.copyOf(alarmIntervals);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a graph's window must start before it ends: " + start + " to " + end);
        }
    }

    /**
     * A horizontal line.
     *
     * @param value where
     * @param label what it is ({@code threshold > 50}, {@code fire 0.8})
     * @param kind how it is drawn
     */
    public record Threshold(double value, String label, Kind kind) {
        /** Fire lines are drawn in the alarm's colour, clear lines in the OK colour. */
        public enum Kind {
            FIRE,
            CLEAR
        }
    }

    /**
     * A time range.
     *
     * @param from start
     * @param to end, after start
     */
    public record Interval(Instant from, Instant to) {
        public Interval {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
