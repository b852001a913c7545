package io.alertbridge.testkit;

import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DevkitExtension.class)
class EmbeddedSqsIT {

    @Test
    void shouldGiveQueueUrlsOnItsOwnPort(EmbeddedSqs sqs) {
        String url = sqs.createQueue(DevkitExtension.unique("url"));

        assertThat(url).startsWith(sqs.endpoint().toString() + "/");
    }

    @Test
    void shouldBatchSendLongPollReceiveAndBatchDelete(EmbeddedSqs sqs) {
        SqsClient client = sqs.client();
        String queue = sqs.createQueue(DevkitExtension.unique("batch"));

        SendMessageBatchResponse sent = client.sendMessageBatch(b -> b.queueUrl(queue)
                .entries(IntStream.range(0, 10)
                        .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                .id("m" + i)
                                .messageBody("{\"n\":" + i + "}")
                                .build())
                        .toList()));
        assertThat(sent.successful()).hasSize(10);
        assertThat(sent.failed()).isEmpty();

        List<Message> received = client.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(queue)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(5)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                        .build())
                .messages();
        assertThat(received).isNotEmpty();
        assertThat(received.get(0).attributes()).containsKey(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);

        DeleteMessageBatchResponse deleted = client.deleteMessageBatch(b -> b.queueUrl(queue)
                .entries(received.stream()
                        .map(m -> DeleteMessageBatchRequestEntry.builder()
                                .id(m.messageId())
                                .receiptHandle(m.receiptHandle())
                                .build())
                        .toList()));
        assertThat(deleted.failed()).isEmpty();
        assertThat(deleted.successful()).hasSize(received.size());
    }

    @Test
    void shouldLongPollUntilAMessageArrives(EmbeddedSqs sqs) {
        SqsClient client = sqs.client();
        String queue = sqs.createQueue(DevkitExtension.unique("longpoll"));
        Instant before = Instant.now();

        List<Message> none =
                client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages();

        assertThat(none).isEmpty();
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void shouldRedeliverAfterVisibilityIsReleasedWithAHigherReceiveCount(EmbeddedSqs sqs) {
        SqsClient client = sqs.client();
        String queue = sqs.createQueue(DevkitExtension.unique("visibility"));
        client.sendMessage(b -> b.queueUrl(queue).messageBody("again"));
        Message first = receiveOne(client, queue);

        client.changeMessageVisibility(
                b -> b.queueUrl(queue).receiptHandle(first.receiptHandle()).visibilityTimeout(0));

        Message second = receiveOne(client, queue);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .isEqualTo("2");
    }

    @Test
    void shouldHideAMessageWhileItsVisibilityIsExtended(EmbeddedSqs sqs) {
        SqsClient client = sqs.client();
        String queue = sqs.createQueue(DevkitExtension.unique("extend"));
        client.sendMessage(b -> b.queueUrl(queue).messageBody("hidden"));
        Message message = receiveOne(client, queue);

        client.changeMessageVisibility(
                b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()).visibilityTimeout(120));

        assertThat(client.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                        .messages())
                .isEmpty();
        String inFlight = client.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(queue)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                        .build())
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        assertThat(inFlight).isEqualTo("1");
    }

    private static Message receiveOne(SqsClient client, String queue) {
        Message[] holder = new Message[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Message> messages = client.receiveMessage(b -> b.queueUrl(queue)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            holder[0] = messages.isEmpty() ? null : messages.get(0);
            return holder[0] != null;
        });
        return holder[0];
    }
}
