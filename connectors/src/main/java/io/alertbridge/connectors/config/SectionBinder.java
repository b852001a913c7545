package io.alertbridge.connectors.config;

import io.alertbridge.schemas.serde.Json;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds one section of the YAML configuration file ({@code slack}, {@code slack.interactivity}, {@code sqs}) to its
 * configuration record: the section's keys as written, overlaid by environment variables (the environment wins over
 * the file; an unset or blank variable changes nothing), then converted by the one JSON mapper ({@link Json}), so
 * durations read {@code 30s} or {@code PT30S} alike. The record's constructor validates, with {@link #require}.
 *
 * <p>Every failure is an {@link IllegalArgumentException} naming the key: {@code sqs.waitTimeout: unknown key
 * (known: [...])}, the record's own {@code slack.apiUrl: an http(s) URL ending in /: ...}, or Jackson's message
 * behind the section's name ({@code slack: Cannot deserialize value of type ...["reconcilePages"]}). Secrets are
 * plain strings that cannot fail to bind, so they never appear in a message.
 *
 * <pre>
 * return SectionBinder.of("slack", section)
 *         .overlay("token", env.get("SLACK_BOT_TOKEN"))
 *         .bind(SlackSinkConfig.class);
 * </pre>
 *
 * <p>A binder is used once, by one thread; the static checks are pure and thread-safe.
 */
public final class SectionBinder {

    private final String name;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private String timeKeys;

    private SectionBinder(String name, Map<String, ?> section) {
        this.name = name;
        if (section != null) {
            values.putAll(section);
        }
    }

    /**
     * A binder of the section {@code name}, starting from its keys as the file has them.
     *
     * @param name the section's path in the file, as messages name it ({@code slack.interactivity})
     * @param section the section's keys and values; null when the file has none
     */
    public static SectionBinder of(String name, Map<String, ?> section) {
        return new SectionBinder(name, section);
    }

    /**
     * Refuses a key that is not one of {@code type}'s record components: a misspelt key fails at start instead of
     * being ignored.
     *
     * @throws IllegalArgumentException {@code <section>.<key>: unknown key (known: [...])}
     */
    public SectionBinder onlyKeysOf(Class<? extends Record> type) {
        Set<String> known = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String key : values.keySet()) {
            require(known.contains(key), name + "." + key, "unknown key (known: " + known + ")");
        }
        return this;
    }

    /**
     * Sets {@code key} from the environment: a variable's text, or a value already parsed from one (a list). Null,
     * blank text and an empty collection leave the file's value alone.
     */
    public SectionBinder overlay(String key, Object value) {
        boolean absent = value == null
                || (value instanceof String text && text.isBlank())
                || (value instanceof Collection<?> many && many.isEmpty());
        if (!absent) {
            values.put(key, value);
        }
        return this;
    }

    /**
     * Names the keys whose values are dates, times or zones: the JDK's {@link DateTimeException} does not say which
     * key it came from, so its message is put behind {@code <section>.<key>/<key>}.
     */
    public SectionBinder timeKeys(String... keys) {
        this.timeKeys = String.join("/", keys);
        return this;
    }

    /**
     * The section converted to {@code type}; the type's constructor validates it.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public <T> T bind(Class<T> type) {
        try {
            return Json.mapper().convertValue(values, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(explain(e), e);
        }
    }

    private String explain(IllegalArgumentException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException
                && String.valueOf(root.getMessage()).startsWith(name + ".")) {
            return root.getMessage();
        }
        if (root instanceof DateTimeException && timeKeys != null) {
            return name + "." + timeKeys + ": " + root.getMessage();
        }
        // Jackson's message names the field ("... through reference chain: ...[\"maxSnooze\"]").
        return name + ": " + e.getMessage();
    }

    /**
     * A configuration record's check.
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
