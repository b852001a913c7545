package io.alertbridge.connectors.receivers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110), bounded so that a destination
 * cannot park a receiver for days. A pure function.
 */
public final class RetryAfter {

    /** The longest wait a header may ask for; a longer one is cut to this. */
    public static final Duration MAX = Duration.ofMinutes(10);

    private RetryAfter() {}

    /**
     * The wait the header asks for.
     *
     * @param header the header's value, or null
     * @param now the current time, for an HTTP-date
     * @return the wait (zero for a date in the past), or null when absent or unreadable
     */
    public static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 9) {
                return MAX;
            }
            wait = Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                wait = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
