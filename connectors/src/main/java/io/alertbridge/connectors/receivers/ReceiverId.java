package io.alertbridge.connectors.receivers;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one receiver as a route lists it: {@code webhook:tickets}, {@code pagerduty:oncall},
 * {@code email:ops}. Immutable.
 *
 * @param kind what sort of destination
 * @param name its name in the configuration
 */
public record ReceiverId(Kind kind, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    /** The kinds of receiver beside Slack. */
    public enum Kind {
        WEBHOOK,
        PAGERDUTY,
        EMAIL;

        /** The kind as routes and the configuration write it ({@code webhook}). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ReceiverId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("receivers." + kind.key() + "." + name
                    + ": a receiver's name is letters, digits, '-' and '_' (at most 63)");
        }
    }

    /** A webhook receiver's id. */
    public static ReceiverId webhook(String name) {
        return new ReceiverId(Kind.WEBHOOK, name);
    }

    /** A PagerDuty receiver's id. */
    public static ReceiverId pagerDuty(String name) {
        return new ReceiverId(Kind.PAGERDUTY, name);
    }

    /** The consumer group a receiver uses unless configured otherwise: {@code alertbridge-receiver-webhook-tickets}. */
    public String defaultGroupId() {
        return "alertbridge-receiver-" + kind.key() + "-" + name;
    }

    /** As routes list it: {@code webhook:tickets}. */
    @Override
    public String toString() {
        return kind.key() + ":" + name;
    }
}
