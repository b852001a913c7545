package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

import java.util.List;
import java.util.Map;

/**
 * Any EventBridge event without a dedicated parser: an INFO event titled by its detail-type, with the detail's
 * top-level plain values as annotations. Fingerprint: source, detail-type and the first resource (else the id).
 */
final class GenericEvent {

    private static final int MAX_ANNOTATIONS = 20;

    private GenericEvent() {}

    static Normalized parse(EventEnvelope event, Delivery delivery) {
        Arn resource = event.firstResource();
        String eventId = delivery.eventId(event.id(), event.text());
        AlertBuilder alert = new AlertBuilder()
                .eventId(eventId)
                .fingerprint(event.source() + ":" + event.detailType() + ":"
                        + (resource != null ? resource.text() : eventId))
                .source("eventbridge")
                .status(AlertStatus.INFO, Severity.INFO)
                .title(event.detailType())
                .occurredAt(event.time())
                .label("account", event.accountId())
                .label("region", event.regionCode())
                .label("service", event.service())
                .label("resource", resource == null ? null : resource.resourceName());
        int count = 0;
        for (Map.Entry<String, JsonNode> field : iterable(event.detail())) {
            if (field.getValue().isValueNode() && count++ < MAX_ANNOTATIONS) {
                alert.annotation(field.getKey(), field.getValue().asText());
            }
        }
        return new Normalized.Events(List.of(alert.build()), event.shapeName() + " (generic)");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object.properties();
    }
}
