package io.alertbridge.connectors.sqs;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.util.List;

/**
 * Long-polls one queue: each {@link #receive(int)} is one {@code ReceiveMessage} call with the configured wait
 * (20 s by default, so an idle queue costs three calls a minute per receiver), at most 10 messages, every message
 * attribute and every system attribute ({@code ApproximateReceiveCount}, {@code SentTimestamp}, ...), and the
 * bridge's own visibility timeout, so the extender knows when each message would reappear whatever the queue's
 * default.
 *
 * <p>Reading only: it neither tracks nor deletes. Thread-safe (the SDK client is); each receiver thread calls it.
 */
final class SqsPoller {

    private final SqsClient client;
    private final String queueUrl;
    private final int waitSeconds;
    private final int visibilitySeconds;

    SqsPoller(SqsClient client, String queueUrl, SqsBridgeConfig config) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.waitSeconds = (int) config.waitTime().getSeconds();
        this.visibilitySeconds = (int) config.visibilityTimeout().getSeconds();
    }

    /**
     * Receives up to {@code maxMessages} (1..10), waiting up to the configured time for the first one.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when SQS or the network fails; see
     *     {@link SqsErrorClassifier}
     */
    List<Message> receive(int maxMessages) {
        ReceiveMessageRequest request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .visibilityTimeout(visibilitySeconds)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .build();
        return client.receiveMessage(request).messages();
    }
}
