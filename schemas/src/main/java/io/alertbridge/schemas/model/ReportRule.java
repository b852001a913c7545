package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scheduled report digest: the figures of {@code /alerts report} posted into {@link #channel()} every day or every
 * week at a local time. The period reported is the day (or the seven days) that ends at the due instant. Posted once
 * per period, also across restarts and several interactivity instances (the interactivity side's
 * {@code ScheduledDigests} looks for its own earlier post in the channel first).
 *
 * @param id the rule id; part of the period key that makes a digest unique
 * @param channel where the digest is posted (a channel id or name, with or without {@code #})
 * @param every {@code day} or {@code week}
 * @param at the local time of day it is due, {@code HH:mm}
 * @param zone the IANA time zone of {@code at} (and of the days and weekday); null for UTC
 * @param weekday for {@code week}: the day it is due; null for MONDAY. Not given for {@code day}
 * @param filter which incidents count, as {@code /alerts report} takes it: {@code route:R}, {@code service:S} or
 *     {@code channel:C}; null for all
 */
public record ReportRule(
        String id,
        String channel,
        Every every,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime at,
        ZoneId zone,
        DayOfWeek weekday,
        String filter)
        implements Rule {

    /** The accepted forms of {@link #filter()}. */
    public static final Pattern FILTER = Pattern.compile("(route|service|channel):\\S+");

    public ReportRule {
        Objects.requireNonNull(id, "id");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("report " + id + ": 'channel' is required");
        }
        if (every == null) {
            throw new IllegalArgumentException("report " + id + ": 'every' is required (day or week)");
        }
        if (at == null) {
            throw new IllegalArgumentException("report " + id + ": 'at' is required (a local time, HH:mm)");
        }
        if (filter != null && !FILTER.matcher(filter).matches()) {
            throw new IllegalArgumentException(
                    "report " + id + ": 'filter' must be route:R, service:S or channel:C," + " not '" + filter + "'");
        }
        if (every == Every.DAY && weekday != null) {
            throw new IllegalArgumentException("report " + id + ": 'weekday' only applies to 'every: week'");
        }
        zone = zone != null ? zone : ZoneId.of("UTC");
        if (every == Every.WEEK && weekday == null) {
            weekday = DayOfWeek.MONDAY;
        }
    }

    /** A digest selects no alerts. */
    @Override
    @JsonIgnore
    public List<Matcher> matchers() {
        return List.of();
    }

    /** How often a digest is posted. */
    public enum Every {
        DAY,
        WEEK;

        /** The name used in rules ({@code day}, {@code week}). */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Every fromJson(String text) {
            for (Every every : values()) {
                if (every.json().equals(text)) {
                    return every;
                }
            }
            throw new IllegalArgumentException("unknown period '" + text + "' (day or week)");
        }
    }
}
