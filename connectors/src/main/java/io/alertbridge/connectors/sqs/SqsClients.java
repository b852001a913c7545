package io.alertbridge.connectors.sqs;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the SQS client the bridge takes, the AWS SDK's standard way: region from the configuration's
 * {@code sqs.region} or else the default chain ({@code AWS_REGION}, profile, instance metadata), credentials from
 * the default chain, and the endpoint from an explicit override (the devkit, tests), else the configuration's
 * {@code sqs.endpoint}, else the SDK's own {@code AWS_ENDPOINT_URL_SQS} / {@code AWS_ENDPOINT_URL}. Nothing here
 * reads the environment itself: the configuration loader and the SDK do.
 *
 * <p>The HTTP connection pool is sized for the bridge: one long poll per receiver plus deletes, visibility changes
 * and releases running beside them. Stateless; the returned client is thread-safe and the caller closes it.
 */
public final class SqsClients {

    private SqsClients() {}

    /**
     * A client for the given bridge configuration: its region and endpoint, unless {@code endpointOverride} names
     * another endpoint.
     */
    public static SqsClient standard(SqsBridgeConfig config, Optional<URI> endpointOverride) {
        SqsClientBuilder builder = builder(connectionsFor(config));
        endpointOverride.or(() -> Optional.ofNullable(config.endpoint())).ifPresent(builder::endpointOverride);
        if (config.region() != null) {
            builder.region(Region.of(config.region()));
        }
        return builder.build();
    }

    /** A client with a pool of {@code maxConnections} and an optional endpoint override. */
    public static SqsClient standard(int maxConnections, Optional<URI> endpointOverride) {
        SqsClientBuilder builder = builder(maxConnections);
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SqsClientBuilder builder(int maxConnections) {
        return SqsClient.builder().httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections));
    }

    /** Connections the bridge may use at once: receivers and delete workers per queue, plus the extender's. */
    public static int connectionsFor(SqsBridgeConfig config) {
        return Math.max(8, config.queueUrls().size() * config.receiversPerQueue() * 2 + 4);
    }
}
