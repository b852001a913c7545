package io.alertbridge.processor.aws;

import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.testkit.samples.AwsSamples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body (or an SNS Message) that is a JSON document but not an object is no AWS notification: it is dead-lettered
 * with a reason that names its kind, and so is an empty Message. Text that is not JSON at all stays a plain-text
 * INFO alert.
 */
class JsonScalarBodiesTest {

    private final AwsMessageNormalizer normalizer = new AwsMessageNormalizer(NormalizeSlice.defaults());

    private Normalized normalize(String body) {
        return normalizer.normalize(RawMessages.rawBody(body));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "null|null",
                "42|number",
                "-0.5e3|number",
                "true|boolean",
                "false|boolean",
                "\"a string\"|string",
                "  \"\"  |string",
                "[]|array",
                "[{\"AlarmName\": \"x\"}]|array",
            })
    void shouldDeadLetterABodyThatIsAJsonScalarOrArray(String body, String kind) {
        Normalized outcome = normalize(body);

        assertThat(outcome).isInstanceOf(Normalized.Unreadable.class);
        assertThat(((Normalized.Unreadable) outcome).errorClass()).isEqualTo(MalformedMessageException.class.getName());
        assertThat(outcome.reason()).isEqualTo("body is a JSON " + kind + ", not an AWS message");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"null|null", "42|number", "true|boolean", "\"a string\"|string", "[1, 2]|array"})
    void shouldDeadLetterAnSnsMessageThatIsAJsonScalarOrArray(String message, String kind) {
        Normalized outcome = normalize(AwsSamples.envelope(message, "m-7", "Subject"));

        assertThat(outcome).isInstanceOf(Normalized.Unreadable.class);
        assertThat(outcome.reason()).isEqualTo("SNS Message m-7 is a JSON " + kind + ", not an AWS message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t"})
    void shouldDeadLetterAnEmptySnsMessageRatherThanAlertWithoutATitle(String message) {
        Normalized outcome = normalize(AwsSamples.envelope(message, "m-9", null));

        assertThat(outcome).isInstanceOf(Normalized.Unreadable.class);
        assertThat(outcome.reason()).isEqualTo("SNS Message m-9 is empty");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null pointer in the billing job",
                "42 hosts are down",
                "true story: the disk is full",
                "\"quoted\" and then more words",
                "nullish",
                "4.2.0 deployed",
                "Deploy finished",
            })
    void shouldKeepTextThatIsNotJsonAPlainTextAlert(String text) {
        Normalized outcome = normalize(text);

        assertThat(outcome).isInstanceOf(Normalized.Events.class);
        AlertEvent event = ((Normalized.Events) outcome).events().get(0);
        assertThat(event.status()).isEqualTo(AlertStatus.INFO);
        assertThat(event.title()).isEqualTo(text);
        assertThat(normalize(AwsSamples.envelope(text, "m-8", null))).isInstanceOf(Normalized.Events.class);
    }
}
