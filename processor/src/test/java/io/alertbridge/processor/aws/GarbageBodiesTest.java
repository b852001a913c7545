package io.alertbridge.processor.aws;

import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.testkit.samples.AwsSamples;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GarbageBodiesTest {

    private final AwsMessageNormalizer normalizer = new AwsMessageNormalizer(NormalizeSlice.defaults());

    private String reasonFor(String body) {
        Normalized outcome = normalizer.normalize(RawMessages.rawBody(body));
        assertThat(outcome).isInstanceOf(Normalized.Unreadable.class);
        return outcome.reason();
    }

    @Test
    void shouldRejectTruncatedJson() {
        String whole = AwsSamples.text("eventbridge_cloudwatch_alarm_state_change_single_metric.json");

        assertThat(reasonFor(whole.substring(0, whole.length() / 2)))
                .startsWith("body is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void shouldRejectTrailingGarbageAfterAValidDocument() {
        assertThat(reasonFor(AwsSamples.text("eventbridge_envelope_example_ec2_state_change.json") + " {\"again\": 1}"))
                .startsWith("body is not valid JSON");
    }

    @Test
    void shouldRejectFieldsOfTheWrongType() {
        String numericState = AwsSamples.text("eventbridge_cloudwatch_alarm_state_change_single_metric.json")
                .replace("\"value\": \"ALARM\"", "\"value\": 42");
        String objectMessage = "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:eu-west-1:"
                + "123456789012:t\",\"Message\":{\"AlarmName\":\"x\"}}";
        String listedResources = AwsSamples.text("eventbridge_envelope_example_ec2_state_change.json")
                .replace("\"resources\": [", "\"resources\": [7, ");

        assertThat(reasonFor(numericState))
                .isEqualTo("EventBridge CloudWatch Alarm State Change state: 'value' must be a string, was number 42");
        assertThat(reasonFor(objectMessage))
                .isEqualTo("SNS envelope: 'Message' must be a string, was object " + "{\"AlarmName\":\"x\"}");
        assertThat(reasonFor(listedResources))
                .isEqualTo("EventBridge event: 'resources' must be a list of strings, holds number");
    }

    @Test
    void shouldRejectABodyLargerThanAnySnsMessageWithoutReadingIt() {
        String huge = "{\"padding\":\"" + "x".repeat(1 << 20) + "\"}";

        assertThat(reasonFor(huge))
                .isEqualTo("body of " + huge.length() + " bytes exceeds normalize.maxBodyBytes (262144); no AWS"
                        + " notification is that large");
    }

    @Test
    void shouldRejectRandomBytes() {
        byte[] bytes = new byte[512];
        new Random(7).nextBytes(bytes);
        String decoded = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);

        assertThat(reasonFor(decoded))
                .satisfiesAnyOf(
                        r -> assertThat(r).isEqualTo("body is binary, neither text nor JSON"),
                        r -> assertThat(r).startsWith("body is not valid JSON"));
        assertThat(reasonFor("\u0000\u0001\u0002 plain? no")).isEqualTo("body is binary, neither text nor JSON");
    }

    @Test
    void shouldRejectAnEmptyOrBlankBody() {
        assertThat(reasonFor("")).isEqualTo("empty body");
        assertThat(reasonFor(" \n\t ")).isEqualTo("empty body");
    }

    @Test
    void shouldRejectJsonOfNoKnownShapeListingItsKeys() {
        assertThat(reasonFor("{\"hello\": \"world\", \"n\": 1}"))
                .startsWith("JSON of no known AWS shape")
                .endsWith("its keys: [hello, n]");
        assertThat(reasonFor("[1, 2, 3]")).isEqualTo("body is a JSON array, not an AWS message");
    }

    @Test
    void shouldRejectAnSnsTypeThatDoesNotExist() {
        String body =
                "{\"Type\":\"Telegram\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:eu-west-1:123456789012:t\"}";

        assertThat(reasonFor(body))
                .isEqualTo("SNS envelope: Type 'Telegram' is not Notification, SubscriptionConfirmation or "
                        + "UnsubscribeConfirmation");
    }

    @Test
    void shouldRejectAnEnvelopeWhoseMessageIsBrokenJsonNamingTheMessage() {
        String body = AwsSamples.envelope("{\"AlarmName\": \"half", "m-9", null);

        assertThat(reasonFor(body)).startsWith("SNS Message m-9 is not valid JSON");
    }

    @Test
    void shouldRejectAMissingRequiredField() {
        String body = AwsSamples.text("eventbridge_codepipeline_pipeline_execution_FAILED.emitted.json")
                .replace("\"pipeline\": \"myPipeline\",", "");

        assertThat(reasonFor(body))
                .isEqualTo("EventBridge CodePipeline Pipeline Execution State Change: 'pipeline' is missing");
    }
}
