package io.alertbridge.connectors.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's time range, {@code [from, to)}. Immutable.
 *
 * @param from the first instant counted
 * @param to the first instant no longer counted
 */
public record ReportRange(Instant from, Instant to) {

    /** The range when none is given. */
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(7);

    /** The longest range a report covers. */
    public static final Duration MAX_LENGTH = Duration.ofDays(93);

    /** What the parser accepts, for explanations. */
    public static final String ACCEPTED =
            "`24h`, `7d`, `30d`, `last-week`, `yesterday`, `today` or " + "`2026-11-01..2026-11-30` (dates inclusive)";

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,4})([hdw])");
    private static final Pattern DATES = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

    public ReportRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a range must end after it starts: " + from + " .. " + to);
        }
    }

    /** Its length. */
    public Duration length() {
        return Duration.between(from, to);
    }

    /** The period of the same length just before it, for the comparison. */
    public ReportRange previous() {
        return new ReportRange(from.minus(length()), from);
    }

    /** True when {@code at} is inside. */
    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /**
     * Reads a range as a person types it. Relative ranges ({@code 24h}, {@code 7d}, {@code 2w}) end now; named ones
     * ({@code today}, {@code yesterday}, {@code last-week}: Monday to Monday) and dates ({@code 2026-11-01..2026-11-30},
     * both days included) are days in {@code zone}. Never throws.
     *
     * @param text what was typed; null or blank means the last {@link #DEFAULT_LENGTH}
     * @param now the current instant
     * @param zone the time zone that days are counted in
     */
    public static Parsed parse(String text, Instant now, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return new Parsed(new ReportRange(now.minus(DEFAULT_LENGTH), now), null);
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.ofInstant(now, zone);
        Matcher relative = RELATIVE.matcher(t);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration length =
                    switch (relative.group(2)) {
                        case "h" -> Duration.ofHours(amount);
                        case "d" -> Duration.ofDays(amount);
                        default -> Duration.ofDays(7 * amount);
                    };
            return bounded(now.minus(length), now, text);
        }
        switch (t) {
            case "today":
                return days(today, today, zone, text);
            case "yesterday":
                return days(today.minusDays(1), today.minusDays(1), zone, text);
            case "last-week", "lastweek", "last_week":
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return days(monday.minusWeeks(1), monday.minusDays(1), zone, text);
            case "this-week", "thisweek":
                return days(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today, zone, text);
            default:
                break;
        }
        Matcher dates = DATES.matcher(t);
        if (dates.matches()) {
            try {
                LocalDate first = LocalDate.parse(dates.group(1));
                LocalDate last = LocalDate.parse(dates.group(2));
                if (last.isBefore(first)) {
                    return problem("`" + text + "` ends before it starts.");
                }
                return days(first, last, zone, text);
            } catch (DateTimeParseException e) {
                return problem("`" + text + "` holds a date that does not exist.");
            }
        }
        return problem("I can't read `" + text + "` as a time range.");
    }

    private static Parsed days(LocalDate first, LocalDate last, ZoneId zone, String text) {
        return bounded(
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(),
                text);
    }

    private static Parsed bounded(Instant from, Instant to, String text) {
        if (!to.isAfter(from)) {
            return problem("`" + text + "` is an empty range.");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            return problem("`" + text + "` is longer than the " + MAX_LENGTH.toDays() + " days a report covers.");
        }
        return new Parsed(new ReportRange(from, to), null);
    }

    private static Parsed problem(String sentence) {
        return new Parsed(null, sentence + " Use " + ACCEPTED + ".");
    }

    /**
     * The outcome of {@link #parse}: a range, or a sentence for the person.
     *
     * @param range the range, or null
     * @param problem what was wrong and what is accepted, or null
     */
    public record Parsed(ReportRange range, String problem) {
        /** True when a range was read. */
        public boolean ok() {
            return range != null;
        }
    }
}
