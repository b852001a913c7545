package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.time.Duration;

/**
 * Deduplication ({@code dedupe:} in YAML).
 *
 * @param retention how long an event id is remembered (stream time); SNS and SQS redeliver within minutes, the
 *     default of one day leaves room for replays of a bridge backlog
 * @param dropResolvedWithoutFiring whether a RESOLVED for a fingerprint that never fired here is dropped (it
 *     resolves nothing; default true)
 */
public record DedupeSlice(Duration retention, boolean dropResolvedWithoutFiring) {

    public DedupeSlice {
        Check.positive("dedupe.retention", retention);
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("dedupe.retention must be at least 1m, was " + retention);
        }
    }

    public static DedupeSlice defaults() {
        return new DedupeSlice(Duration.ofDays(1), true);
    }
}
