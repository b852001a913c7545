package io.alertbridge.processor.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.processor.aws.AnomalyMessages;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A detector in AWS publishing real scores (a NAB series scored by {@code numenta}) to an SNS topic, delivered into a
 * subscribed SQS queue with raw delivery off by moto (a real AWS API), read with the real SDK, and run through the
 * whole topology: it raises exactly the alerts the same scores produced to {@code alertbridge.anomaly.scores} raise.
 */
@ExtendWith(DevkitExtension.class)
class SnsNabScoresIT {

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    @Test
    void shouldRaiseFromSnsTheAlertsTheSameNabScoresRaiseFromKafka(MotoServer moto) throws IOException {
        Optional<NabData> nab = NabData.locate();
        assumeTrue(nab.isPresent(), "no NAB data (../shared/data/nab)");
        List<AnomalyScore> scores = anEpisode(nab.get());

        List<AnomalyScore> published;
        List<Message> received;
        String queue;
        try (SnsClient sns = SnsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(DUMMY)
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(DUMMY)
                        .build()) {
            String name = DevkitExtension.unique("nab-scores");
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            queue = queueUrl;
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

            published = new ArrayList<>();
            for (AnomalyScore score : scores) {
                sns.publish(b -> b.topicArn(topicArn)
                        .message(json(score))
                        .messageAttributes(Map.of(
                                AnomalyMessages.TYPE_ATTRIBUTE,
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("AnomalyScore")
                                        .build())));
                published.add(score);
            }
            received = receive(sqs, queueUrl, published.size());
        }

        assertThat(received).hasSize(published.size());
        JsonNode envelope = Json.mapper().readTree(received.get(0).body());
        assertThat(envelope.path("Type").asText()).as("raw delivery off").isEqualTo("Notification");
        assertThat(envelope.path("MessageAttributes")
                        .path(AnomalyMessages.TYPE_ATTRIBUTE)
                        .path("Value")
                        .asText())
                .isEqualTo("AnomalyScore");
        List<AlertEvent> fromSns = run(
                "sns",
                (raw, scoresIn) -> received.forEach(m -> {
                    RawAwsMessage message = rawMessage(queue, m);
                    raw.pipeInput(message.recordKey(), message, message.receivedAt());
                }));
        List<AlertEvent> fromKafka = run(
                "kafka",
                (raw, scoresIn) ->
                        published.forEach(score -> scoresIn.pipeInput(score.series(), score, score.timestamp())));

        assertThat(fromKafka).extracting(AlertEvent::status).contains(AlertStatus.FIRING);
        assertThat(fromSns).isEqualTo(fromKafka);
    }

    /** Up to 200 points of the first numenta series around its first score at or above the fire threshold. */
    private static List<AnomalyScore> anEpisode(NabData nab) {
        for (NabData.Series series : nab.series("numenta")) {
            List<NabData.Point> points = series.points();
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i).score() >= 0.5) {
                    int from = Math.max(0, i - 20);
                    String id = "nab-" + series.id().replaceAll("[^A-Za-z0-9_.-]", "_");
                    return points.subList(from, Math.min(points.size(), from + 200)).stream()
                            .map(p ->
                                    new AnomalyScore("numenta", id, null, null, p.at(), p.score(), p.value(), Map.of()))
                            .toList();
                }
            }
        }
        throw new IllegalStateException("no numenta score reaches 0.5 in the NAB data");
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, int expected) {
        List<Message> all = new ArrayList<>();
        Instant deadline = Instant.now().plus(RECEIVE_TIMEOUT);
        while (all.size() < expected && Instant.now().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            all.addAll(batch);
            if (!batch.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(batch.stream()
                                .map(m ->
                                        software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry
                                                .builder()
                                                .id(m.messageId())
                                                .receiptHandle(m.receiptHandle())
                                                .build())
                                .toList()));
            }
        }
        return all;
    }

    private interface Inputs {
        void pipe(TestInputTopic<String, RawAwsMessage> raw, TestInputTopic<String, AnomalyScore> scores);
    }

    /** The whole topology under default rules; the alerts it raised. */
    private List<AlertEvent> run(String name, Inputs inputs) {
        ProcessorConfig config = Driver.config(stateDir.resolve(name));
        Topics topics = config.topicCatalog();
        RuleBook rules = RuleBook.empty(config.rules().defaultChannel());
        try (Driver driver = Driver.of(new AlertbridgeTopology(config, () -> rules).build(), config)) {
            inputs.pipe(driver.input(topics.awsRaw()), driver.input(topics.anomalyScores()));
            assertThat(driver.deadLetters(topics.deadLetters().name())).isEmpty();
            return driver.output(topics.alerts()).readValuesToList();
        }
    }

    /** The message as the SQS bridge records it: the body untouched, its attributes and receive time. */
    private static RawAwsMessage rawMessage(String queueUrl, Message message) {
        Map<String, RawAwsMessage.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes()
                .forEach((key, value) -> attributes.put(
                        key, new RawAwsMessage.MessageAttribute(value.dataType(), value.stringValue(), null)));
        Map<String, String> system = new LinkedHashMap<>();
        message.attributes().forEach((key, value) -> system.put(key.toString(), value));
        String sent = system.get("SentTimestamp");
        Instant sentAt = sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        return new RawAwsMessage(
                queueUrl,
                message.messageId(),
                snsMessageId(message.body()),
                message.body(),
                attributes,
                system,
                Integer.parseInt(system.getOrDefault("ApproximateReceiveCount", "1")),
                sentAt,
                sentAt == null ? Instant.now() : sentAt);
    }

    private static String snsMessageId(String body) {
        try {
            return Json.mapper().readTree(body).path("MessageId").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(AnomalyScore score) {
        try {
            return Json.mapper().writeValueAsString(score);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
