package io.alertbridge.connectors.sqs;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQS unreachable, then back; a queue that does not exist. The bridge reports it, backs off, and recovers. And the
 * client built the standard way goes where the {@code sqs:} section says.
 */
@ExtendWith(DevkitExtension.class)
class SqsBridgeSqsTroubleIT {

    private static final Map<String, String> AWS_SETTINGS = Map.of(
            "aws.region", "eu-west-1",
            "aws.accessKeyId", "test",
            "aws.secretAccessKey", "test");

    /** The SDK's default chains read these system properties: the bridge's client is built the standard way. */
    @BeforeAll
    static void standardAwsSettings() {
        AWS_SETTINGS.forEach(System::setProperty);
    }

    @AfterAll
    static void clearAwsSettings() {
        AWS_SETTINGS.keySet().forEach(System::clearProperty);
    }

    @Test
    void shouldBackOffWhileSqsIsUnreachableAndRecoverWhenItComesBack(EmbeddedKafka kafka) throws Exception {
        int port = freePort();
        String name = DevkitExtension.unique("late");
        String queue = "http://localhost:" + port + "/000000000000/" + name;
        Topics topics = BridgeTestKit.uniqueTopics("late");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());
        SqsBridgeConfig config = BridgeTestKit.config(topics, queue);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (SqsClient client = SqsClients.standard(config, Optional.of(URI.create("http://localhost:" + port)));
                SqsBridge bridge = SqsBridge.start(config, client, BridgeTestKit.producerConfig(kafka), registry)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> registry.get(QueueMetrics.PREFIX + "errors")
                                    .tag("queue", queue)
                                    .tag("operation", "receive")
                                    .counter()
                                    .count()
                            >= 2);
            BridgeHealth.Queue down = bridge.health().queues().get(queue);
            assertThat(down.connected()).isFalse();
            assertThat(down.lastError()).isNotBlank();
            assertThat(bridge.isReady()).isFalse();

            try (EmbeddedSqs late = EmbeddedSqs.start(port, name)) {
                List<String> bodies = IntStream.range(0, 20)
                        .mapToObj(i -> "{\"late\":" + i + "}")
                        .toList();
                BridgeTestKit.send(late.client(), queue, bodies);
                BridgeTestKit.readUntil(kafka, topics.awsRaw().name(), r -> r.size() >= 20, Duration.ofSeconds(60));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> BridgeTestKit.queueDepth(late.client(), queue) == 0);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(bridge::isReady);
                assertThat(bridge.health().queues().get(queue).lastError()).isNull();
            }
        }
    }

    @Test
    void shouldReportAQueueThatDoesNotExistAsNotReady(EmbeddedKafka kafka, EmbeddedSqs sqs) throws Exception {
        String missing = sqs.endpoint() + "/000000000000/" + DevkitExtension.unique("missing");
        String present = sqs.createQueue(DevkitExtension.unique("present"));
        Topics topics = BridgeTestKit.uniqueTopics("missing");
        BridgeTestKit.createTopics(kafka, topics, Map.of(), Map.of());

        try (SqsBridge bridge = SqsBridge.start(
                BridgeTestKit.config(topics, missing, present),
                sqs.client(),
                BridgeTestKit.producerConfig(kafka),
                new SimpleMeterRegistry())) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> bridge.health().kafkaConnected()
                            && bridge.health().queues().get(present).connected()
                            && bridge.health().queues().get(missing).lastError() != null);

            BridgeHealth health = bridge.health();
            assertThat(health.ready()).isFalse();
            assertThat(health.queues().get(missing).connected()).isFalse();
            assertThat(health.queues().get(missing).lastError()).contains("QueueDoesNotExist");
        }
    }

    @Test
    void shouldReachTheSectionsEndpointInTheSectionsRegion(EmbeddedSqs sqs) {
        String queue = sqs.createQueue(DevkitExtension.unique("configured"));
        SqsBridgeConfig config = SqsBridgeConfig.builder()
                .queueUrls(List.of(queue))
                .endpoint(sqs.endpoint())
                .region("ap-southeast-2")
                .build();

        try (SqsClient client = SqsClients.standard(config, Optional.empty())) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(sqs.endpoint());
            assertThat(client.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes())
                    .containsKey(QueueAttributeName.QUEUE_ARN);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
