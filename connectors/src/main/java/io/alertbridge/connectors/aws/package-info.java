/**
 * What talks to AWS besides draining queues: {@code alertbridge aws connect} and {@code alertbridge aws check}.
 *
 * <p>Pure decisions first: {@link io.alertbridge.connectors.aws.DesiredState} (what a connected queue is, from the
 * command line), {@link io.alertbridge.connectors.aws.QueuePolicy} (the exact queue policy),
 * {@link io.alertbridge.connectors.aws.ConnectPlan} (desired against observed: ordered steps, each with its reason)
 * and {@link io.alertbridge.connectors.aws.CheckFindings} (broken links, each with its fix). Around them, the only
 * classes that call AWS: {@link io.alertbridge.connectors.aws.AwsReader} reads an
 * {@link io.alertbridge.connectors.aws.ObservedState}, {@link io.alertbridge.connectors.aws.ConnectExecutor}
 * applies a plan's steps, both over {@link io.alertbridge.connectors.aws.AwsClients} built from the SDK's default
 * chains (credentials, region, {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}).
 */
package io.alertbridge.connectors.aws;
