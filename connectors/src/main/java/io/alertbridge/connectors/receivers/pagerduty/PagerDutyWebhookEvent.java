package io.alertbridge.connectors.receivers.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads one PagerDuty v3 webhook payload ({@code {"event": {"id", "event_type", "occurred_at", "agent", "data":
 * {incident}}}}) and decides what it means here: {@code incident.acknowledged} and {@code incident.resolved} are
 * actions on the incident whose dedup key ({@code data.incident_key}) is ours; other event types are ignored; an
 * event whose {@code occurred_at} is further than the tolerance from now is stale. Pure functions.
 */
public final class PagerDutyWebhookEvent {

    /** The origin of the actions that come from PagerDuty. */
    public static final String ORIGIN = "pagerduty";

    private PagerDutyWebhookEvent() {}

    /** What the payload is. */
    public enum Kind {
        ACTION,
        IGNORED,
        STALE,
        INVALID
    }

    /**
     * The reading of one payload.
     *
     * @param kind what it is
     * @param eventId PagerDuty's event id (for replays), or null when invalid
     * @param type for {@link Kind#ACTION}, what to do
     * @param incidentId for {@link Kind#ACTION}, the incident (the dedup key)
     * @param who who acted in PagerDuty (the agent's summary, else its id, else "PagerDuty")
     * @param at when it happened in PagerDuty
     * @param reason why it is not an action
     */
    public record Reading(
            Kind kind, String eventId, ActionType type, String incidentId, String who, Instant at, String reason) {}

    /** Reads a payload received at {@code now}. */
    public static Reading read(JsonNode root, Instant now, Duration tolerance) {
        JsonNode event = root == null ? null : root.path("event");
        if (event == null
                || !event.isObject()
                || !event.path("id").isTextual()
                || !event.path("event_type").isTextual()) {
            return invalid(null, "not a v3 webhook event (event.id, event.event_type)");
        }
        String id = event.path("id").asText();
        Instant at;
        try {
            at = Instant.parse(event.path("occurred_at").asText());
        } catch (DateTimeParseException e) {
            return invalid(id, "occurred_at is not a time");
        }
        if (Duration.between(at, now).abs().compareTo(tolerance) > 0) {
            return new Reading(Kind.STALE, id, null, null, null, at, "occurred_at " + at + " is too far from now");
        }
        String eventType = event.path("event_type").asText();
        ActionType type =
                switch (eventType) {
                    case "incident.acknowledged" -> ActionType.ACKNOWLEDGE;
                    case "incident.resolved" -> ActionType.RESOLVE;
                    default -> null;
                };
        if (type == null) {
            return new Reading(Kind.IGNORED, id, null, null, null, at, "event type " + eventType + " is not acted on");
        }
        String incidentId = event.path("data").path("incident_key").asText("");
        if (incidentId.isBlank()) {
            return new Reading(Kind.IGNORED, id, null, null, null, at, "no incident_key: not an Alertbridge incident");
        }
        JsonNode agent = event.path("agent");
        String who = agent.path("summary").asText("");
        if (who.isBlank()) {
            who = agent.path("id").asText("");
        }
        return new Reading(Kind.ACTION, id, type, incidentId, who.isBlank() ? "PagerDuty" : who, at, null);
    }

    private static Reading invalid(String id, String reason) {
        return new Reading(Kind.INVALID, id, null, null, null, null, reason);
    }

    /**
     * The action an {@link Kind#ACTION} reading becomes: its id derived from PagerDuty's event id (a replay is the same
     * action, applied once), who = {@code pagerduty:<agent>} so that the PagerDuty receiver does not send it back.
     */
    public static UserAction toAction(Reading reading, String groupKey) {
        return new UserAction(
                ORIGIN + ":" + reading.eventId(),
                reading.type(),
                reading.incidentId(),
                groupKey,
                PagerDutyPlan.FROM_PAGERDUTY + reading.who(),
                reading.who() + " (PagerDuty)",
                reading.at(),
                ORIGIN,
                null,
                null,
                null);
    }
}
