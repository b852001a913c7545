package io.alertbridge.processor.aws;

import io.alertbridge.schemas.model.AnomalyScore;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyMessagesTest {

    private static final String SCORE = "{\"detector\":\"numenta\",\"series\":\"ec2-cpu-i-0abc\",\"entity\":\"i-0abc\","
            + "\"metric\":\"CPUUtilization\",\"timestamp\":\"2014-02-14T14:30:00Z\",\"score\":0.87,\"value\":50.5,"
            + "\"labels\":{\"service\":\"checkout\"}}";
    private static final String DECISION =
            "{\"detector\":\"my-lambda\",\"series\":\"checkout-p99\",\"anomalous\":true,\"score\":0.93}";
    private static final Map<String, String> NONE = Map.of();

    private static Map<String, String> declared(String type) {
        return Map.of(AnomalyMessages.TYPE_ATTRIBUTE, type);
    }

    @Test
    void shouldReadAScoreByItsShape() {
        AnomalyMessage outcome = AnomalyMessages.classify(SCORE, NONE, "body");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Score.class, score -> {
            assertThat(score.score())
                    .isEqualTo(new AnomalyScore(
                            "numenta",
                            "ec2-cpu-i-0abc",
                            "i-0abc",
                            "CPUUtilization",
                            Instant.parse("2014-02-14T14:30:00Z"),
                            0.87,
                            50.5,
                            Map.of("service", "checkout")));
            assertThat(score.reason()).contains("shape of an AnomalyScore");
        });
    }

    @Test
    void shouldReadAScoreDeclaredByTheAttribute() {
        AnomalyMessage outcome = AnomalyMessages.classify(SCORE, declared("AnomalyScore"), "SNS Message m-1");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Score.class, score -> assertThat(score.reason())
                .isEqualTo("SNS Message m-1 is declared by alertbridge-type 'AnomalyScore'"));
    }

    @Test
    void shouldReadTheAttributeWhateverItsCase() {
        assertThat(AnomalyMessages.classify(SCORE, declared(" anomalyscore "), "body"))
                .isInstanceOf(AnomalyMessage.Score.class);
    }

    @Test
    void shouldReadADecisionByItsShapeEvenWithAScore() {
        AnomalyMessage outcome = AnomalyMessages.classify(DECISION, NONE, "body");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Decision.class, decision -> {
            assertThat(decision.decision().detector()).isEqualTo("my-lambda");
            assertThat(decision.decision().series()).isEqualTo("checkout-p99");
            assertThat(decision.decision().anomalous()).isTrue();
            assertThat(decision.decision().score()).isEqualTo(0.93);
            assertThat(decision.reason()).contains("shape of an AnomalyDecision");
        });
    }

    @Test
    void shouldReadADecisionDeclaredByTheAttribute() {
        assertThat(AnomalyMessages.classify(
                        "{\"detector\":\"my-lambda\",\"anomalous\":false}", declared("AnomalyDecision"), "body"))
                .isInstanceOfSatisfying(
                        AnomalyMessage.Decision.class,
                        decision -> assertThat(decision.decision().anomalous()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"AlarmName\":\"cpu-high\",\"NewStateValue\":\"ALARM\"}",
                "{\"source\":\"aws.guardduty\",\"detail-type\":\"GuardDuty Finding\",\"detail\":{\"detector\":\"d\","
                        + "\"score\":1}}",
                "{\"detector\":\"d\",\"verdict\":\"odd\"}",
                "CPU high on i-0abc",
                "detector \"detector\" said so",
                "[{\"detector\":\"d\",\"score\":0.5}]"
            })
    void shouldLeaveEverythingElseToTheAwsShapes(String text) {
        assertThat(AnomalyMessages.classify(text, NONE, "body")).isInstanceOf(AnomalyMessage.Event.class);
    }

    @Test
    void shouldLeaveOtherAttributesAlone() {
        assertThat(AnomalyMessages.classify("{\"AlarmName\":\"x\"}", Map.of("team", "checkout"), "body"))
                .isInstanceOf(AnomalyMessage.Event.class);
    }

    @Test
    void shouldRejectAScoreOutOfRangeWithTheSerdesReason() {
        AnomalyMessage outcome = AnomalyMessages.classify(SCORE.replace("0.87", "1.5"), NONE, "body");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> {
            assertThat(bad.errorClass()).isEqualTo(SerializationException.class.getName());
            assertThat(bad.reason())
                    .startsWith("not a valid AnomalyScore on topic body:")
                    .contains("score must be within [0, 1], was 1.5");
        });
    }

    @Test
    void shouldRejectAScoreWithoutSeries() {
        AnomalyMessage outcome =
                AnomalyMessages.classify(SCORE.replace("\"series\":\"ec2-cpu-i-0abc\",", ""), NONE, "body");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> assertThat(bad.reason())
                .contains("series"));
    }

    @Test
    void shouldRejectAScoreWhoseTimeDoesNotParse() {
        AnomalyMessage outcome =
                AnomalyMessages.classify(SCORE.replace("2014-02-14T14:30:00Z", "yesterday"), NONE, "body");

        assertThat(outcome).isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> assertThat(bad.reason())
                .contains("yesterday")
                .contains("timestamp"));
    }

    @Test
    void shouldRejectADeclaredScoreThatIsNoScore() {
        assertThat(AnomalyMessages.classify("CPU high on i-0abc", declared("AnomalyScore"), "SNS Message m-1"))
                .isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> assertThat(bad.reason())
                        .startsWith("not a valid AnomalyScore on topic SNS Message m-1:"));
    }

    @Test
    void shouldRejectADecisionWithoutItsVerdict() {
        assertThat(AnomalyMessages.classify(
                        "{\"detector\":\"my-lambda\",\"series\":\"s\",\"score\":0.9}",
                        declared("AnomalyDecision"),
                        "body"))
                .isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> assertThat(bad.reason())
                        .contains("anomalous"));
    }

    @Test
    void shouldRejectATypeItDoesNotKnow() {
        assertThat(AnomalyMessages.classify(SCORE, declared("AnomalyForecast"), "body"))
                .isInstanceOfSatisfying(AnomalyMessage.Unreadable.class, bad -> assertThat(bad.reason())
                        .isEqualTo("body: alertbridge-type 'AnomalyForecast' names no type Alertbridge reads "
                                + "(AnomalyScore, AnomalyDecision)"));
    }
}
