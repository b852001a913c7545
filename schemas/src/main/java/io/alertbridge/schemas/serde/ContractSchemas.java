package io.alertbridge.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas (draft 2020-12) of Alertbridge's public contracts, shipped in this jar under
 * {@code io/alertbridge/schemas/json/<Name>.schema.json}, and a validator for them.
 *
 * <p>Used by tests (so Java and schema cannot drift) and at run time where input comes from people (rules).
 * Thread-safe; schemas are loaded once.
 */
public final class ContractSchemas {

    /** The contracts that have a schema. */
    public static final List<String> CONTRACTS = List.of(
            "RawAwsMessage",
            "AnomalyScore",
            "AnomalyDecision",
            "AnomalySeries",
            "AlertEvent",
            "UserAction",
            "Rule",
            "Incident",
            "NotificationCommand",
            "HeartbeatBeat",
            "IncidentTransition");

    private static final String ROOT = "/io/alertbridge/schemas/json/";
    private static final String ID_PREFIX = "https://alertbridge.io/schemas/";
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** The raw schema file of a contract, as shipped. */
    public static InputStream open(String contract) {
        InputStream in = ContractSchemas.class.getResourceAsStream(ROOT + contract + ".schema.json");
        if (in == null) {
            throw new IllegalArgumentException("no JSON Schema for contract '" + contract + "'");
        }
        return in;
    }

    /**
     * Validates a JSON document against a contract's schema.
     *
     * @return the problems found, each naming the JSON path of the bad field; empty when valid
     */
    public static List<String> validate(String contract, JsonNode document) {
        return schema(contract).validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static JsonSchema schema(String contract) {
        return LOADED.computeIfAbsent(contract, name -> {
            // Schemas refer to each other by their $id; map those ids onto the jar so nothing is fetched.
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                    SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(
                            mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:" + ROOT.substring(1))));
            // Draft 2020-12 treats "format" as an annotation; a date-time that is not one must fail here.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return factory.getSchema(SchemaLocation.of(ID_PREFIX + name + ".schema.json"), config);
        });
    }
}
