package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.schemas.model.Severity;

/** Alertbridge's severity as PagerDuty's Events API v2 names it ({@code critical}, {@code error}, ...). Pure. */
public final class PagerDutySeverity {

    private PagerDutySeverity() {}

    /** PagerDuty's severity; an unknown one is {@code error}, so that it still pages. */
    public static String of(Severity severity) {
        if (severity == null) {
            return "error";
        }
        return switch (severity) {
            case CRITICAL -> "critical";
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }
}
