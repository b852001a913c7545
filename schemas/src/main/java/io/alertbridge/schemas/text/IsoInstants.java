package io.alertbridge.schemas.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants read and written by hand, in the forms that make up nearly all of them: what
 * {@link Instant#toString()} writes, and what AWS writes ({@code 2019-02-12T15:45:24.006+0000}).
 *
 * <p>Why: {@code java.time}'s formatters parse a pattern-driven field map for every instant; with a dozen instants in
 * every incident and several in every AWS message they were about a tenth of the processor's stream thread (see
 * {@code bench/README.md}, "Instants by hand"). Anything outside the common forms is left to {@code java.time}: {@link
 * #parse} answers null, {@link #format} calls {@link Instant#toString()}. Both give exactly what {@code java.time}
 * gives for the same input. Pure and thread-safe.
 */
public final class IsoInstants {

    /** 9999-12-31T23:59:59Z: beyond it {@link Instant#toString()} writes a sign and more year digits. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private static final int SECONDS_PER_DAY = 86_400;

    private static final long NONE = Long.MIN_VALUE;

    private IsoInstants() {}

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss}, optionally {@code .} and 1-9 digits of a second, then {@code Z},
     * {@code ±hh:mm} or {@code ±hhmm} (an offset up to 18 hours), with every field in its range; or null when the text
     * is anything else (a leap second, hour 24, a lower-case {@code z}, other layouts), which {@code java.time} may
     * still read.
     */
    public static Instant parse(CharSequence text) {
        if (text.length() < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        long localSeconds = localSeconds(text);
        int fractionEnd = fractionEnd(text);
        if (localSeconds == NONE || fractionEnd < 0) {
            return null;
        }
        int offsetSeconds = offset(text, fractionEnd);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(localSeconds - offsetSeconds, nanos(text, fractionEnd));
    }

    /** The seconds since the epoch of the date and time of day at the start, read as UTC, or {@link #NONE}. */
    private static long localSeconds(CharSequence text) {
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || !within(month, 1, 12)
                || !within(day, 1, 31)
                || !within(hour, 0, 23)
                || !within(minute, 0, 59)
                || !within(second, 0, 59)) {
            return NONE;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay(); // refuses the 30th of February
            return epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
        } catch (DateTimeException noSuchDay) {
            return NONE;
        }
    }

    /** Where the fraction of a second (a point and 1-9 digits, or nothing) ends, or -1 when it is malformed. */
    private static int fractionEnd(CharSequence text) {
        if (text.charAt(19) != '.') {
            return 19;
        }
        int at = 20;
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        return at == 20 || at - 20 > 9 ? -1 : at;
    }

    private static int nanos(CharSequence text, int fractionEnd) {
        int nanos = 0;
        for (int i = 20; i < 29; i++) {
            nanos = nanos * 10 + (i < fractionEnd ? text.charAt(i) - '0' : 0);
        }
        return nanos;
    }

    private static boolean within(int value, int min, int max) {
        return value >= min && value <= max;
    }

    /**
     * Exactly {@link Instant#toString()}: {@code yyyy-MM-ddTHH:mm:ss}, then the fraction of a second in 3, 6 or 9
     * digits when it has one, then {@code Z}.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        char[] out = new char[30];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int end = 19;
        if (nanos != 0) {
            out[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, end, nanos / 1_000_000, 3);
                end += 3;
            } else if (nanos % 1_000 == 0) {
                put(out, end, nanos / 1_000, 6);
                end += 6;
            } else {
                put(out, end, nanos, 9);
                end += 9;
            }
        }
        out[end++] = 'Z';
        return new String(out, 0, end);
    }

    /** The offset at {@code at} to the end in seconds east of UTC, or {@link Integer#MIN_VALUE} when there is none. */
    private static int offset(CharSequence text, int at) {
        int n = text.length();
        if (at == n - 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if (at >= n || (text.charAt(at) != '+' && text.charAt(at) != '-')) {
            return Integer.MIN_VALUE;
        }
        int sign = text.charAt(at) == '-' ? -1 : 1;
        int hours;
        int minutes;
        if (n - at == 6 && text.charAt(at + 3) == ':') {
            hours = digits(text, at + 1, 2);
            minutes = digits(text, at + 4, 2);
        } else if (n - at == 5) {
            hours = digits(text, at + 1, 2);
            minutes = digits(text, at + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return Integer.MIN_VALUE;
        }
        return sign * (hours * 3_600 + minutes * 60);
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 when one of them is not a digit. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void put(char[] out, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
