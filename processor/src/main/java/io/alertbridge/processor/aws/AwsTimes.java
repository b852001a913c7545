package io.alertbridge.processor.aws;

import io.alertbridge.schemas.text.IsoInstants;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS timestamps in the forms AWS writes them: ISO-8601 with {@code Z} ({@code 2017-12-22T18:43:48Z}), with a
 * colon offset, CloudWatch's {@code +0000} form without a colon ({@code 2019-02-12T15:45:24.006+0000}), and the
 * RFC 1123 form of AWS Health ({@code Sat, 04 Jun 2016 05:01:10 GMT}).
 */
public final class AwsTimes {

    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private AwsTimes() {}

    /** The instant, or empty when the text is not one of AWS's forms. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Instant common = IsoInstants.parse(trimmed); // nearly every AWS time, without java.time's formatters
        if (common != null) {
            return Optional.of(common);
        }
        // CloudWatch's own form first, without trying Instant.parse on it: a failed parse throws, and filling in the
        // exception's stack trace cost more than the parse itself on every CloudWatch alarm.
        Matcher colonless = COLONLESS_OFFSET.matcher(trimmed);
        if (colonless.find()) {
            return offsetDateTime(colonless.replaceFirst("$1:$2")).or(() -> rfc1123(trimmed));
        }
        try {
            return Optional.of(Instant.parse(trimmed));
        } catch (DateTimeParseException notZulu) {
            return offsetDateTime(trimmed).or(() -> rfc1123(trimmed));
        }
    }

    private static Optional<Instant> offsetDateTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException notOffset) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> rfc1123(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException notRfc1123) {
            return Optional.empty();
        }
    }
}
