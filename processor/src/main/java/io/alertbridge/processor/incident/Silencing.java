package io.alertbridge.processor.incident;

import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.SilenceRule;

import java.util.Optional;

/**
 * Whether a silence or maintenance window suppresses an alert: one matches the alert and covers the instant it
 * happened (its {@code occurredAt}, so an alarm from inside a maintenance window that arrives late is still
 * suppressed, and replays decide the same way). A RESOLVED always passes, so incidents can close. A suppressed event is
 * still recorded on its incident; it is never notified. Thread-safe (stateless).
 */
public final class Silencing {

    private Silencing() {}

    /** Decides for one alert under the given rules. */
    public static Decision decide(AlertEvent event, RuleBook rules) {
        if (event.status() == AlertStatus.RESOLVED) {
            return new Decision(null, "RESOLVED always passes");
        }
        if (event.isSuppressed()) {
            return new Decision(event.suppressedBy(), "already suppressed by " + event.suppressedBy());
        }
        Optional<SilenceRule> silence = rules.silenceFor(Attributes.of(event), event.occurredAt());
        return silence.map(s -> new Decision(s.id(), "silenced by " + s.id() + " until " + s.endsAt() + reason(s)))
                .orElseGet(() -> new Decision(null, "no active silence matches"));
    }

    private static String reason(SilenceRule silence) {
        return silence.reason() == null ? "" : " (" + silence.reason() + ")";
    }

    /**
     * A silence decision.
     *
     * @param silenceId the silence that suppresses the alert, or null when it passes
     * @param reason why, for logs and tests
     */
    public record Decision(String silenceId, String reason) {
        public boolean suppressed() {
            return silenceId != null;
        }
    }
}
