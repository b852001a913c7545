package io.alertbridge.processor.aws;

import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

/** CloudWatch alarm states (both the SNS and the EventBridge shape) to alert status and severity. */
final class AlarmStates {

    private AlarmStates() {}

    /**
     * The status and severity for a state, or null when INSUFFICIENT_DATA is configured to be ignored.
     *
     * @throws MalformedMessageException for a state CloudWatch does not have
     */
    static Outcome of(String state, NormalizeSlice config, String shape) {
        return switch (state) {
            case "ALARM" -> new Outcome(AlertStatus.FIRING, config.alarmSeverity());
            case "OK" -> new Outcome(AlertStatus.RESOLVED, config.alarmSeverity());
            case "INSUFFICIENT_DATA" -> insufficientData(config);
            default ->
                throw new MalformedMessageException(
                        shape + ": state '" + Fields.abbreviate(state) + "' is not ALARM, OK or INSUFFICIENT_DATA");
        };
    }

    private static Outcome insufficientData(NormalizeSlice config) {
        Severity severity = config.insufficientDataSeverity();
        return switch (config.insufficientData()) {
            case INFO -> new Outcome(AlertStatus.INFO, severity);
            case FIRING -> new Outcome(AlertStatus.FIRING, severity);
            case RESOLVED -> new Outcome(AlertStatus.RESOLVED, severity);
            case IGNORE -> null;
        };
    }

    /** The status and severity an alarm state maps to. */
    record Outcome(AlertStatus status, Severity severity) {}
}
