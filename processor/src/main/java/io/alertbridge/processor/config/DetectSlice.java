package io.alertbridge.processor.config;

import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.List;

/**
 * The default anomaly thresholds ({@code detect:} in YAML), used for every series that no threshold rule matches.
 * Rules override them per detector, series or label.
 *
 * <p>The defaults (1 of 1 at or above 0.5 fires; 48 consecutive points below 0.3 resolve) were tuned on real
 * detector output (NAB, detectors numenta and randomCutForest): their scores are isolated spikes, so requiring
 * 2 points of a window halves the labelled anomaly windows caught, while a long clear count folds the spikes of
 * one episode into one alert. See {@code NabReplayTest}.
 *
 * @param fireThreshold score at or above which a point counts towards firing
 * @param clearThreshold score below which a point counts towards resolving; at most {@code fireThreshold}
 * @param fireCount k: points at or above the fire threshold among the last n
 * @param fireWindow n: the window of most recent points
 * @param clearCount m: consecutive points below the clear threshold that resolve
 * @param severity severity of anomaly alerts
 * @param seriesPoints the last scored points kept per series (store {@code detect-scores}) and attached to its
 *     FIRING and RESOLVED for the graph; 0 keeps none; at most {@link AnomalySeries#MAX_POINTS}
 */
public record DetectSlice(
        double fireThreshold,
        double clearThreshold,
        int fireCount,
        int fireWindow,
        int clearCount,
        Severity severity,
        int seriesPoints) {

    /** Points kept per series unless configured: two hours of one-minute points. */
    public static final int DEFAULT_SERIES_POINTS = 120;

    /** Id of the threshold rule built from this slice. */
    public static final String DEFAULT_RULE_ID = "detect-default";

    public DetectSlice {
        Check.unitInterval("detect.fireThreshold", fireThreshold);
        Check.unitInterval("detect.clearThreshold", clearThreshold);
        if (clearThreshold > fireThreshold) {
            throw new IllegalArgumentException("detect.clearThreshold (" + clearThreshold
                    + ") must not exceed detect.fireThreshold (" + fireThreshold + ")");
        }
        Check.atLeast("detect.fireCount", fireCount, 1);
        Check.atLeast("detect.fireWindow", fireWindow, fireCount);
        Check.atLeast("detect.clearCount", clearCount, 1);
        Check.notNull("detect.severity", severity);
        Check.atLeast("detect.seriesPoints", seriesPoints, 0);
        if (seriesPoints > AnomalySeries.MAX_POINTS) {
            throw new IllegalArgumentException("detect.seriesPoints must be at most " + AnomalySeries.MAX_POINTS
                    + " (about 40 KB of JSON per series), was " + seriesPoints);
        }
    }

    public static DetectSlice defaults() {
        return new DetectSlice(0.5, 0.3, 1, 1, 48, Severity.WARNING, DEFAULT_SERIES_POINTS);
    }

    /** These defaults as a threshold rule matching every series. */
    public ThresholdRule defaultThreshold() {
        return new ThresholdRule(
                DEFAULT_RULE_ID,
                Integer.MAX_VALUE,
                List.of(),
                fireThreshold,
                clearThreshold,
                fireCount,
                fireWindow,
                clearCount,
                severity);
    }

    /**
     * The threshold that applies: the rule book's choice, unless that is the rule book's built-in fallback, in
     * which case this slice's defaults.
     */
    public ThresholdRule effective(ThresholdRule fromRuleBook) {
        return RuleBook.DEFAULT_THRESHOLD_ID.equals(fromRuleBook.id()) ? defaultThreshold() : fromRuleBook;
    }
}
