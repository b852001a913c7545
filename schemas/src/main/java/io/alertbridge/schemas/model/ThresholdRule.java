package io.alertbridge.schemas.model;

import java.util.List;
import java.util.Objects;

/**
 * Anomaly-detection thresholds for the series it matches (by {@code detector}, {@code series}, {@code entity},
 * {@code metric} or any label). The hysteresis: FIRING once at least {@code fireCount} of the last
 * {@code fireWindow} scores are at or above {@code fireThreshold}; RESOLVED once {@code clearCount} consecutive
 * scores are below {@code clearThreshold}. Among matching rules the lowest {@code order} wins.
 *
 * @param id rule id
 * @param order evaluation order, lowest first
 * @param matchers which series this applies to
 * @param fireThreshold score at or above which a point counts towards firing
 * @param clearThreshold score below which a point counts towards clearing; at most {@code fireThreshold}
 * @param fireCount k: points at or above the fire threshold needed within the window
 * @param fireWindow n: the window of most recent points
 * @param clearCount m: consecutive points below the clear threshold needed to resolve
 * @param severity severity of the alerts this produces, or null for WARNING
 */
public record ThresholdRule(
        String id,
        int order,
        List<Matcher> matchers,
        double fireThreshold,
        double clearThreshold,
        int fireCount,
        int fireWindow,
        int clearCount,
        Severity severity)
        implements Rule {

    public ThresholdRule {
        Objects.requireNonNull(id, "id");
        matchers = Collections2.list(matchers);
        if (fireThreshold < 0 || fireThreshold > 1 || clearThreshold < 0 || clearThreshold > fireThreshold) {
            throw new IllegalArgumentException("thresholds need 0 <= clearThreshold <= fireThreshold <= 1");
        }
        if (fireCount < 1 || fireWindow < fireCount || clearCount < 1) {
            throw new IllegalArgumentException("need 1 <= fireCount <= fireWindow and clearCount >= 1");
        }
        severity = severity != null ? severity : Severity.WARNING;
    }
}
