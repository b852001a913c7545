package io.alertbridge.processor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link ProcessorConfig}: the built-in defaults, overlaid by the YAML file (if any), overlaid by the
 * environment variables of {@link ProcessorConfig#ENVIRONMENT}, then bound and validated in one go. Every failure
 * names the key, and the file or variable it came from. Stateless and thread-safe.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private static final ObjectMapper YAML = Json.configure(YAMLMapper.builder(new YAMLFactory())
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigLoader() {}

    /** Loads from the file named by {@code ALERTBRIDGE_CONFIG} in the environment (if set) plus the environment. */
    public static ProcessorConfig load(Map<String, String> environment) {
        String file = blankToNull(environment.get(ProcessorConfig.CONFIG_VARIABLE));
        if (file == null) {
            return parse("", "built-in defaults", environment);
        }
        Path path = Path.of(file);
        try {
            return parse(Files.readString(path), path.toString(), environment);
        } catch (IOException e) {
            throw new InvalidConfigException(
                    ProcessorConfig.CONFIG_VARIABLE + "=" + file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Loads from a YAML text plus the environment.
     *
     * @param yaml the configuration text (empty for defaults)
     * @param origin where the text came from, for messages
     * @param environment the variables to honour
     * @throws InvalidConfigException naming the key and its origin
     */
    public static ProcessorConfig parse(String yaml, String origin, Map<String, String> environment) {
        ObjectNode tree = YAML.valueToTree(ProcessorConfig.defaults());
        JsonNode fromFile = readTree(yaml, origin);
        if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
            if (!fromFile.isObject()) {
                throw new InvalidConfigException(origin + ": the configuration must be a YAML mapping");
            }
            mergeKnownSections(tree, (ObjectNode) fromFile);
        }
        Map<String, String> setBy = applyEnvironment(tree, environment);
        try {
            return YAML.treeToValue(tree, ProcessorConfig.class);
        } catch (JsonProcessingException e) {
            String key = keyOf(e);
            String explanation = explain(e, key);
            throw new InvalidConfigException(originOf(key, explanation, setBy, origin) + ": " + explanation, e);
        }
    }

    private static JsonNode readTree(String yaml, String origin) {
        if (yaml.isBlank()) {
            return null;
        }
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidConfigException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Sections unknown to the processor belong to other processes reading the same file: skip them. */
    private static void mergeKnownSections(ObjectNode defaults, ObjectNode file) {
        for (Map.Entry<String, JsonNode> field : file.properties()) {
            if (!isComponent(field.getKey())) {
                LOG.debug("Configuration section '{}' is not the processor's; ignored", LogText.safe(field.getKey()));
                continue;
            }
            JsonNode current = defaults.get(field.getKey());
            if (current instanceof ObjectNode object && field.getValue() instanceof ObjectNode override) {
                merge(object, override);
            } else {
                defaults.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void merge(ObjectNode target, ObjectNode override) {
        override.properties().forEach(field -> {
            JsonNode current = target.get(field.getKey());
            if (current instanceof ObjectNode object && field.getValue() instanceof ObjectNode nested) {
                merge(object, nested);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    private static boolean isComponent(String name) {
        for (var component : ProcessorConfig.class.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Applies the environment and returns which variable set which key. */
    private static Map<String, String> applyEnvironment(ObjectNode tree, Map<String, String> environment) {
        Map<String, String> setBy = new LinkedHashMap<>();
        ProcessorConfig.ENVIRONMENT.forEach((variable, key) -> {
            String value = blankToNull(environment.get(variable));
            if (value == null) {
                return;
            }
            ObjectNode parent = tree;
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.withObjectProperty(parts[i]);
            }
            parent.put(parts[parts.length - 1], value);
            setBy.put(key, variable);
        });
        return setBy;
    }

    /** The variable that set the failing key (a slice constructor fails at the slice, naming the key itself). */
    private static String originOf(String key, String explanation, Map<String, String> setBy, String file) {
        for (Map.Entry<String, String> entry : setBy.entrySet()) {
            String setKey = entry.getKey();
            if (setKey.equals(key) || setKey.startsWith(key + ".") || explanation.startsWith(setKey + " ")) {
                return "environment variable " + entry.getValue();
            }
        }
        return file;
    }

    private static String keyOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : Integer.toString(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String explain(JsonProcessingException e, String key) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key '" + key + "' (known there: " + unknown.getKnownPropertyIds() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException) {
            // Slice constructors name the key themselves.
            return root.getMessage();
        }
        String message = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
        return (key.isEmpty() ? "" : key + ": ") + firstLine(message);
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
