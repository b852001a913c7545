package io.alertbridge.processor.incident;

import java.time.Duration;

/** Durations as people write them: {@code 45s}, {@code 10m}, {@code 1h30m}, {@code 2d}. Thread-safe (stateless). */
public final class Durations {

    private Durations() {}

    /** The duration in the short form ({@code 1h30m}); {@code 0s} for zero or less. */
    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        append(out, days, "d");
        append(out, hours, "h");
        append(out, minutes, "m");
        append(out, rest, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value > 0) {
            out.append(value).append(unit);
        }
    }
}
