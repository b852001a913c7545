package io.alertbridge.connectors.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.Json;

/**
 * The value a reference names within what its store returned: the whole string, or the string under
 * {@code #key} of a JSON object. A pure function; its reasons name the reference and never quote the secret
 * (Jackson's own messages quote the text they choke on, so they are dropped). Stateless.
 */
public final class SecretValues {

    private SecretValues() {}

    /**
     * What {@link #extract} found.
     *
     * @param value the secret, or null
     * @param reason why there is none, naming the reference only; null when there is a value
     */
    public record Extracted(String value, String reason) {

        public boolean ok() {
            return value != null;
        }

        /** Never the value. */
        @Override
        public String toString() {
            return ok() ? "Extracted[value=****]" : "Extracted[reason=" + reason + "]";
        }
    }

    /**
     * The value of {@code reference} in {@code stored}, the string its store returned.
     *
     * @param stored the secret's string as fetched, or null when the store holds no string (a binary secret)
     */
    public static Extracted extract(SecretReference reference, String stored) {
        if (stored == null || stored.isBlank()) {
            return new Extracted(null, "secret " + reference + " holds no string value");
        }
        if (reference.jsonKey() == null) {
            return new Extracted(stored.strip(), null);
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(stored);
        } catch (JsonProcessingException e) {
            return new Extracted(null, "secret " + reference + " is not JSON, so it has no key " + reference.jsonKey());
        }
        if (tree == null || !tree.isObject()) {
            return new Extracted(
                    null, "secret " + reference + " is not a JSON object, so it has no key " + reference.jsonKey());
        }
        JsonNode value = tree.get(reference.jsonKey());
        if (value == null || value.isNull()) {
            return new Extracted(null, "secret " + reference + " has no key " + reference.jsonKey());
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            return new Extracted(
                    null, "secret " + reference + " has key " + reference.jsonKey() + " but not as a non-empty string");
        }
        return new Extracted(value.asText().strip(), null);
    }
}
