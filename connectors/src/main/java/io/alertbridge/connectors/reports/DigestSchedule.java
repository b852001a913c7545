package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.ReportRule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * When a {@link ReportRule scheduled digest} is due, and what it covers: pure functions, safe from any thread.
 *
 * <p>A digest is due at {@link ReportRule#at()} local time in its zone, every day or on its weekday. Local times are
 * turned into instants with {@link ZonedDateTime}: a time that does not exist on the day clocks go forward is moved
 * forward by the gap (02:30 becomes 03:30), a time that exists twice on the day they go back is the earlier one.
 * The period a digest reports is the day (or the seven days) that ends at its due instant, counted in local days, so
 * a daily digest across a change of clocks covers 23 or 25 hours.
 *
 * <p>A period is named by its {@linkplain #periodKey key}, {@code <rule id>@<ISO date of the due local date>}; the
 * key is what makes a digest unique across restarts and instances. Only the latest period due is ever posted: one
 * whose due time was missed (the process was down) is posted late, saying so, as long as it is at most
 * {@link #maxLateness half a period} late; older periods are skipped, since the next digest comes sooner than a
 * very late one would be useful (and a rule added just after its time of day does not post a stale digest at once).
 */
public final class DigestSchedule {

    /** A digest posted this long after its due time or less is on time; later ones say they are late. */
    public static final Duration ON_TIME = Duration.ofMinutes(2);

    private DigestSchedule() {}

    /**
     * One due time of a digest.
     *
     * @param key the period key, {@code <rule id>@<due local date>}
     * @param dueAt the due instant
     * @param range the period reported, ending at {@code dueAt}
     */
    public record Due(String key, Instant dueAt, ReportRange range) {}

    /**
     * What to do about a rule now.
     *
     * @param due the latest due time at or before now, or null when it was never due
     * @param post true when the digest of {@code due} should be posted (unless it already was)
     * @param late how long after its due time it would be posted ({@link Duration#ZERO} when on time)
     */
    public record Decision(Due due, boolean post, Duration late) {
        /** True when a post would be late enough to say so. */
        public boolean isLate() {
            return late.compareTo(ON_TIME) > 0;
        }
    }

    /** The due instant of {@code rule} on a local date (which must be a due date for a weekly rule). */
    public static Instant dueOn(ReportRule rule, LocalDate date) {
        return ZonedDateTime.of(LocalDateTime.of(date, rule.at()), rule.zone()).toInstant();
    }

    /** True when {@code date} is a day the rule is due on. */
    public static boolean isDueDate(ReportRule rule, LocalDate date) {
        return rule.every() == ReportRule.Every.DAY || date.getDayOfWeek() == rule.weekday();
    }

    /** The first due instant strictly after {@code after}. */
    public static Due next(ReportRule rule, Instant after) {
        LocalDate date = LocalDate.ofInstant(after, rule.zone()).minusDays(1);
        while (true) {
            if (isDueDate(rule, date) && dueOn(rule, date).isAfter(after)) {
                return due(rule, date);
            }
            date = date.plusDays(1);
        }
    }

    /** The latest due instant at or before {@code now}. */
    public static Due latest(ReportRule rule, Instant now) {
        LocalDate date = LocalDate.ofInstant(now, rule.zone()).plusDays(1);
        while (true) {
            if (isDueDate(rule, date) && !dueOn(rule, date).isAfter(now)) {
                return due(rule, date);
            }
            date = date.minusDays(1);
        }
    }

    /** The due time of a rule on a due date, with its key and period. */
    public static Due due(ReportRule rule, LocalDate date) {
        Instant to = dueOn(rule, date);
        LocalDate start = date.minusDays(days(rule));
        Instant from = ZonedDateTime.of(LocalDateTime.of(start, rule.at()), rule.zone())
                .toInstant();
        return new Due(periodKey(rule, date), to, new ReportRange(from, to));
    }

    /** {@code <rule id>@<ISO date of the due local date>}. */
    public static String periodKey(ReportRule rule, LocalDate dueDate) {
        return rule.id() + "@" + dueDate;
    }

    /** The nominal length of a rule's period: one or seven days. */
    public static Duration period(ReportRule rule) {
        return Duration.ofDays(days(rule));
    }

    /** How late a digest may be posted at most: half its period (12 hours, 3.5 days). */
    public static Duration maxLateness(ReportRule rule) {
        return period(rule).dividedBy(2);
    }

    private static int days(ReportRule rule) {
        return rule.every() == ReportRule.Every.DAY ? 1 : 7;
    }

    /**
     * Whether to post the latest period of {@code rule} at {@code now}: yes when it is at most
     * {@link #maxLateness} late. Whether it was already posted is the caller's question (its own memory and the
     * channel's history).
     */
    public static Decision decide(ReportRule rule, Instant now) {
        Due due = latest(rule, now);
        Duration late = Duration.between(due.dueAt(), now);
        return new Decision(due, late.compareTo(maxLateness(rule)) <= 0, late);
    }

    /**
     * The filter of a rule's {@code filter} ({@code route:R}, {@code service:S}, {@code channel:C}), or
     * {@link ReportFilter#ALL}.
     */
    public static ReportFilter filter(ReportRule rule) {
        return Optional.ofNullable(rule.filter())
                .map(f -> {
                    int colon = f.indexOf(':');
                    ReportFilter.By by =
                            ReportFilter.By.valueOf(f.substring(0, colon).toUpperCase(Locale.ROOT));
                    return ReportFilter.of(by, f.substring(colon + 1));
                })
                .orElse(ReportFilter.ALL);
    }
}
