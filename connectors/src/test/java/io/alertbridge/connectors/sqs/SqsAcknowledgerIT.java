package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.devkit.EmbeddedSqs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deletes against a real SQS server (ElasticMQ): messages acknowledged a few milliseconds apart, as alarms that
 * trickle in are, share {@code DeleteMessageBatch} calls, and every one of them leaves the queue.
 */
class SqsAcknowledgerIT {

    private static final int MESSAGES = 10;

    @Test
    void shouldShareDeleteCallsBetweenMessagesAcknowledgedAFewMillisecondsApart() throws Exception {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0)) {
            String queue = sqs.createQueue("ack-batching");
            AtomicInteger deleteCalls = new AtomicInteger();
            try (SqsClient client = countingClient(sqs, deleteCalls)) {
                for (int i = 0; i < MESSAGES; i++) {
                    int n = i;
                    client.sendMessage(b -> b.queueUrl(queue).messageBody("alarm " + n));
                }
                List<Message> received = new ArrayList<>();
                while (received.size() < MESSAGES) {
                    received.addAll(client.receiveMessage(b ->
                                    b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages());
                }
                InFlightTracker tracker = new InFlightTracker(10);
                SqsAcknowledger acknowledger = new SqsAcknowledger(
                        client,
                        queue,
                        tracker,
                        new QueueMetrics(new SimpleMeterRegistry(), queue, tracker::size),
                        new SqsErrorClassifier(),
                        new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)));
                acknowledger.start(1, Executors.defaultThreadFactory());
                warmUp(client, queue);
                deleteCalls.set(0);
                try {
                    long visibleAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                    for (Message message : received) {
                        InFlightMessage inFlight = new InFlightMessage(queue, message, visibleAt);
                        tracker.track(inFlight);
                        assertThat(inFlight.transition(
                                        InFlightMessage.State.PRODUCING, InFlightMessage.State.ACKNOWLEDGED))
                                .isTrue();
                        acknowledger.acknowledge(inFlight);
                        // Kafka acknowledges alarms that trickle in at about 60 a second about 15 ms apart.
                        TimeUnit.MILLISECONDS.sleep(15);
                    }
                    assertThat(acknowledger.drain(Duration.ofSeconds(10))).isTrue();
                } finally {
                    acknowledger.stop();
                }

                assertThat(deleteCalls.get())
                        .as("DeleteMessageBatch calls for %d messages acknowledged 15 ms apart", MESSAGES)
                        .isBetween(1, 3);
                assertThat(client.getQueueAttributes(b -> b.queueUrl(queue)
                                        .attributeNames(
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                .attributes())
                        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
            }
        }
    }

    /** One send, receive and delete first, so that the measured deletes do not include the client's first call. */
    private static void warmUp(SqsClient client, String queue) {
        client.sendMessage(b -> b.queueUrl(queue).messageBody("warm-up"));
        List<Message> warm = List.of();
        while (warm.isEmpty()) {
            warm = client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                    .messages();
        }
        String handle = warm.get(0).receiptHandle();
        client.deleteMessageBatch(b -> b.queueUrl(queue).entries(e -> e.id("0").receiptHandle(handle)));
    }

    private static SqsClient countingClient(EmbeddedSqs sqs, AtomicInteger deleteCalls) {
        return SqsClient.builder()
                .endpointOverride(sqs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("DeleteMessageBatch"
                                .equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            deleteCalls.incrementAndGet();
                        }
                    }
                }))
                .build();
    }
}
