package io.alertbridge.connectors.slack.rendering;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times in messages as Slack's date formatting, {@code <!date^EPOCH^{date_short_pretty} {time}|fallback UTC>}: each
 * reader's Slack shows the time in their own time zone ("Today 4:05 PM"); a client that cannot shows the UTC
 * fallback ({@code 2026-03-01 14:05 UTC}). The fallback holds neither {@code |} nor {@code >}, so the token cannot
 * break. Stateless; thread-safe.
 */
public final class SlackDates {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The processor's timeline lines start with the UTC time of day: {@code 14:05:09 UTC  text}. */
    private static final Pattern TIMELINE_TIME = Pattern.compile("(?m)^([01]\\d|2[0-3]):([0-5]\\d):([0-5]\\d) UTC {2}");

    private SlackDates() {}

    /** A time to the minute: {@code <!date^1772373900^{date_short_pretty} {time}|2026-03-01 14:05 UTC>}. */
    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + MINUTES.format(at) + " UTC>";
    }

    /** A time to the second, for timelines where changes come seconds apart. */
    public static String dateWithSeconds(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + SECONDS.format(at) + " UTC>";
    }

    /**
     * Turns the UTC time of day that starts each timeline line ({@code 14:05:09 UTC  ...}) into a date token. The
     * line carries no date: it is the last such time at or before {@code sentAt} (the reply's command was made after
     * its entries, within the hour the throttle batches them in). Other text is left as it is; call it on text that
     * is already escaped, as the token must stay a token.
     *
     * @param text escaped reply text
     * @param sentAt when the reply's command was made, or {@code null} to leave the text alone
     */
    public static String timelineTimes(String text, Instant sentAt) {
        if (sentAt == null) {
            return text;
        }
        Matcher matcher = TIMELINE_TIME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            LocalTime time = LocalTime.of(
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(dateWithSeconds(lastAtOrBefore(time, sentAt)) + "  "));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The last instant at or before {@code limit} whose UTC time of day is {@code time}. */
    static Instant lastAtOrBefore(LocalTime time, Instant limit) {
        ZonedDateTime candidate = limit.atZone(ZoneOffset.UTC).with(time);
        if (candidate.toInstant().isAfter(limit)) {
            candidate = candidate.minusDays(1);
        }
        return candidate.toInstant();
    }
}
