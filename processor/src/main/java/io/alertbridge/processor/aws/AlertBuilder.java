package io.alertbridge.processor.aws;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles an {@link AlertEvent} field by field; blank labels and annotations are left out. Not thread-safe. */
final class AlertBuilder {

    private static final int MAX_ANNOTATION_CHARS = 2_000;

    private String eventId;
    private String fingerprint;
    private String source;
    private AlertStatus status;
    private Severity severity;
    private String title;
    private String summary;
    private Instant occurredAt;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private AlarmMetric metric;

    AlertBuilder eventId(String value) {
        eventId = value;
        return this;
    }

    AlertBuilder fingerprint(String value) {
        fingerprint = value;
        return this;
    }

    AlertBuilder source(String value) {
        source = value;
        return this;
    }

    AlertBuilder status(AlertStatus value, Severity severityOfIt) {
        status = value;
        severity = severityOfIt;
        return this;
    }

    AlertBuilder title(String value) {
        title = value;
        return this;
    }

    AlertBuilder summary(String value) {
        summary = value == null || value.isBlank() ? null : value;
        return this;
    }

    AlertBuilder occurredAt(Instant value) {
        occurredAt = value;
        return this;
    }

    AlertBuilder label(String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value.trim());
        }
        return this;
    }

    AlertBuilder annotation(String name, String value) {
        if (value != null && !value.isBlank()) {
            annotations.put(
                    name,
                    value.length() <= MAX_ANNOTATION_CHARS ? value : value.substring(0, MAX_ANNOTATION_CHARS) + "...");
        }
        return this;
    }

    AlertBuilder link(Link link) {
        links.add(link);
        return this;
    }

    AlertBuilder metric(AlarmMetric value) {
        metric = value;
        return this;
    }

    AlertEvent build() {
        return new AlertEvent(
                eventId,
                fingerprint,
                source,
                status,
                severity,
                title,
                summary,
                occurredAt,
                labels,
                annotations,
                links,
                null,
                metric,
                null);
    }
}
