package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.aws.AwsAccess;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CloudWatch clients by region, built on first use through one {@link AwsAccess}: an alarm is read in its own region
 * (from its ARN), the access's region is the default. A client that cannot be built (no region anywhere, no
 * credentials) throws the SDK's exception, which {@link MetricFetcher} classifies like any failed call. Thread-safe;
 * {@link #close} closes every client built.
 */
public final class CloudWatchClients implements Function<String, CloudWatchClient>, AutoCloseable {

    /** A graph is worth little after this long: the message goes out without it. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final AwsAccess access;
    private final Map<String, CloudWatchClient> byRegion = new ConcurrentHashMap<>();

    /** Clients through {@code access}. */
    public CloudWatchClients(AwsAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The client of {@code region} (null: the access's or the SDK's region). */
    @Override
    public CloudWatchClient apply(String region) {
        String key = region == null || region.isBlank() ? "" : region;
        return byRegion.computeIfAbsent(key, this::build);
    }

    private CloudWatchClient build(String region) {
        AwsAccess inRegion = region.isEmpty() ? access : new AwsAccess(region, access.endpoint(), access.credentials());
        return inRegion.configure(CloudWatchClient.builder()
                        .overrideConfiguration(ClientOverrideConfiguration.builder()
                                .apiCallTimeout(CALL_TIMEOUT)
                                .build()))
                .build();
    }

    @Override
    public void close() {
        byRegion.values().forEach(CloudWatchClient::close);
        byRegion.clear();
    }
}
