package io.alertbridge.processor.config;

import java.time.Duration;

/** Validation helpers for slice constructors; every message names the configuration key it is about. */
final class Check {

    private Check() {}

    static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return value;
    }

    static <T> T notNull(String key, T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
        return value;
    }

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    static double unitInterval(String key, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(key + " must be within [0, 1], was " + value);
        }
        return value;
    }

    static Duration positive(String key, Duration value) {
        notNull(key, value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
        return value;
    }
}
