package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AWS Health events (source {@code aws.health}, detail-type {@code AWS Health Event}). An {@code issue} (or
 * {@code investigation}) fires while its status is {@code open} and resolves when {@code closed}; scheduled changes
 * and account notifications are INFO. Fingerprint: the Health event ARN (per account); occurredAt: the issue's
 * {@code startTime}, or its {@code endTime} when it closes.
 */
final class HealthEvent {

    static final String DETAIL_TYPE = "AWS Health Event";

    private HealthEvent() {}

    static Normalized parse(EventEnvelope event, Delivery delivery) {
        String shape = event.shapeName();
        JsonNode detail = event.detail();
        String eventArn = Fields.requiredText(detail, "eventArn", shape);
        String typeCode = Fields.requiredText(detail, "eventTypeCode", shape);
        String category = Fields.text(detail, "eventTypeCategory", shape);
        String statusCode = Fields.text(detail, "statusCode", shape);
        AlertStatus status = status(category, statusCode);
        Instant start = Fields.time(detail, "startTime", shape);
        Instant end = Fields.time(detail, "endTime", shape);
        Instant occurredAt = status == AlertStatus.RESOLVED && end != null ? end : start;
        String region = Arn.regionOf(eventArn).orElse(event.regionCode());
        String service = Fields.text(detail, "service", shape);
        String account = event.accountId();
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(event.id(), event.text()))
                .fingerprint(eventArn + (account == null ? "" : "/" + account))
                .source("health")
                .status(status, status == AlertStatus.INFO ? Severity.INFO : Severity.WARNING)
                .title("AWS Health: " + typeCode)
                .summary(description(detail, shape))
                .occurredAt(occurredAt != null ? occurredAt : event.time())
                .label("account", account)
                .label("region", region)
                .label("service", service == null ? "health" : service.toLowerCase(Locale.ROOT))
                .label("health_category", category)
                .annotation("eventTypeCode", typeCode)
                .annotation("statusCode", statusCode)
                .annotation("affectedEntities", entities(detail, shape))
                .link(ConsoleLinks.healthEvent(eventArn));
        return new Normalized.Events(List.of(alert.build()), shape + " (" + category + ", " + statusCode + ")");
    }

    private static AlertStatus status(String category, String statusCode) {
        boolean problem = "issue".equals(category) || "investigation".equals(category);
        if (!problem) {
            return AlertStatus.INFO;
        }
        return "closed".equals(statusCode) ? AlertStatus.RESOLVED : AlertStatus.FIRING;
    }

    private static String description(JsonNode detail, String shape) {
        for (JsonNode description : Fields.array(detail, "eventDescription", shape)) {
            String text = Fields.text(description, "latestDescription", shape + " eventDescription");
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static String entities(JsonNode detail, String shape) {
        List<String> values = new ArrayList<>();
        for (JsonNode entity : Fields.array(detail, "affectedEntities", shape)) {
            String value = Fields.text(entity, "entityValue", shape + " affectedEntities");
            if (value != null) {
                values.add(value);
            }
        }
        return String.join(", ", values);
    }
}
