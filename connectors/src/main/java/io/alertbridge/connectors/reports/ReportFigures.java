package io.alertbridge.connectors.reports;

import io.alertbridge.connectors.reports.Report.AlarmCount;
import io.alertbridge.connectors.reports.Report.DayCount;
import io.alertbridge.connectors.reports.Report.Figures;
import io.alertbridge.connectors.reports.Report.Flapping;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The figures of a report, from a slice of the incident history. Pure and thread-safe.
 *
 * <p>What counts, and why:
 *
 * <ul>
 *   <li>An incident belongs to the period it <b>opened</b> in, with everything that happened to it since, also after
 *       the period's end (an incident opened at 23:50 on the last day and acknowledged at 00:10 still has its
 *       acknowledgement). Incidents that opened before the period are not counted, even if they resolved in it.
 *   <li><b>MTTA</b>: opening to the first acknowledgement made while the incident was not resolved. An acknowledgement
 *       that arrives after the resolution records an owner but acknowledged nothing: the incident counts as
 *       unacknowledged.
 *   <li><b>MTTR</b>: opening to the resolution of the incident as it stands now; a reopened incident is measured to its
 *       last resolution (the time it really took), and one that reopened and is open again is not resolved.
 *   <li><b>Auto-resolved</b>: the last resolution had no person (every alert resolved, or it expired).
 *   <li><b>Noisiest alarms</b> and <b>flapping</b> count alert transitions inside the range, whatever incident they
 *       joined: an alarm firing is an opening or an {@code ALERT_FIRING}; a state change is either direction.
 *   <li><b>Outside working hours</b>: the opening instant, in the route's working hours and zone.
 *   <li>Percentiles are nearest-rank: the median of 1, 2, 3, 4 minutes is 2 minutes.
 * </ul>
 */
public final class ReportFigures {

    /**
     * How many state changes within any 60 minutes make an alarm flapping. The window slides: four changes from
     * 10:58 to 11:03 are flapping although no clock hour holds four of them.
     */
    public static final int FLAPPING_CHANGES_PER_HOUR = 4;

    /** How many alarms each list holds at most. */
    public static final int TOP = 10;

    private ReportFigures() {}

    /**
     * Computes a report.
     *
     * @param history transitions in time order, from at least the start of {@code range.previous()} up to now (later
     *     ones are allowed and count for incidents opened in the periods)
     * @param range the range reported on
     * @param filter which incidents count
     * @param hours working hours by route
     */
    public static Report compute(
            Iterable<IncidentTransition> history, ReportRange range, ReportFilter filter, WorkingHours.ByRoute hours) {
        ReportRange previous = range.previous();
        Map<String, Life> lives = new HashMap<>(1 << 16);
        Map<String, AlarmTally> alarms = new HashMap<>();
        for (IncidentTransition t : history) {
            if (!filter.test(t) || t.at().isBefore(previous.from())) {
                continue;
            }
            if (!t.openedAt().isBefore(previous.from()) && t.openedAt().isBefore(range.to())) {
                Life life = lives.get(t.incidentId());
                if (life == null) {
                    life = new Life(t);
                    lives.put(t.incidentId(), life);
                }
                life.apply(t);
            }
            if (t.fingerprint() != null && isAlertChange(t.kind()) && range.contains(t.at())) {
                alarms.computeIfAbsent(t.fingerprint(), f -> new AlarmTally()).apply(t);
            }
        }
        List<Life> now = new ArrayList<>();
        List<Life> before = new ArrayList<>();
        for (Life life : lives.values()) {
            if (range.contains(life.openedAt)) {
                now.add(life);
            } else if (previous.contains(life.openedAt)) {
                before.add(life);
            }
        }
        return new Report(
                range,
                filter,
                figures(now, hours),
                figures(before, hours),
                top(alarms, Comparator.comparingInt((AlarmTally a) -> a.alerts), t -> t.alerts > 0),
                top(alarms, Comparator.comparingInt((AlarmTally a) -> a.incidents.size()), t -> !t.incidents.isEmpty()),
                flapping(alarms),
                perDay(now, range, hours.defaults().zone()));
    }

    private static boolean isAlertChange(Kind kind) {
        return kind == Kind.OPENED || kind == Kind.ALERT_FIRING || kind == Kind.ALERT_RESOLVED;
    }

    static Figures figures(List<Life> lives, WorkingHours.ByRoute hours) {
        long[] tta = lives.stream()
                .filter(l -> l.acknowledgedAt != null)
                .mapToLong(l -> Duration.between(l.openedAt, l.acknowledgedAt).toMillis())
                .sorted()
                .toArray();
        long[] ttr = lives.stream()
                .filter(l -> l.resolvedAt != null)
                .mapToLong(l -> Duration.between(l.openedAt, l.resolvedAt).toMillis())
                .sorted()
                .toArray();
        int unacknowledged = (int) lives.stream()
                .filter(l -> l.acknowledgedAt == null && !l.clearedWhileHeld)
                .count();
        int autoResolved = (int) lives.stream()
                .filter(l -> l.resolvedAt != null && l.resolvedBy == null)
                .count();
        int reopened = (int) lives.stream().filter(l -> l.reopened > 0).count();
        int outside = (int) lives.stream()
                .filter(l -> !l.clearedWhileHeld && !hours.of(l.routeId).contains(l.openedAt))
                .count();
        int clearedWhileHeld =
                (int) lives.stream().filter(l -> l.clearedWhileHeld).count();
        return new Figures(
                lives.size(),
                tta.length,
                ttr.length,
                percentile(tta, 50),
                percentile(tta, 90),
                percentile(ttr, 50),
                percentile(ttr, 90),
                unacknowledged,
                autoResolved,
                reopened,
                outside,
                clearedWhileHeld);
    }

    /** Nearest-rank percentile of sorted millisecond values; null when there are none. */
    static Duration percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Duration.ofMillis(sorted[Math.max(0, rank - 1)]);
    }

    private static List<AlarmCount> top(
            Map<String, AlarmTally> alarms, Comparator<AlarmTally> by, Predicate<AlarmTally> keep) {
        return alarms.values().stream()
                .filter(keep)
                .sorted(by.reversed().thenComparing(a -> a.fingerprint))
                .limit(TOP)
                .map(a -> new AlarmCount(a.fingerprint, a.title, a.alerts, a.incidents.size()))
                .toList();
    }

    private static List<Flapping> flapping(Map<String, AlarmTally> alarms) {
        return alarms.values().stream()
                .filter(a -> a.peakPerHour() >= FLAPPING_CHANGES_PER_HOUR)
                .sorted(Comparator.comparingInt(AlarmTally::peakPerHour)
                        .reversed()
                        .thenComparing(a -> a.fingerprint))
                .limit(TOP)
                .map(a -> new Flapping(a.fingerprint, a.title, a.peakPerHour(), a.changes))
                .toList();
    }

    private static List<DayCount> perDay(List<Life> lives, ReportRange range, ZoneId zone) {
        TreeMap<LocalDate, Integer> days = new TreeMap<>();
        LocalDate first = LocalDate.ofInstant(range.from(), zone);
        LocalDate last = LocalDate.ofInstant(range.to().minusMillis(1), zone);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, 0);
        }
        for (Life life : lives) {
            days.merge(LocalDate.ofInstant(life.openedAt, zone), 1, Integer::sum);
        }
        return days.entrySet().stream()
                .map(e -> new DayCount(e.getKey().toString(), e.getValue()))
                .toList();
    }

    /** One incident's life as the history tells it, applied in time order. */
    static final class Life {
        final Instant openedAt;
        final String routeId;
        Instant acknowledgedAt;
        Instant resolvedAt;
        String resolvedBy;
        boolean resolved;
        int reopened;
        boolean clearedWhileHeld;

        Life(IncidentTransition first) {
            this.openedAt = first.openedAt();
            this.routeId = first.routeId();
        }

        void apply(IncidentTransition t) {
            switch (t.kind()) {
                case ACKNOWLEDGED -> {
                    if (!resolved && acknowledgedAt == null) {
                        acknowledgedAt = t.at();
                    }
                }
                case RESOLVED -> {
                    resolved = true;
                    resolvedAt = t.at();
                    resolvedBy = t.actor();
                }
                case REOPENED -> {
                    resolved = false;
                    resolvedAt = null;
                    resolvedBy = null;
                    reopened++;
                }
                case CLEARED_WHILE_HELD -> clearedWhileHeld = true;
                default -> {
                    // Other transitions do not change these figures.
                }
            }
        }
    }

    /**
     * One alarm's alert transitions in the range. Transitions arrive in time order, so the busiest hour is a running
     * maximum over a sliding window: the changes less than an hour before the latest one.
     */
    private static final class AlarmTally {
        private static final Duration ONE_HOUR = Duration.ofHours(1);
        private final Set<String> incidents = new HashSet<>();
        private String fingerprint;
        private String title;
        private String lastIncident;
        private int alerts;
        private int changes;
        private final ArrayDeque<Instant> lastHour = new ArrayDeque<>();
        private int peak;

        void apply(IncidentTransition t) {
            fingerprint = t.fingerprint();
            if (t.title() != null) {
                title = t.title();
            }
            if (t.kind() != Kind.ALERT_RESOLVED) {
                alerts++;
                // Most of an alarm's transitions in a row belong to one incident: skip the set for those.
                if (!t.incidentId().equals(lastIncident)) {
                    incidents.add(t.incidentId());
                    lastIncident = t.incidentId();
                }
            }
            changes++;
            Instant hourAgo = t.at().minus(ONE_HOUR);
            while (!lastHour.isEmpty() && !lastHour.peekFirst().isAfter(hourAgo)) {
                lastHour.removeFirst();
            }
            lastHour.addLast(t.at());
            peak = Math.max(peak, lastHour.size());
        }

        int peakPerHour() {
            return peak;
        }
    }
}
