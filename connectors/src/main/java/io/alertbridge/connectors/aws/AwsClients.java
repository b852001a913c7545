package io.alertbridge.connectors.aws;

import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients {@code aws connect} and {@code aws check} use, all built by the SDK's defaults: credentials and
 * region from the default chains, endpoints from {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} (or
 * their system properties) as the SDK itself reads them. Thread-safe; {@link #close} closes every client.
 *
 * @param region the region every client uses
 * @param sqs SQS
 * @param sns SNS
 * @param events EventBridge
 * @param cloudWatch CloudWatch (alarms)
 * @param sts STS (the caller's account)
 */
public record AwsClients(
        String region,
        SqsClient sqs,
        SnsClient sns,
        EventBridgeClient events,
        CloudWatchClient cloudWatch,
        StsClient sts)
        implements AutoCloseable {

    /** Clients from the default chains. Fails with the SDK's message when no region is configured. */
    public static AwsClients fromDefaultChain() {
        String region =
                DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        return new AwsClients(
                region,
                SqsClient.create(),
                SnsClient.create(),
                EventBridgeClient.create(),
                CloudWatchClient.create(),
                StsClient.create());
    }

    /** The caller's account id. */
    public String account() {
        return sts.getCallerIdentity().account();
    }

    @Override
    public void close() {
        sqs.close();
        sns.close();
        events.close();
        cloudWatch.close();
        sts.close();
    }
}
