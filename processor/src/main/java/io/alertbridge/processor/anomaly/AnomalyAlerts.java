package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a series' transition as an {@link AlertEvent}: source {@code anomaly}, fingerprint
 * {@code anomaly:<detector>:<series>}, the series' labels plus {@code detector}, {@code series}, {@code entity},
 * {@code metric} and {@code resource} (the entity, so that an alarm and a score about the same resource
 * correlate), and the episode's peak score and value, the detector, the series and the thresholds as annotations. The event id
 * is derived from the series and the transition's time, so replaying the same scores gives the same ids. The event
 * carries the series' recent scores ({@link SeriesRing}) as {@link AlertEvent#scores()}, for its graph. Pure.
 */
public final class AnomalyAlerts {

    private AnomalyAlerts() {}

    /** The fingerprint of a series scored by a detector. */
    public static String fingerprint(AnomalyScore score) {
        return fingerprint(score.detector(), score.series());
    }

    /** The fingerprint of a series judged by a detector, whether from scores or from its own decisions. */
    public static String fingerprint(String detector, String series) {
        return "anomaly:" + detector + ":" + series;
    }

    /** The key of a series in the detect stage's store (one state machine per detector and series). */
    public static String seriesKey(AnomalyScore score) {
        return score.detector() + "\u0000" + score.series();
    }

    /**
     * The alert event for a transition.
     *
     * @param scores the series' recent scores with the rule's thresholds, or null when none are kept
     */
    public static AlertEvent event(
            AnomalyScore score, ThresholdRule rule, Transition transition, AnomalySeries scores) {
        String fingerprint = fingerprint(score);
        Episode episode = transition.episode();
        Map<String, String> labels = new LinkedHashMap<>(score.labels());
        labels.put("detector", score.detector());
        labels.put("series", score.series());
        putIfPresent(labels, "entity", score.entity());
        putIfPresent(labels, "metric", score.metric());
        if (!labels.containsKey("resource")) {
            putIfPresent(labels, "resource", score.entity());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("detector", score.detector());
        annotations.put("series", score.series());
        annotations.put("peakScore", Double.toString(episode.peak().score()));
        if (episode.peak().value() != null) {
            annotations.put("peakValue", Double.toString(episode.peak().value()));
        }
        annotations.put("peakAt", episode.peak().at().toString());
        annotations.put("score", Double.toString(transition.point().score()));
        if (transition.point().value() != null) {
            annotations.put("value", Double.toString(transition.point().value()));
        }
        annotations.put("episodeStartedAt", episode.startedAt().toString());
        annotations.put("points", Long.toString(episode.points()));
        annotations.put("fireThreshold", Double.toString(rule.fireThreshold()));
        annotations.put("clearThreshold", Double.toString(rule.clearThreshold()));
        annotations.put("rule", rule.id());
        annotations.put("reason", transition.reason());
        String subject = score.metric() != null && score.entity() != null
                ? score.metric() + " of " + score.entity()
                : "series " + score.series();
        String title = (transition.status() == AlertStatus.FIRING ? "Anomaly in " : "Anomaly over in ") + subject;
        return new AlertEvent(
                fingerprint + ":" + transition.status().name().toLowerCase(java.util.Locale.ROOT) + ":"
                        + transition.point().at().toEpochMilli(),
                fingerprint,
                "anomaly",
                transition.status(),
                rule.severity(),
                title,
                summary(score, transition),
                transition.point().at(),
                labels,
                annotations,
                List.of(),
                null,
                null,
                scores);
    }

    private static String summary(AnomalyScore score, Transition transition) {
        Episode episode = transition.episode();
        return "Detector " + score.detector() + ": " + transition.reason() + "; peak score "
                + episode.peak().score()
                + (episode.peak().value() != null ? " (value " + episode.peak().value() + ")" : "") + " at "
                + episode.peak().at() + ".";
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
