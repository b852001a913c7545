package io.alertbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** moto's server as the devkit runs it: a real AWS API, with SNS delivering into an SQS subscription. */
@ExtendWith(DevkitExtension.class)
class MotoServerIT {

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void shouldDeliverAnSnsPublishIntoASubscribedQueue(MotoServer moto) throws Exception {
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
            String name = DevkitExtension.unique("moto-it");
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

            sns.publish(b -> b.topicArn(topicArn).subject("ALARM").message("{\"AlarmName\":\"api-5xx\"}"));
            List<Message> received = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(1))
                    .messages();

            assertThat(topicArn).startsWith("arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT_ID + ":");
            assertThat(received).hasSize(1);
            JsonNode envelope = new ObjectMapper().readTree(received.get(0).body());
            assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
            assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
            assertThat(envelope.path("Message").asText()).isEqualTo("{\"AlarmName\":\"api-5xx\"}");
        }
    }

    @Test
    void shouldNameWhatIsMissingWhenPythonCannotRun() {
        assertThatThrownBy(() -> MotoServer.start("/nonexistent/python3"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3")
                .hasMessageContaining("moto[server]");
    }
}
