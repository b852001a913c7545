package io.alertbridge.processor.errors;

import java.util.Objects;

/**
 * A record a stage gave up on, on its way to the dead-letter topic: the bytes to keep and why. The source
 * coordinates (topic, partition, offset) are added by {@link DeadLetterSink} from the record being processed.
 *
 * @param key the original key bytes (may be null)
 * @param value the original value bytes (may be null)
 * @param stage the stage that gave up ({@code normalize}, ...)
 * @param errorClass the exception class, or the name of the rule, that explains it
 * @param reason a human explanation
 */
public record Rejected(byte[] key, byte[] value, String stage, String errorClass, String reason) {

    public Rejected {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rejected other
                && java.util.Arrays.equals(key, other.key)
                && java.util.Arrays.equals(value, other.value)
                && stage.equals(other.stage)
                && errorClass.equals(other.errorClass)
                && reason.equals(other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                java.util.Arrays.hashCode(key), java.util.Arrays.hashCode(value), stage, errorClass, reason);
    }

    @Override
    public String toString() {
        return "Rejected[" + stage + ": " + errorClass + ": " + reason + "]";
    }
}
