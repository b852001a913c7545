package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of JSON fields that fail with a message naming the shape and the field. A field that is absent or
 * JSON null reads as null; a field of the wrong kind is malformed.
 */
final class Fields {

    private Fields() {}

    static String text(JsonNode node, String field, String shape) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedMessageException(
                    shape + ": '" + field + "' must be a string, was " + kind(value) + " " + abbreviate(value));
        }
        return value.asText();
    }

    static String requiredText(JsonNode node, String field, String shape) {
        String value = text(node, field, shape);
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException(shape + ": '" + field + "' is missing");
        }
        return value;
    }

    /** A scalar rendered as text (numbers and booleans included), or null. */
    static String scalar(JsonNode node, String field, String shape) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new MalformedMessageException(shape + ": '" + field + "' must be a plain value, was " + kind(value));
        }
        return value.asText();
    }

    static JsonNode object(JsonNode node, String field, String shape) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MalformedMessageException(shape + ": '" + field + "' must be an object, was " + kind(value));
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode node, String field, String shape) {
        JsonNode value = object(node, field, shape);
        if (value == null) {
            throw new MalformedMessageException(shape + ": '" + field + "' is missing");
        }
        return value;
    }

    static List<JsonNode> array(JsonNode node, String field, String shape) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new MalformedMessageException(shape + ": '" + field + "' must be a list, was " + kind(value));
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    static List<String> texts(JsonNode node, String field, String shape) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array(node, field, shape)) {
            if (!item.isTextual()) {
                throw new MalformedMessageException(
                        shape + ": '" + field + "' must be a list of strings, holds " + kind(item));
            }
            texts.add(item.asText());
        }
        return texts;
    }

    static Instant requiredTime(JsonNode node, String field, String shape) {
        String text = requiredText(node, field, shape);
        return AwsTimes.parse(text)
                .orElseThrow(() -> new MalformedMessageException(
                        shape + ": '" + field + "' is not a timestamp: '" + abbreviate(text) + "'"));
    }

    static Instant time(JsonNode node, String field, String shape) {
        String text = text(node, field, shape);
        if (text == null) {
            return null;
        }
        return AwsTimes.parse(text)
                .orElseThrow(() -> new MalformedMessageException(
                        shape + ": '" + field + "' is not a timestamp: '" + abbreviate(text) + "'"));
    }

    static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
