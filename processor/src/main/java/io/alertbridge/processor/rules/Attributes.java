package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;

import java.util.HashMap;
import java.util.Map;

/**
 * The attributes matchers see: an alert's labels plus its {@code source}, {@code severity}, {@code status} and
 * {@code fingerprint}; a series' labels plus {@code detector}, {@code series}, {@code entity} and {@code metric}.
 * Fields win over labels of the same name.
 */
public final class Attributes {

    private Attributes() {}

    /** What route and silence matchers see of an alert. */
    public static Map<String, String> of(AlertEvent event) {
        Map<String, String> attributes = new HashMap<>(event.labels());
        attributes.put("source", event.source());
        attributes.put("severity", event.severity().name());
        attributes.put("status", event.status().name());
        attributes.put("fingerprint", event.fingerprint());
        return attributes;
    }

    /** What threshold matchers see of an anomaly score's series. */
    public static Map<String, String> of(AnomalyScore score) {
        Map<String, String> attributes = new HashMap<>(score.labels());
        attributes.put("detector", score.detector());
        attributes.put("series", score.series());
        putIfPresent(attributes, "entity", score.entity());
        putIfPresent(attributes, "metric", score.metric());
        return attributes;
    }

    private static void putIfPresent(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
