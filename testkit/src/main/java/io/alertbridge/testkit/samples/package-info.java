/**
 * The real AWS payloads the tests feed through Alertbridge: {@link io.alertbridge.testkit.samples.AwsSamples} names
 * and reads the samples a module copied into its {@code src/test/resources} (from
 * {@code ../shared/data/aws-samples}, see SOURCES.md there) and wraps messages in SNS's envelope.
 */
package io.alertbridge.testkit.samples;
