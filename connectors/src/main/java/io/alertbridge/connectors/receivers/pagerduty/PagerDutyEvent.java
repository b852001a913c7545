package io.alertbridge.connectors.receivers.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan.Action;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.serde.Json;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The JSON of one Events API v2 event, written by Jackson (every text from the outside world JSON-encoded):
 * {@code routing_key}, {@code event_action}, {@code dedup_key} = the incident id; a trigger also carries
 * {@code payload} ({@code summary} = the title cut to PagerDuty's 1,024 characters, {@code source},
 * {@code severity} mapped, {@code timestamp} = first seen, {@code group} = the route, {@code custom_details} with the
 * incident's labels and members) and {@code links} (the members' console links, at most 10). A pure function.
 */
public final class PagerDutyEvent {

    /** PagerDuty's limit on {@code payload.summary}. */
    static final int MAX_SUMMARY = 1024;

    private static final int MAX_MEMBERS = 20;
    private static final int MAX_LINKS = 10;

    private PagerDutyEvent() {}

    /** The event's bytes. */
    public static byte[] of(String routingKey, Action action, Incident incident, String source) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", action.wire());
        root.put("dedup_key", incident.incidentId());
        if (action == Action.TRIGGER) {
            root.put("client", "Alertbridge");
            payload(root.putObject("payload"), incident, source);
            links(root.putArray("links"), incident);
        }
        try {
            return Json.mapper().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident that cannot be written as JSON: " + incident.incidentId(), e);
        }
    }

    private static void payload(ObjectNode payload, Incident incident, String source) {
        String title = incident.title();
        payload.put("summary", title.length() > MAX_SUMMARY ? title.substring(0, MAX_SUMMARY - 1) + "…" : title);
        payload.put("source", source);
        payload.put("severity", PagerDutySeverity.of(incident.severity()));
        payload.put("timestamp", incident.firstSeen().toString());
        if (incident.routeId() != null) {
            payload.put("group", incident.routeId());
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", incident.incidentId());
        details.put("state", incident.state().name());
        details.put("version", incident.version());
        details.put("alert_count", incident.alertCount());
        ObjectNode labels = details.putObject("labels");
        incident.groupLabels().forEach(labels::put);
        ArrayNode members = details.putArray("members");
        incident.members().stream().limit(MAX_MEMBERS).forEach(member -> {
            ObjectNode m = members.addObject();
            m.put("title", member.title());
            m.put("status", member.status().name());
            m.put("source", member.source());
            m.put("fingerprint", member.fingerprint());
        });
    }

    private static void links(ArrayNode links, Incident incident) {
        Set<String> seen = new HashSet<>();
        for (IncidentMember member : incident.members()) {
            for (Link link : member.links()) {
                if (links.size() < MAX_LINKS && isWeb(link.url()) && seen.add(link.url())) {
                    links.addObject().put("href", link.url()).put("text", link.title());
                }
            }
        }
    }

    private static boolean isWeb(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }
}
