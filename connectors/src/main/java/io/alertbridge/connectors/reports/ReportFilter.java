package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;

import java.util.Locale;
import java.util.Objects;

/**
 * Which incidents a report counts: all, or those of one route, one service ({@code service} group label) or one
 * channel. Compared without case; a channel without its leading {@code #}. Immutable.
 *
 * @param by what is compared
 * @param value the accepted value (normalised), or null for {@link By#ALL}
 */
public record ReportFilter(By by, String value) {

    /** The filter that counts everything. */
    public static final ReportFilter ALL = new ReportFilter(By.ALL, null);

    /** What a filter compares. */
    public enum By {
        ALL,
        ROUTE,
        SERVICE,
        CHANNEL
    }

    public ReportFilter {
        Objects.requireNonNull(by, "by");
        value = by == By.ALL ? null : normalise(by, Objects.requireNonNull(value, "value"));
    }

    /** A filter by route, service or channel. */
    public static ReportFilter of(By by, String value) {
        return new ReportFilter(by, value);
    }

    /** True when the transition's incident passes. */
    public boolean test(IncidentTransition t) {
        return switch (by) {
            case ALL -> true;
            case ROUTE -> value.equals(normalise(by, t.routeId()));
            case SERVICE -> value.equals(normalise(by, t.service()));
            case CHANNEL -> value.equals(normalise(by, t.channel()));
        };
    }

    /** The value of this filter's kind in a transition, normalised, or null. */
    public String valueOf(IncidentTransition t) {
        return valueOf(by, t);
    }

    /** The value of a filter kind in a transition, normalised, or null. */
    public static String valueOf(By by, IncidentTransition t) {
        return switch (by) {
            case ALL -> null;
            case ROUTE -> normalise(by, t.routeId());
            case SERVICE -> normalise(by, t.service());
            case CHANNEL -> normalise(by, t.channel());
        };
    }

    /** A short description, e.g. {@code route checkout}; empty for {@link #ALL}. */
    public String describe() {
        return by == By.ALL ? "" : by.name().toLowerCase(Locale.ROOT) + " " + (by == By.CHANNEL ? "#" : "") + value;
    }

    private static String normalise(By by, String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (by == By.CHANNEL && t.startsWith("#")) {
            t = t.substring(1);
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
