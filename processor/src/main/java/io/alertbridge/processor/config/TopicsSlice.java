package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.topics.Topics;

import java.util.regex.Pattern;

/**
 * Topic naming ({@code topics:} in YAML).
 *
 * @param prefix prefix of every topic name, {@code alertbridge.} by default; environment
 *     {@code ALERTBRIDGE_TOPIC_PREFIX}
 */
public record TopicsSlice(String prefix) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public TopicsSlice {
        Check.notNull("topics.prefix", prefix);
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "topics.prefix may only hold letters, digits, '.', '_' and '-', was '" + prefix + "'");
        }
    }

    public static TopicsSlice defaults() {
        return new TopicsSlice(Topics.DEFAULT_PREFIX);
    }

    /** The topic catalog under this prefix. */
    public Topics catalog() {
        return Topics.withPrefix(prefix);
    }
}
