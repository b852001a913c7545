package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.AnomalyDecision;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a message from SQS (its body with raw delivery on, or its SNS envelope's {@code Message} with raw
 * delivery off) is an anomaly score, an anomaly decision, something else, or a broken score or decision. This is
 * how detectors that publish to SNS (a Lambda, a SageMaker job) reach the same path as those that produce to Kafka.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li>A message attribute {@value #TYPE_ATTRIBUTE} (SNS message attribute: in the envelope's
 *       {@code MessageAttributes} with raw delivery off, an SQS message attribute with raw delivery on) names the
 *       type: {@value #SCORE} or {@value #DECISION}. The text must then be a valid one of that type, else it is
 *       unreadable; any other value is unreadable too (a detector that says what it sends is never silently read
 *       as something else).
 *   <li>Without the attribute, a JSON object with {@code detector} and {@code anomalous} is a decision, one with
 *       {@code detector} and {@code score} a score; again it must be valid, else it is unreadable (out-of-range
 *       score, no series, a time that does not parse), with the serde's own explanation, as on the Kafka path.
 *   <li>Anything else is an {@link AnomalyMessage.Event} for the AWS shapes.
 * </ol>
 *
 * <p>Pure and thread-safe; never throws.
 */
public final class AnomalyMessages {

    /** The message attribute that names what a message is. */
    public static final String TYPE_ATTRIBUTE = "alertbridge-type";

    /** {@value #TYPE_ATTRIBUTE} of an {@link AnomalyScore}. */
    public static final String SCORE = "AnomalyScore";

    /** {@value #TYPE_ATTRIBUTE} of an {@link AnomalyDecision}. */
    public static final String DECISION = "AnomalyDecision";

    private static final JsonSerde<AnomalyScore> SCORES = JsonSerde.of(AnomalyScore.class);
    private static final JsonSerde<AnomalyDecision> DECISIONS = JsonSerde.of(AnomalyDecision.class);

    private AnomalyMessages() {}

    /**
     * What the text is.
     *
     * @param text the body, or the envelope's {@code Message}
     * @param attributes the message attributes of that layer (string values), name to value
     * @param where the layer, for reasons ({@code body}, {@code SNS Message <id>})
     */
    public static AnomalyMessage classify(String text, Map<String, String> attributes, String where) {
        String declared = attributes.get(TYPE_ATTRIBUTE);
        if (declared != null) {
            return declared(text, declared.strip(), where);
        }
        if (!text.contains("\"detector\"")) {
            return new AnomalyMessage.Event(where + " has no " + TYPE_ATTRIBUTE + " attribute and no detector");
        }
        JsonNode node = object(text);
        if (node == null) {
            return new AnomalyMessage.Event(where + " has no " + TYPE_ATTRIBUTE + " attribute and is no JSON object");
        }
        if (node.has("detector") && node.has("anomalous")) {
            return decision(text, where, where + " has the shape of an " + DECISION + " (detector, anomalous)");
        }
        if (node.has("detector") && node.has("score")) {
            return score(text, where, where + " has the shape of an " + SCORE + " (detector, score)");
        }
        return new AnomalyMessage.Event(where + " names a detector but has neither score nor anomalous");
    }

    private static AnomalyMessage declared(String text, String declared, String where) {
        String because = TYPE_ATTRIBUTE + " '" + Fields.abbreviate(declared) + "'";
        if (SCORE.toLowerCase(Locale.ROOT).equals(declared.toLowerCase(Locale.ROOT))) {
            return score(text, where, where + " is declared by " + because);
        }
        if (DECISION.toLowerCase(Locale.ROOT).equals(declared.toLowerCase(Locale.ROOT))) {
            return decision(text, where, where + " is declared by " + because);
        }
        return new AnomalyMessage.Unreadable(
                MalformedMessageException.class.getName(),
                where + ": " + because + " names no type Alertbridge reads (" + SCORE + ", " + DECISION + ")");
    }

    private static AnomalyMessage score(String text, String where, String reason) {
        try {
            return new AnomalyMessage.Score(SCORES.deserialize(where, bytes(text)), reason);
        } catch (SerializationException e) {
            return new AnomalyMessage.Unreadable(SerializationException.class.getName(), e.getMessage());
        }
    }

    private static AnomalyMessage decision(String text, String where, String reason) {
        try {
            return new AnomalyMessage.Decision(DECISIONS.deserialize(where, bytes(text)), reason);
        } catch (SerializationException e) {
            return new AnomalyMessage.Unreadable(SerializationException.class.getName(), e.getMessage());
        }
    }

    private static JsonNode object(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
