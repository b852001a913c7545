package io.alertbridge.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyDecision;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java records and JSON Schemas cannot drift: every valid fixture passes the schema and reads into its record, the
 * record written back passes the schema again, and every invalid fixture is rejected naming the bad field.
 */
class ContractSchemasTest {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("RawAwsMessage", RawAwsMessage.class),
            Map.entry("AnomalyScore", AnomalyScore.class),
            Map.entry("AnomalyDecision", AnomalyDecision.class),
            Map.entry("AnomalySeries", AnomalySeries.class),
            Map.entry("AlertEvent", AlertEvent.class),
            Map.entry("UserAction", UserAction.class),
            Map.entry("Rule", Rule.class),
            Map.entry("Incident", Incident.class),
            Map.entry("NotificationCommand", NotificationCommand.class),
            Map.entry("HeartbeatBeat", HeartbeatBeat.class),
            Map.entry("IncidentTransition", IncidentTransition.class));

    static Stream<Path> validFixtures() throws IOException, URISyntaxException {
        return fixtures("valid");
    }

    static Stream<Path> invalidFixtures() throws IOException, URISyntaxException {
        return fixtures("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void shouldAcceptValidFixtureInSchemaAndRecordAndBack(Path fixture) throws IOException {
        String contract = contractOf(fixture);
        JsonNode document = Json.mapper().readTree(fixture.toFile());

        assertThat(ContractSchemas.validate(contract, document)).isEmpty();

        Object record = JsonSerde.of(TYPES.get(contract)).fromBytes(Files.readAllBytes(fixture));
        @SuppressWarnings({"unchecked", "rawtypes"})
        byte[] written = ((JsonSerde) JsonSerde.of(TYPES.get(contract))).toBytes(record);
        assertThat(ContractSchemas.validate(contract, Json.mapper().readTree(written)))
                .as("the record as Java writes it must still satisfy the schema")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void shouldRejectInvalidFixtureNamingTheBadField(Path fixture) throws IOException {
        String[] parts = fixture.getFileName().toString().split("\\.");
        String contract = parts[0];
        String badField = parts[1];

        List<String> problems = ContractSchemas.validate(contract, Json.mapper().readTree(fixture.toFile()));

        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(badField));
    }

    @Test
    void shouldNameTheFieldWhenTheSerdeRejectsARecord() {
        byte[] bad = "{\"detector\":\"numenta\",\"series\":\"s\",\"timestamp\":\"2014-02-14T14:30:00Z\",\"score\":1.5}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonSerde.of(AnomalyScore.class).deserialize("alertbridge.anomaly.scores", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("score")
                .hasMessageContaining("alertbridge.anomaly.scores");
    }

    @Test
    void shouldShipASchemaForEveryContract() {
        assertThat(ContractSchemas.CONTRACTS).containsExactlyInAnyOrderElementsOf(TYPES.keySet());
        for (String contract : ContractSchemas.CONTRACTS) {
            assertThat(ContractSchemas.open(contract)).isNotNull();
        }
    }

    private static String contractOf(Path fixture) {
        return fixture.getFileName().toString().split("\\.")[0];
    }

    private static Stream<Path> fixtures(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(
                ContractSchemasTest.class.getResource("/fixtures/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream();
        }
    }
}
