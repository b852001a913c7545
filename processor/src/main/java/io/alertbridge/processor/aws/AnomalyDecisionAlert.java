package io.alertbridge.processor.aws;

import io.alertbridge.processor.anomaly.AnomalyAlerts;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyDecision;
import io.alertbridge.schemas.model.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders a detector's {@link AnomalyDecision} as an alert event, source {@code anomaly}:
 *
 * <ul>
 *   <li>with a series: FIRING ({@code anomalous} true) or RESOLVED (false) under the series' fingerprint
 *       {@code anomaly:<detector>:<series>}, the same as the scores of that series would fire
 *       ({@link AnomalyAlerts#fingerprint(String, String)}), so a later verdict resolves the earlier one;
 *   <li>without a series: nothing can resolve it, so an anomalous verdict is a one-shot (INFO status) alert and a
 *       verdict that all is well is ignored (there is nothing to resolve).
 * </ul>
 *
 * <p>Labels: the decision's own, plus {@code detector}, {@code series}, {@code entity}, {@code metric},
 * {@code resource} (the entity, unless given) and {@code score}. The event id is derived from the fingerprint, the
 * status and the observed time (the delivery's time when the decision has none), so redeliveries of one decision are
 * duplicates. Pure.
 */
final class AnomalyDecisionAlert {

    private AnomalyDecisionAlert() {}

    static Normalized normalize(AnomalyDecision decision, Delivery delivery, String text, String reason) {
        Instant at = decision.timestamp() != null ? decision.timestamp() : delivery.fallbackTime();
        Severity severity = decision.severity() != null ? decision.severity() : Severity.WARNING;
        String subject = subject(decision);
        AlertBuilder alert;
        if (decision.series() != null) {
            AlertStatus status = decision.anomalous() ? AlertStatus.FIRING : AlertStatus.RESOLVED;
            String fingerprint = AnomalyAlerts.fingerprint(decision.detector(), decision.series());
            alert = new AlertBuilder()
                    .eventId(fingerprint + ":" + status.name().toLowerCase(Locale.ROOT) + ":" + at.toEpochMilli())
                    .fingerprint(fingerprint)
                    .status(status, severity)
                    .title((decision.anomalous() ? "Anomaly in " : "Anomaly over in ") + subject);
        } else if (decision.anomalous()) {
            alert = new AlertBuilder()
                    .eventId(delivery.eventId(null, text))
                    .fingerprint("anomaly:" + decision.detector()
                            + (decision.entity() != null ? ":" + decision.entity() : ""))
                    .status(AlertStatus.INFO, severity)
                    .title("Anomaly in " + subject);
        } else {
            return new Normalized.Ignored(
                    reason + "; detector " + decision.detector() + " decided nothing is anomalous, with no series "
                            + "whose alert it could resolve",
                    false);
        }
        String score = decision.score() == null ? null : Double.toString(decision.score());
        alert.source("anomaly").summary(summary(decision, score)).occurredAt(at);
        decision.labels().forEach(alert::label);
        alert.label("detector", decision.detector())
                .label("series", decision.series())
                .label("entity", decision.entity())
                .label("metric", decision.metric())
                .label("score", score)
                .annotation("detector", decision.detector())
                .annotation("series", decision.series())
                .annotation("score", score)
                .annotation("decidedAt", at.toString());
        if (!decision.labels().containsKey("resource")) {
            alert.label("resource", decision.entity());
        }
        return new Normalized.Events(List.of(alert.build()), reason);
    }

    private static String subject(AnomalyDecision decision) {
        if (decision.metric() != null && decision.entity() != null) {
            return decision.metric() + " of " + decision.entity();
        }
        return decision.series() != null ? "series " + decision.series() : decision.detector();
    }

    private static String summary(AnomalyDecision decision, String score) {
        if (decision.summary() != null) {
            return decision.summary();
        }
        return "Detector " + decision.detector() + " decided " + (decision.anomalous() ? "anomalous" : "back to normal")
                + (score != null ? " (score " + score + ")" : "") + ".";
    }
}
