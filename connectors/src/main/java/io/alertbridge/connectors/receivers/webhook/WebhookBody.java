package io.alertbridge.connectors.receivers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.serde.Json;

import java.nio.charset.StandardCharsets;

/**
 * The JSON body of one webhook delivery, written by Jackson (so every text from the outside world is JSON-encoded,
 * whatever it holds):
 *
 * <pre>{@code
 * {"receiver": "webhook:tickets", "incidentId": "INC-7F3A", "version": 4, "previousVersion": 2,
 *  "change": {"kind": "ACKNOWLEDGED", "state": "ACKNOWLEDGED", "previousState": "OPEN",
 *             "at": "...", "text": "alice acknowledged it", "actor": "U024BE7LH"},
 *  "incident": { ...the whole incident, as on alertbridge.incidents... }}
 * }</pre>
 *
 * <p>{@code version} increases with every change of the incident; a receiver keeps the highest it has seen and
 * drops a lower one. {@code previousVersion} is the version this receiver last delivered (null when unknown, as
 * after a restart); versions in between were coalesced (only the latest state matters). {@code change.kind} is the
 * incident's latest timeline entry ({@code OPENED}, {@code ALERT_FIRING}, {@code ACKNOWLEDGED}, {@code RESOLVED},
 * {@code REOPENED}, ...). A pure function.
 */
public final class WebhookBody {

    private WebhookBody() {}

    /** The body's bytes (UTF-8 JSON). */
    public static byte[] of(ReceiverId receiver, Incident incident, Delivered previous) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("receiver", receiver.toString());
        root.put("incidentId", incident.incidentId());
        root.put("version", incident.version());
        if (previous == null) {
            root.putNull("previousVersion");
        } else {
            root.put("previousVersion", previous.version());
        }
        ObjectNode change = root.putObject("change");
        TimelineEntry latest = incident.timeline().isEmpty()
                ? null
                : incident.timeline().get(incident.timeline().size() - 1);
        change.put(
                "kind", latest == null ? incident.state().name() : latest.kind().name());
        change.put("state", incident.state().name());
        change.put("previousState", previous == null ? null : previous.state().name());
        if (latest != null) {
            change.put("at", latest.at().toString());
            change.put("text", latest.text());
            change.put("actor", latest.actor());
        }
        root.set("incident", Json.mapper().valueToTree(incident));
        try {
            return Json.mapper().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident that cannot be written as JSON: " + incident.incidentId(), e);
        }
    }
}
