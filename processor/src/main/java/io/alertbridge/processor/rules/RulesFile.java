package io.alertbridge.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads rules from YAML: a top-level {@code rules:} list of rule documents as in {@code Rule.schema.json}, where
 * a matcher (in {@code matchers}, and an inhibition rule's {@code sourceMatchers} and {@code targetMatchers}) may also
 * be written in the compact form {@code "service=api"}. Every rule is validated; one bad rule
 * fails the whole file with a message naming the rule's position, id and the problem.
 *
 * <pre>
 * rules:
 *   - kind: route
 *     id: payments
 *     matchers: ["service=~pay.*"]
 *     channel: "#payments-alerts"
 *     groupBy: [service, resource]
 * </pre>
 */
public final class RulesFile {

    private static final ObjectMapper YAML = Json.configure(new ObjectMapper(new YAMLFactory()));

    private RulesFile() {}

    /** Reads and validates the rules of a YAML file. */
    public static List<Rule> load(Path file) {
        return load(file, null);
    }

    /**
     * Reads and validates the rules of a YAML file; a route naming a receiver outside {@code definedReceivers} is
     * rejected.
     *
     * @param definedReceivers the receivers the configuration defines, or null not to check them
     */
    public static List<Rule> load(Path file, Set<String> definedReceivers) {
        try {
            return parse(Files.readString(file), file.toString(), definedReceivers);
        } catch (IOException e) {
            throw new InvalidRulesException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates the rules of a YAML text.
     *
     * @param yaml the text
     * @param origin where it came from, for messages
     * @throws InvalidRulesException naming the rule and the problem
     */
    public static List<Rule> parse(String yaml, String origin) {
        return parse(yaml, origin, null);
    }

    /**
     * Reads and validates the rules of a YAML text, rejecting a route that names a receiver the configuration does not
     * define.
     *
     * @param definedReceivers the receivers the configuration defines ({@code webhook:tickets}, ...), or null not to
     *     check them
     * @throws InvalidRulesException naming the rule and the problem
     */
    public static List<Rule> parse(String yaml, String origin, Set<String> definedReceivers) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidRulesException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) {
                throw new InvalidRulesException(origin + ": expected a mapping with one key, 'rules:' (a list)");
            }
            // A misspelt key would otherwise load as "no rules" and silently route everything by default.
            root.fieldNames().forEachRemaining(key -> {
                if (!key.equals("rules")) {
                    throw new InvalidRulesException(
                            origin + ": unknown top-level key '" + key + "'; a rules file holds one list, 'rules:'");
                }
            });
        }
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidRulesException(origin + ": 'rules' must be a list");
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode document = expandCompactMatchers(list.get(i), origin, i);
            RuleValidator.Result result = definedReceivers == null
                    ? RuleValidator.validate(document)
                    : RuleValidator.validate(document, definedReceivers);
            if (!result.isValid()) {
                throw new InvalidRulesException(
                        origin + ": rules[" + i + "] (id " + document.path("id").asText("?") + "): " + result.reason());
            }
            rules.add(result.rule());
        }
        return rules;
    }

    /** Turns {@code "service=api"} matchers into the object form the schema requires. */
    static JsonNode expandCompactMatchers(JsonNode rule, String origin, int index) {
        JsonNode expanded = expandCompactMatchers(rule, "matchers", origin, index);
        expanded = expandCompactMatchers(expanded, "sourceMatchers", origin, index);
        return expandCompactMatchers(expanded, "targetMatchers", origin, index);
    }

    private static JsonNode expandCompactMatchers(JsonNode rule, String field, String origin, int index) {
        if (!(rule instanceof ObjectNode object) || !(object.get(field) instanceof ArrayNode matchers)) {
            return rule;
        }
        ArrayNode expanded = object.arrayNode();
        for (JsonNode matcher : matchers) {
            if (matcher.isTextual()) {
                try {
                    expanded.add(Json.mapper().valueToTree(Matcher.parse(matcher.asText())));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRulesException(origin + ": rules[" + index + "]: " + e.getMessage(), e);
                }
            } else {
                expanded.add(matcher);
            }
        }
        ObjectNode copy = object.deepCopy();
        copy.set(field, expanded);
        return copy;
    }

    /** A rules file that cannot be applied; the message says where and why. */
    public static final class InvalidRulesException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidRulesException(String message) {
            super(message);
        }

        public InvalidRulesException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
