package io.alertbridge.schemas.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks that configuration records run in their constructors, and the secret masking their {@code toString()}
 * uses. Every failure is an {@link IllegalArgumentException} whose message starts with the key as the file names it
 * ({@code streams.numThreads}, {@code slack.apiUrl}), so the loader can report it as it is. Pure and thread-safe.
 */
public final class Check {

    private Check() {}

    /** {@code <key> must not be blank} unless {@code value} has text. */
    public static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return value;
    }

    /** {@code <key> must be set} unless {@code value} is there. */
    public static <T> T notNull(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
        return value;
    }

    public static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    public static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    public static double unitInterval(String key, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(key + " must be within [0, 1], was " + value);
        }
        return value;
    }

    /** {@code value} when it is set and longer than zero. */
    public static Duration positive(String key, Duration value) {
        notNull(key, value);
        if (!positive(value)) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
        return value;
    }

    /**
     * A record's own check.
     *
     * @param key the key as the file names it ({@code slack.apiUrl})
     * @throws IllegalArgumentException {@code <key>: <problem>} unless {@code ok}
     */
    public static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + problem);
        }
    }

    /** True for an absolute {@code http} or {@code https} URL with a host. */
    public static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            return isHttpUrl(URI.create(url));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True for an absolute {@code http} or {@code https} URI with a host. */
    public static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** True for a duration longer than zero. */
    public static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /**
     * A secret as {@code toString()} may show it: its Slack-style kind ({@code xoxb-}, {@code xapp-}) and stars,
     * else stars only; {@code null} for none.
     */
    public static String mask(String secret) {
        if (secret == null) {
            return "null";
        }
        int dash = secret.indexOf('-');
        return (dash > 0 && dash <= 5 ? secret.substring(0, dash + 1) : "") + "****";
    }

    /** The comma-separated items of an environment variable, trimmed, blanks dropped; empty for null. */
    public static List<String> commaSeparated(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
