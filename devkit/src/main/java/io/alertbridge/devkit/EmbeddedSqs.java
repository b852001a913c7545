package io.alertbridge.devkit;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real SQS-compatible server (ElasticMQ) in the JVM on localhost. AWS SDK clients reach it through
 * {@link #endpoint()} with any region and the dummy credentials of {@link #client()}.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);

    /** The region the embedded server and its clients use. */
    public static final Region REGION = Region.US_EAST_1;

    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = newClient();
    }

    /**
     * Starts a server on {@code port} (0 for a free one) and creates the named queues.
     *
     * @param port the port, or 0
     * @param queues queue names to create (standard queues, 30 s visibility timeout)
     */
    public static EmbeddedSqs start(int port, String... queues) {
        long started = System.nanoTime();
        var builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
        SQSRestServer server = builder.withInterface("localhost").start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        EmbeddedSqs sqs = new EmbeddedSqs(server, bound);
        for (String queue : queues) {
            sqs.createQueue(queue);
        }
        LOG.info(
                "In-process SQS (ElasticMQ) ready at {} in {} ms",
                sqs.endpoint(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return sqs;
    }

    /** The endpoint URL for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_SQS}. */
    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    /** Creates a standard queue (idempotent) and returns its URL. */
    public String createQueue(String name) {
        return createQueue(name, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
    }

    /** Creates a queue with the given attributes (idempotent) and returns its URL. */
    public String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return queueUrls.computeIfAbsent(name, n -> client.createQueue(CreateQueueRequest.builder()
                        .queueName(n)
                        .attributes(attributes)
                        .build())
                .queueUrl());
    }

    /** A client of this server, shared; do not close it. */
    public SqsClient client() {
        return client;
    }

    /** A new client of this server; the caller closes it. */
    public SqsClient newClient() {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
            server.stopAndWait();
        }
    }
}
