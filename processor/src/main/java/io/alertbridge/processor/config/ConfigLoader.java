package io.alertbridge.processor.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.config.InvalidConfigException;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one configuration loader: builds an {@link AlertbridgeConfig} from the built-in defaults, overlaid by the
 * YAML file (read once), overlaid by the environment variables of {@link EnvironmentVariable}, then bound and
 * validated slice by slice. Every failure is an {@link InvalidConfigException} that names the key as the file has
 * it, where the value came from (the file or the variable), and the variable that can set a key. Stateless and
 * thread-safe.
 */
public final class ConfigLoader {

    static final String SQS = "sqs";
    static final String SLACK = "slack";
    static final String INTERACTIVITY = "interactivity";
    static final String AWS = "aws";
    static final String RECEIVERS = "receivers";
    static final String HTTP_PORT = "httpPort";

    private static final ObjectMapper YAML = Json.configure(YAMLMapper.builder(new YAMLFactory())
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigLoader() {}

    /** Loads from the file named by {@code ALERTBRIDGE_CONFIG} in the environment (if set) plus the environment. */
    public static AlertbridgeConfig load(Map<String, String> environment) {
        String file = EnvironmentVariable.ALERTBRIDGE_CONFIG.in(environment).orElse(null);
        if (file == null) {
            return parse("", "built-in defaults", environment);
        }
        Path path = Path.of(file);
        try {
            return parse(Files.readString(path), path.toString(), environment);
        } catch (IOException e) {
            throw new InvalidConfigException(
                    EnvironmentVariable.ALERTBRIDGE_CONFIG + "=" + file + ": cannot read the file: " + e.getMessage(),
                    e);
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
    public static AlertbridgeConfig parse(String yaml, String origin, Map<String, String> environment) {
        ObjectNode tree = defaults();
        ObjectNode file = readTree(yaml, origin);
        refuseUnknownSections(file, origin);
        merge(tree, file);
        Map<String, String> setBy = applyEnvironment(tree, environment);
        inheritShared(tree);
        Binding binding = new Binding(origin, setBy);
        ObjectNode processorTree = tree.deepCopy();
        processorTree.remove(List.of(SQS, SLACK, INTERACTIVITY, AWS, HTTP_PORT, RECEIVERS));
        ProcessorConfig processor = binding.now("", processorTree, ProcessorConfig.class);
        AwsSlice aws = binding.now(AWS, (ObjectNode) tree.get(AWS), AwsSlice.class);
        SqsBridgeConfig bridge = binding.now(SQS, (ObjectNode) tree.get(SQS), SqsBridgeConfig.class);
        int httpPort = binding.now("", tree.objectNode().set(HTTP_PORT, tree.get(HTTP_PORT)), Port.class)
                .httpPort();
        Deferred<SlackSinkConfig> sink = new Deferred<>(
                SLACK,
                (ObjectNode) tree.get(SLACK),
                setBy,
                node -> binding.deferred(SLACK, node, SlackSinkConfig.class));
        Deferred<InteractivityConfig> interactivity = new Deferred<>(
                INTERACTIVITY,
                (ObjectNode) tree.get(INTERACTIVITY),
                setBy,
                node -> binding.deferred(INTERACTIVITY, node, InteractivityConfig.class));
        ReceiversConfig receivers = binding.now(RECEIVERS, (ObjectNode) tree.get(RECEIVERS), ReceiversConfig.class);
        try {
            return new AlertbridgeConfig(processor, httpPort, aws, bridge, sink, interactivity, receivers);
        } catch (IllegalArgumentException e) {
            throw binding.invalid(e.getMessage(), "", e);
        }
    }

    /** The built-in defaults as a tree; Slack's sections are empty, their records fill in what is left out. */
    private static ObjectNode defaults() {
        ObjectNode tree = YAML.valueToTree(ProcessorConfig.defaults());
        tree.put(HTTP_PORT, AlertbridgeConfig.DEFAULT_HTTP_PORT);
        tree.set(AWS, YAML.valueToTree(AwsSlice.defaults()));
        tree.set(SQS, YAML.valueToTree(SqsBridgeConfig.of(List.of())));
        tree.putObject(SLACK);
        tree.putObject(INTERACTIVITY);
        tree.putObject(RECEIVERS);
        return tree;
    }

    private static ObjectNode readTree(String yaml, String origin) {
        if (yaml.isBlank()) {
            return YAML.createObjectNode();
        }
        JsonNode node;
        try {
            node = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidConfigException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new InvalidConfigException(origin + ": the configuration must be a YAML mapping");
        }
        return (ObjectNode) node;
    }

    /** Every top-level key belongs to some part; and the bridge's topics are always the processor's. */
    private static void refuseUnknownSections(ObjectNode file, String origin) {
        Set<String> known = Stream.concat(
                        Arrays.stream(ProcessorConfig.class.getRecordComponents())
                                .map(component -> component.getName()),
                        Stream.of(HTTP_PORT, AWS, SQS, SLACK, INTERACTIVITY, RECEIVERS))
                .collect(Collectors.toCollection(TreeSet::new));
        for (Map.Entry<String, JsonNode> entry : file.properties()) {
            String key = entry.getKey();
            if (!known.contains(key)) {
                throw new InvalidConfigException(origin + ": unknown key '" + key + "' (known there: " + known + ")");
            }
        }
        if (file.get(SQS) instanceof ObjectNode sqs && sqs.has("topicPrefix")) {
            throw new InvalidConfigException(
                    origin + ": unknown key 'sqs.topicPrefix' (the bridge writes to the topics of topics.prefix)");
        }
        for (String section : List.of(AWS, SQS, SLACK, INTERACTIVITY, RECEIVERS)) {
            JsonNode value = file.get(section);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw new InvalidConfigException(origin + ": " + section + " must be a mapping");
            }
            if (value != null && value.isNull()) {
                file.remove(section);
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

    /** Applies the environment table, in order, and returns which variable set which key. */
    private static Map<String, String> applyEnvironment(ObjectNode tree, Map<String, String> environment) {
        Map<String, String> setBy = new LinkedHashMap<>();
        for (EnvironmentVariable variable : EnvironmentVariable.values()) {
            variable.in(environment).ifPresent(value -> {
                JsonNode node = variable.isList() ? toNode(Check.commaSeparated(value)) : tree.textNode(value);
                for (String key : variable.keys()) {
                    parentOf(tree, key).set(leafOf(key), node);
                    setBy.put(key, "environment variable " + variable.name());
                }
            });
        }
        return setBy;
    }

    /**
     * One topic prefix for every part, and one AWS connection: a section that does not set its own takes the
     * shared value ({@code topics.prefix}, {@code aws.region}, {@code aws.endpoint}).
     */
    private static void inheritShared(ObjectNode tree) {
        JsonNode prefix = tree.path("topics").path("prefix");
        ((ObjectNode) tree.get(SQS)).set("topicPrefix", prefix);
        for (String section : List.of(SLACK, INTERACTIVITY)) {
            ObjectNode node = (ObjectNode) tree.get(section);
            if (absent(node.path("topicPrefix"))) {
                node.set("topicPrefix", prefix);
            }
        }
        ObjectNode sqs = (ObjectNode) tree.get(SQS);
        for (String key : List.of("region", "endpoint")) {
            JsonNode shared = tree.path(AWS).path(key);
            if (absent(sqs.path(key)) && !absent(shared)) {
                sqs.set(key, shared);
            }
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private static ObjectNode parentOf(ObjectNode tree, String key) {
        ObjectNode parent = tree;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.withObjectProperty(parts[i]);
        }
        return parent;
    }

    private static String leafOf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    static JsonNode toNode(Object value) {
        JsonNode node = YAML.valueToTree(value);
        return node == null ? YAML.nullNode() : node;
    }

    /** The top-level {@code httpPort}, bound like every other key. */
    record Port(int httpPort) {}

    /** A constructor's check failed: the slice cannot be used, though its keys and types are right. */
    static final class ValidationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient InvalidConfigException problem;

        ValidationFailed(InvalidConfigException problem) {
            super(problem.getMessage(), problem, false, false);
            this.problem = problem;
        }

        InvalidConfigException problem() {
            return problem;
        }
    }

    /** Binds slices of one load, turning every failure into a message naming the key and its origin. */
    private record Binding(String file, Map<String, String> setBy) {

        /** Binds now; any failure fails the load. */
        <T> T now(String section, ObjectNode node, Class<T> type) {
            try {
                return bind(section, node, type);
            } catch (ValidationFailed e) {
                throw e.problem();
            }
        }

        /** Binds; a structural failure fails the load, a constructor's check is {@link ValidationFailed}. */
        <T> T deferred(String section, ObjectNode node, Class<T> type) {
            return bind(section, node, type);
        }

        private <T> T bind(String section, ObjectNode node, Class<T> type) {
            refuseUnknownKeys(section, node, type);
            try {
                return YAML.treeToValue(node, type);
            } catch (JsonProcessingException e) {
                String key = join(section, keyOf(e));
                String explanation = explain(e, key);
                boolean check = e instanceof ValueInstantiationException;
                String nested = keyOf(e);
                if (check && !nested.isEmpty() && !explanation.startsWith(join(section, nested))) {
                    // A nested record's own check names its key relative to itself: say whose key it is.
                    explanation = join(section, nested) + "." + explanation;
                }
                InvalidConfigException problem = invalid(explanation, check ? keyNamedBy(explanation) : key, e);
                if (check) {
                    throw new ValidationFailed(problem);
                }
                throw problem;
            }
        }

        /**
         * Jackson reports an unknown key only after the record's constructor ran, so a constructor's complaint
         * (a missing token) would hide a misspelt key: the keys are checked first.
         */
        private void refuseUnknownKeys(String section, ObjectNode node, Class<?> type) {
            if (!type.isRecord()) {
                return;
            }
            Map<String, java.lang.reflect.RecordComponent> components = Arrays.stream(type.getRecordComponents())
                    .collect(Collectors.toMap(component -> component.getName(), component -> component));
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = join(section, field.getKey());
                java.lang.reflect.RecordComponent component = components.get(field.getKey());
                if (component == null) {
                    throw invalid(
                            "unknown key '" + key + "' (known there: " + new TreeSet<>(components.keySet()) + ")",
                            key,
                            null);
                }
                refuseUnknownNestedKeys(key, field.getValue(), component);
            }
        }

        /**
         * Nested records, and maps of records by name ({@code receivers.webhook.<name>}), are checked the same way, so
         * that a misspelt key is named before a nested record's constructor complains of a missing one.
         */
        private void refuseUnknownNestedKeys(String key, JsonNode value, java.lang.reflect.RecordComponent component) {
            if (!(value instanceof ObjectNode object)) {
                return;
            }
            if (component.getType().isRecord()) {
                refuseUnknownKeys(key, object, component.getType());
            } else if (Map.class.isAssignableFrom(component.getType())
                    && component.getGenericType() instanceof java.lang.reflect.ParameterizedType map
                    && map.getActualTypeArguments()[1] instanceof Class<?> valueType
                    && valueType.isRecord()) {
                for (Map.Entry<String, JsonNode> entry : object.properties()) {
                    if (entry.getValue() instanceof ObjectNode nested) {
                        refuseUnknownKeys(join(key, entry.getKey()), nested, valueType);
                    }
                }
            }
        }

        /**
         * The failure as reported: {@code <file or variable>: <explanation>}, followed by the variables that can set
         * the key when the value did not come from one.
         */
        InvalidConfigException invalid(String explanation, String key, Exception cause) {
            String failing = key.isEmpty() ? keyNamedBy(explanation) : key;
            String origin = file;
            for (Map.Entry<String, String> entry : setBy.entrySet()) {
                String setKey = entry.getKey();
                if (setKey.equals(failing) || setKey.startsWith(failing + ".") || failing.startsWith(setKey + ".")) {
                    origin = entry.getValue();
                }
            }
            String hint = "";
            if (origin.equals(file)) {
                List<String> variables = EnvironmentVariable.setting(failing).stream()
                        .map(Enum::name)
                        .toList();
                if (!variables.isEmpty() && !explanation.contains(variables.get(0))) {
                    hint = " (environment variable " + String.join(" or ", variables) + ")";
                }
            }
            return new InvalidConfigException(origin + ": " + explanation + hint, cause);
        }
    }

    /** The key a constructor's message starts with ({@code topics.prefix may only ...}, {@code slack.token: ...}). */
    private static String keyNamedBy(String message) {
        String text = String.valueOf(message);
        int end = 0;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != ':') {
            end++;
        }
        return text.substring(0, end);
    }

    private static String join(String section, String key) {
        if (section.isEmpty()) {
            return key;
        }
        return key.isEmpty() ? section : section + "." + key;
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
            return "unknown key '" + key + "' (known there: "
                    + new TreeSet<>(unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .toList())
                    + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && e instanceof ValueInstantiationException) {
            // Records' constructors name the key themselves.
            return root.getMessage();
        }
        String message = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
        return (key.isEmpty() ? "" : key + ": ") + firstLine(message);
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
}
