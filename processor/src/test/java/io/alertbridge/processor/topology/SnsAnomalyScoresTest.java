package io.alertbridge.processor.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.processor.aws.AnomalyMessages;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Detectors that publish to SNS (or straight to SQS) instead of producing to Kafka: through the whole topology, their
 * scores end as the very same incident as the same scores from {@code alertbridge.anomaly.scores}, their decisions
 * fire and resolve, and their broken scores land on the DLQ with the reason the Kafka path gives.
 */
class SnsAnomalyScoresTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");
    private static final String SERIES = "ec2-cpu-i-0abc";

    @TempDir
    Path stateDir;

    /** How a score reaches the processor. */
    enum Route {
        /** An SQS message whose body is the score (raw delivery on, or sent to SQS directly), told by its shape. */
        SQS_BODY(score -> raw(json(score), Map.of())),
        /** Raw delivery on with the SNS message attribute, which SQS then carries as a message attribute. */
        SQS_BODY_WITH_ATTRIBUTE(score -> raw(json(score), Map.of(AnomalyMessages.TYPE_ATTRIBUTE, "AnomalyScore"))),
        /** Raw delivery off: the score is the SNS envelope's Message, told by its shape. */
        SNS_ENVELOPE(score -> raw(envelope(json(score), Map.of()), Map.of())),
        /** Raw delivery off with the message attribute, which arrives in the envelope's MessageAttributes. */
        SNS_ENVELOPE_WITH_ATTRIBUTE(
                score -> raw(envelope(json(score), Map.of(AnomalyMessages.TYPE_ATTRIBUTE, "AnomalyScore")), Map.of()));

        final Function<AnomalyScore, RawAwsMessage> message;

        Route(Function<AnomalyScore, RawAwsMessage> message) {
            this.message = message;
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void shouldEndAsTheSameIncidentAsTheSameScoresFromKafka(Route route) {
        Outcome fromKafka = episode("kafka", IncidentTopologyHarness::score);
        Outcome fromAws = episode(route.name(), (h, score) -> h.deliver(route.message.apply(score)));

        assertThat(fromKafka.alerts())
                .extracting(AlertEvent::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(fromKafka.incidents()).last().satisfies(incident -> assertThat(incident.state())
                .isEqualTo(IncidentState.RESOLVED));
        assertThat(fromKafka.commands()).isNotEmpty();
        assertThat(fromAws).isEqualTo(fromKafka);
    }

    @Test
    void shouldDeadLetterABadScoreWithTheReasonTheKafkaPathGivesAndGoOn() {
        String outOfRange = json(score(0.9)).replace("0.9", "1.5");
        // What the Kafka path's deserialization handler writes to the DLQ as the reason (the serde's message).
        String fromKafka = catchThrowableOfType(
                        () -> JsonSerde.of(AnomalyScore.class)
                                .deserialize(
                                        Topics.defaults().anomalyScores().name(),
                                        outOfRange.getBytes(StandardCharsets.UTF_8)),
                        SerializationException.class)
                .getMessage();
        try (IncidentTopologyHarness h = harness("bad")) {
            h.deliver(raw(envelope(outOfRange, Map.of(AnomalyMessages.TYPE_ATTRIBUTE, "AnomalyScore")), Map.of()));

            assertThat(h.drainDeadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.reason().stage()).isEqualTo(NormalizeStage.NAME);
                assertThat(letter.reason().source()).isEqualTo("alertbridge.aws.raw");
                assertThat(letter.reason().errorClass()).isEqualTo(SerializationException.class.getName());
                assertThat(explanation(letter.reason().errorMessage()))
                        .isEqualTo(explanation(fromKafka))
                        .contains("score must be within [0, 1], was 1.5");
                assertThat(new String(letter.record().value(), StandardCharsets.UTF_8))
                        .as("the raw message, to replay")
                        .contains("1.5");
            });

            h.advance(Duration.ofSeconds(1));
            h.deliver(raw(json(score(0.9)), Map.of()));
            assertThat(h.drainAlerts()).singleElement().satisfies(alert -> assertThat(alert.status())
                    .isEqualTo(AlertStatus.FIRING));
            h.drainIncidents();
            h.drainCommands();
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldDeadLetterScoresWithoutSeriesOrWithATimeThatDoesNotParse() {
        String good = json(score(0.9));
        try (IncidentTopologyHarness h = harness("broken")) {
            h.deliver(raw(good.replace("\"series\":\"" + SERIES + "\",", ""), Map.of()));
            h.deliver(raw(envelope(good.replace(T0.plusSeconds(1).toString(), "yesterday"), Map.of()), Map.of()));

            assertThat(h.drainDeadLetters())
                    .extracting(letter -> letter.reason().errorMessage())
                    .satisfiesExactly(
                            noSeries -> assertThat(noSeries).contains("not a valid AnomalyScore", "series"),
                            badTime -> assertThat(badTime).contains("not a valid AnomalyScore", "yesterday"));
            h.assertNothingElseEmitted();
        }
    }

    @Test
    void shouldFireAndResolveADetectorsOwnDecisionsWithDetectorAndScoreInTheLabels() {
        Map<String, String> declared = Map.of(AnomalyMessages.TYPE_ATTRIBUTE, "AnomalyDecision");
        String anomalous = "{\"detector\":\"my-lambda\",\"series\":\"checkout-p99\",\"anomalous\":true,\"score\":0.93,"
                + "\"entity\":\"checkout-alb\",\"metric\":\"TargetResponseTime\",\"labels\":{\"service\":\"checkout\"}}";
        try (IncidentTopologyHarness h = harness("decisions")) {
            h.deliver(raw(envelope(anomalous, declared), Map.of()));
            h.advance(Duration.ofSeconds(30));
            h.deliver(raw(envelope(anomalous.replace("true", "false").replace("0.93", "0.12"), declared), Map.of()));
            h.advance(Duration.ofMinutes(5));

            assertThat(h.drainAlerts())
                    .satisfiesExactly(
                            firing -> {
                                assertThat(firing.status()).isEqualTo(AlertStatus.FIRING);
                                assertThat(firing.fingerprint()).isEqualTo("anomaly:my-lambda:checkout-p99");
                                assertThat(firing.source()).isEqualTo("anomaly");
                                assertThat(firing.labels())
                                        .containsEntry("detector", "my-lambda")
                                        .containsEntry("score", "0.93")
                                        .containsEntry("series", "checkout-p99")
                                        .containsEntry("resource", "checkout-alb")
                                        .containsEntry("service", "checkout");
                            },
                            resolved -> {
                                assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
                                assertThat(resolved.fingerprint()).isEqualTo("anomaly:my-lambda:checkout-p99");
                                assertThat(resolved.labels()).containsEntry("score", "0.12");
                            });
            List<Incident> incidents = h.drainIncidents();
            assertThat(incidents).first().satisfies(i -> assertThat(i.state()).isEqualTo(IncidentState.OPEN));
            assertThat(incidents).last().satisfies(i -> assertThat(i.state()).isEqualTo(IncidentState.RESOLVED));
            assertThat(h.drainCommands()).isNotEmpty();

            h.deliver(raw("{\"detector\":\"my-lambda\",\"anomalous\":true,\"entity\":\"checkout-alb\"}", Map.of()));
            assertThat(h.drainAlerts()).singleElement().satisfies(oneShot -> {
                assertThat(oneShot.status()).isEqualTo(AlertStatus.INFO);
                assertThat(oneShot.labels()).containsEntry("detector", "my-lambda");
            });
            h.advance(Duration.ofMinutes(5));
            h.drainIncidents();
            h.drainCommands();
            h.assertNothingElseEmitted();
        }
    }

    /**
     * Scores of one series, one a second: calm, an anomaly of three points, then calm long enough (48 points below
     * the clear threshold) to resolve; then five quiet minutes. Everything that came out, and nothing else.
     */
    private Outcome episode(String name, BiConsumer<IncidentTopologyHarness, AnomalyScore> send) {
        List<Double> scores = new ArrayList<>(List.of(0.1, 0.2, 0.9, 0.95, 0.7));
        scores.addAll(Collections.nCopies(48, 0.05));
        try (IncidentTopologyHarness h = harness(name)) {
            for (double value : scores) {
                h.advance(Duration.ofSeconds(1));
                send.accept(
                        h,
                        new AnomalyScore(
                                "numenta",
                                SERIES,
                                "i-0abc",
                                "CPUUtilization",
                                h.now(),
                                value,
                                50.0,
                                Map.of("service", "web")));
            }
            h.advance(Duration.ofMinutes(5));
            Outcome outcome = new Outcome(h.drainAlerts(), h.drainIncidents(), h.drainCommands());
            h.assertNothingElseEmitted();
            return outcome;
        }
    }

    private record Outcome(List<AlertEvent> alerts, List<Incident> incidents, List<NotificationCommand> commands) {}

    private IncidentTopologyHarness harness(String name) {
        return new IncidentTopologyHarness(List.of(), stateDir.resolve(name), T0);
    }

    private static AnomalyScore score(double value) {
        return new AnomalyScore(
                "numenta", SERIES, "i-0abc", "CPUUtilization", T0.plusSeconds(1), value, 50.0, Map.of());
    }

    /** The serde's explanation, without the topic or layer it names. */
    private static String explanation(String message) {
        return message.substring(message.indexOf(": ") + 2);
    }

    private static String json(AnomalyScore score) {
        try {
            return Json.mapper().writeValueAsString(score);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message published to an SNS topic and delivered with raw delivery off, with SNS message attributes. */
    private static String envelope(String message, Map<String, String> attributes) {
        try {
            ObjectNode envelope = (ObjectNode) Json.mapper()
                    .readTree(AwsSamples.envelope(message, "sns-" + Integer.toHexString(message.hashCode()), null));
            if (!attributes.isEmpty()) {
                ObjectNode all = envelope.putObject("MessageAttributes");
                attributes.forEach((name, value) ->
                        all.putObject(name).put("Type", "String").put("Value", value));
            }
            return envelope.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as the SQS bridge records it, with SQS message attributes. */
    private static RawAwsMessage raw(String body, Map<String, String> attributes) {
        RawAwsMessage plain = RawMessages.rawBody(body);
        Map<String, RawAwsMessage.MessageAttribute> sqsAttributes = new java.util.LinkedHashMap<>();
        attributes.forEach((name, value) -> sqsAttributes.put(name, RawAwsMessage.MessageAttribute.ofString(value)));
        return new RawAwsMessage(
                plain.queueUrl(),
                plain.sqsMessageId(),
                plain.snsMessageId(),
                body,
                sqsAttributes,
                plain.systemAttributes(),
                plain.receiveCount(),
                plain.sentAt(),
                plain.receivedAt());
    }
}
