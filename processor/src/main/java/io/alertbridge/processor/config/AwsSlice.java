package io.alertbridge.processor.config;

import io.alertbridge.schemas.config.Check;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * How Alertbridge reaches AWS ({@code aws:} in YAML): only what the AWS SDK cannot be told otherwise per process.
 * Credentials never come from here: the AWS SDK's chain finds them. Each service's own section ({@code sqs:}) may
 * override these; left out there, it takes them.
 *
 * <pre>
 * aws: {region: eu-west-1, endpoint: http://localhost:4566}
 * </pre>
 *
 * @param region the AWS region, or null for the AWS SDK's region chain; environment {@code AWS_REGION}
 * @param endpoint an endpoint override for every AWS service (LocalStack, an SQS-compatible server), or null for
 *     AWS's own; environment {@code AWS_ENDPOINT_URL}
 */
public record AwsSlice(String region, URI endpoint) {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public AwsSlice {
        Check.require(
                region == null || REGION.matcher(region).matches(),
                "aws.region",
                "must be an AWS region code such as eu-west-1, was '" + region + "'");
        Check.require(
                endpoint == null || Check.isHttpUrl(endpoint),
                "aws.endpoint",
                "must be an http(s) URL, was '" + endpoint + "'");
    }

    /** Neither region nor endpoint: the AWS SDK's own chain decides. */
    public static AwsSlice defaults() {
        return new AwsSlice(null, null);
    }
}
