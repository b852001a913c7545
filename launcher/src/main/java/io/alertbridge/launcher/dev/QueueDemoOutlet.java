package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AnomalyScore;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The demo without the AWS stand-in: alarms and events written straight into the alarm queue inside the SNS envelope
 * that SNS-to-SQS delivery (raw delivery off) would write, and anomaly scores produced to the scores topic, keyed by
 * series, as a detector that produces to Kafka does.
 *
 * <p>Not thread-safe: the demo's thread uses it.
 */
public final class QueueDemoOutlet implements DemoOutlet {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alertbridge-demo";

    private final SqsClient sqs;
    private final String queueUrl;
    private final Producer<String, AnomalyScore> scores;
    private final String scoresTopic;
    private final Clock clock;

    /** An outlet writing to {@code queueUrl} and producing scores to {@code scoresTopic}. */
    public QueueDemoOutlet(
            SqsClient sqs, String queueUrl, Producer<String, AnomalyScore> scores, String scoresTopic, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.scores = scores;
        this.scoresTopic = scoresTopic;
        this.clock = clock;
    }

    @Override
    public void alarm(String message, String subject) {
        send(message, subject);
    }

    @Override
    public void event(ObjectNode event) {
        send(event.toString(), null);
    }

    @Override
    public void score(AnomalyScore score) {
        scores.send(new ProducerRecord<>(scoresTopic, score.series(), score));
    }

    @Override
    public void flush() {
        scores.flush();
    }

    private void send(String message, String subject) {
        ObjectNode envelope = (ObjectNode) DemoScenario.resource("sns_envelope.json");
        envelope.put("MessageId", UUID.randomUUID().toString());
        envelope.put("TopicArn", TOPIC);
        envelope.put("Timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        envelope.put("Message", message);
        if (subject != null) {
            envelope.put("Subject", subject);
        } else {
            envelope.remove("Subject");
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(envelope.toPrettyString()));
    }
}
