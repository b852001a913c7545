package io.alertbridge.connectors.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * How a process reaches AWS: a region, an endpoint and credentials, each optional. What is left out comes from the
 * SDK's own chains (region from {@code AWS_REGION} or the profile, endpoint from {@code AWS_ENDPOINT_URL} and its
 * per-service forms, credentials from the environment, profile, SSO or the container or instance role). One value
 * configures every client a part builds, so they all agree. Immutable.
 *
 * @param region the region, or null for the SDK's region chain
 * @param endpoint one endpoint for every service (moto, LocalStack), or null for AWS's own
 * @param credentials the credentials, or null for the SDK's default chain
 */
public record AwsAccess(String region, URI endpoint, AwsCredentialsProvider credentials) {

    /** Everything from the SDK's chains. */
    public static AwsAccess defaults() {
        return new AwsAccess(null, null, null);
    }

    /** The builder with what this access sets; the rest stays the SDK's. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder;
    }
}
