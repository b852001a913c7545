package io.alertbridge.processor.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.alertbridge.schemas.config.ByteSize;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.model.Severity;

/**
 * How raw AWS messages become alert events ({@code normalize:} in YAML).
 *
 * @param insufficientData what a CloudWatch alarm entering INSUFFICIENT_DATA becomes: {@code info} (default),
 *     {@code firing}, {@code resolved} or {@code ignore}
 * @param insufficientDataSeverity severity of those events (default WARNING)
 * @param alarmSeverity severity of CloudWatch alarm, pipeline and build alerts (default ERROR)
 * @param maxBodyBytes bodies larger than this go to the DLQ unread; default 256 KiB, the largest message SNS can
 *     publish, so anything larger cannot be an AWS notification
 * @param codebuildPhaseChanges whether CodeBuild phase changes become INFO events (default false: ignored, as
 *     there are up to nine per build)
 * @param plainTextMessages whether an SNS notification (or raw delivery) whose message is plain text rather than
 *     JSON becomes an INFO event (default true); when false it goes to the DLQ
 */
public record NormalizeSlice(
        InsufficientData insufficientData,
        Severity insufficientDataSeverity,
        Severity alarmSeverity,
        @JsonDeserialize(using = ByteSize.Deserializer.class) long maxBodyBytes,
        boolean codebuildPhaseChanges,
        boolean plainTextMessages) {

    /** What INSUFFICIENT_DATA means here. */
    public enum InsufficientData {
        INFO,
        FIRING,
        RESOLVED,
        IGNORE
    }

    public NormalizeSlice {
        Check.notNull("normalize.insufficientData", insufficientData);
        Check.notNull("normalize.insufficientDataSeverity", insufficientDataSeverity);
        Check.notNull("normalize.alarmSeverity", alarmSeverity);
        Check.atLeast("normalize.maxBodyBytes", maxBodyBytes, 1024L);
    }

    public static NormalizeSlice defaults() {
        return new NormalizeSlice(InsufficientData.INFO, Severity.WARNING, Severity.ERROR, 256L << 10, false, true);
    }
}
