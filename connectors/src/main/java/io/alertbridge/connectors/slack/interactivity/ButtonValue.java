package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;

/**
 * The value the Slack sink puts on an incident's buttons and menu options (see {@code IncidentMessageRenderer}):
 * JSON {@code {"incidentId":"INC-7F3A","groupKey":"...","snooze":"PT1H"}}, where {@code groupKey} may be absent
 * (the renderer drops it when the value would pass Slack's 2,000 characters) and {@code snooze} is only on
 * snooze choices ({@code PT1H}, {@code PT4H}, {@code tomorrow-morning}, see {@link SnoozeTimes}).
 *
 * @param incidentId the incident's id
 * @param groupKey its group key, or null when the button did not carry it
 * @param snooze the snooze choice, or null
 */
record ButtonValue(String incidentId, String groupKey, String snooze) {

    /**
     * Reads a button's value.
     *
     * @throws IllegalArgumentException with a short explanation when it is not such a value
     */
    static ButtonValue parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the button carries no value");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("the button's value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the button's value is not a JSON object");
        }
        String incidentId = text(node, "incidentId");
        if (incidentId == null) {
            throw new IllegalArgumentException("the button's value names no incident");
        }
        return new ButtonValue(incidentId, text(node, "groupKey"), text(node, "snooze"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank()
                ? null
                : value.asText().strip();
    }
}
