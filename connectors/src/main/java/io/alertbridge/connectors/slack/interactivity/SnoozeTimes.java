package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a person chose ("1 h", "4 h", "until tomorrow morning", {@code 2h} typed after {@code /alerts
 * snooze}) into the instant the snooze ends. Pure and thread-safe.
 *
 * <p>Durations are ISO-8601 ({@code PT1H}) or the short form ({@code 30m}, {@code 4h}, {@code 1d}); they must be
 * positive and not longer than the configured maximum. "Tomorrow morning" ({@code tomorrow-morning},
 * {@code tomorrow}, {@code morning}) is the next configured morning time ({@code 09:00} by default) in the
 * configured zone that is more than an hour away: at 02:00 that is 09:00 the same day (the night's "tomorrow"),
 * at 08:30 it is 09:00 the next day, never a snooze of a few minutes.
 */
final class SnoozeTimes {

    /** The snooze choice that means "until tomorrow morning". */
    static final String TOMORROW_MORNING = "tomorrow-morning";

    private static final Set<String> MORNING_WORDS = Set.of(TOMORROW_MORNING, "tomorrow", "morning");
    private static final Duration MIN_AHEAD = Duration.ofHours(1);

    private final ZoneId zone;
    private final LocalTime morning;
    private final Duration max;

    SnoozeTimes(ZoneId zone, LocalTime morning, Duration max) {
        this.zone = zone;
        this.morning = morning;
        this.max = max;
    }

    /**
     * When a snooze asked at {@code now} ends.
     *
     * @param choice a duration or a "tomorrow morning" word
     * @throws IllegalArgumentException with a sentence for the person when the choice is not understood or too long
     */
    Instant until(String choice, Instant now) {
        if (choice == null || choice.isBlank()) {
            throw new IllegalArgumentException("say how long to snooze, e.g. 2h, 30m or tomorrow");
        }
        String text = choice.strip().toLowerCase(Locale.ROOT);
        if (MORNING_WORDS.contains(text)) {
            return nextMorning(now);
        }
        Duration duration;
        try {
            duration = Json.parseDuration(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'" + choice.strip() + "' is not a snooze length; use e.g. 30m, 2h, 1d or tomorrow");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("a snooze must last more than zero");
        }
        if (duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("a snooze may last at most " + human(max));
        }
        return now.plus(duration);
    }

    /** The next morning time that is more than an hour after {@code now}. */
    Instant nextMorning(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(morning).atZone(zone);
        while (!candidate.toInstant().isAfter(now.plus(MIN_AHEAD))) {
            candidate = candidate.toLocalDate().plusDays(1).atTime(morning).atZone(zone);
        }
        return candidate.toInstant();
    }

    /** {@code 7d}, {@code 4h}, {@code 1h30m}: how people write durations. */
    static String human(Duration d) {
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (out.length() == 0 || d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }
}
