package io.alertbridge.schemas.model;

/** How bad an alert is. Declared from worst to mildest; an incident's severity is its worst member's. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO;

    /** True when this severity is worse than {@code other}. */
    public boolean isWorseThan(Severity other) {
        return other == null || compareTo(other) < 0;
    }

    /** The worse of two severities; null-tolerant. */
    public static Severity worst(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        return a.isWorseThan(b) ? a : b;
    }
}
