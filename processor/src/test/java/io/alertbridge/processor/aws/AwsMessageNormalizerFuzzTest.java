package io.alertbridge.processor.aws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link AwsMessageNormalizer}, seeded with the real payloads of {@code aws-samples}
 * ({@code AwsMessageNormalizerFuzzTestInputs/<method>/}). Without {@code JAZZER_FUZZ} (every build) each target
 * runs only its seeds and the crashes found so far; {@code build/fuzz} fuzzes them.
 *
 * <p>The property, whatever the bytes: {@code normalize} returns (it never throws, never hangs); an unreadable
 * message is classified for the DLQ with a reason and an exception class from the parsers (never the catch-all for
 * a parser bug); an event is one the stage can forward (it writes to the alerts topic and reads back equal) and
 * has a title; a JSON document that is not an object is never an alert, only text that is not JSON at all is a
 * plain-text alert.
 */
class AwsMessageNormalizerFuzzTest {

    private static final AwsMessageNormalizer NORMALIZER = new AwsMessageNormalizer(NormalizeSlice.defaults());
    private static final TopicSpec<String, AlertEvent> ALERTS =
            Topics.defaults().alerts();
    private static final ObjectReader STRICT_JSON =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Any SQS body: raw delivery, SNS envelopes, SNS-to-Lambda batches, EventBridge events, text, bytes. */
    @FuzzTest(maxDuration = "30s")
    void anyBody(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);

        Normalized outcome = NORMALIZER.normalize(RawMessages.rawBody(body));

        assertClassified(outcome);
        assertJsonIsNeverPlainText(body, outcome, "plain-text message (body)");
    }

    /** The message inside a well-formed SNS envelope: alarm messages, events, text, JSON scalars. */
    @FuzzTest(maxDuration = "30s")
    void snsMessage(byte[] input) {
        String message = new String(input, StandardCharsets.UTF_8);

        Normalized outcome = NORMALIZER.normalize(RawMessages.rawBody(AwsSamples.envelope(message, "m-fuzz", null)));

        assertClassified(outcome);
        assertJsonIsNeverPlainText(message, outcome, "plain-text message (SNS Message m-fuzz)");
    }

    private static void assertClassified(Normalized outcome) {
        assertThat(outcome).isNotNull();
        assertThat(outcome.reason()).isNotBlank();
        if (outcome instanceof Normalized.Unreadable unreadable) {
            assertThat(unreadable.errorClass())
                    .as("a parser bug, caught by the safety net: %s", unreadable.reason())
                    .satisfiesAnyOf(
                            c -> assertThat(c).isEqualTo(MalformedMessageException.class.getName()),
                            c -> assertThat(c).startsWith("com.fasterxml.jackson."));
        } else if (outcome instanceof Normalized.Events events) {
            assertThat(events.events()).isNotEmpty();
            events.events().forEach(AwsMessageNormalizerFuzzTest::assertForwardable);
        }
    }

    /** What the stage forwards: keyed by a fingerprint, titled, and written to the alerts topic unchanged. */
    private static void assertForwardable(AlertEvent event) {
        assertThat(event.fingerprint()).isNotBlank();
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.title()).isNotBlank();
        byte[] bytes = ALERTS.valueSerde().serializer().serialize(ALERTS.name(), event);
        assertThat(ALERTS.valueSerde().deserializer().deserialize(ALERTS.name(), bytes))
                .isEqualTo(event);
    }

    /** A JSON document that is not an object (null, 42, "text", [..]) is no AWS message: not an alert either. */
    private static void assertJsonIsNeverPlainText(String text, Normalized outcome, String plainText) {
        JsonNode document = parse(text.strip());
        if (document != null && !document.isMissingNode() && !document.isObject()) {
            assertThat(outcome)
                    .as("a JSON %s must be unreadable", document.getNodeType())
                    .isInstanceOf(Normalized.Unreadable.class);
        }
        if (outcome.reason().equals(plainText)) {
            assertThat(((Normalized.Events) outcome).events())
                    .singleElement()
                    .satisfies(event -> assertThat(event.status()).isEqualTo(AlertStatus.INFO));
            assertThat(document).as("plain text is not JSON").isNull();
        }
    }

    private static JsonNode parse(String text) {
        try {
            return STRICT_JSON.readTree(text);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
