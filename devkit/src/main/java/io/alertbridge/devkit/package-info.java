/**
 * The embedded default: real infrastructure in the JVM. {@link io.alertbridge.devkit.EmbeddedKafka} is a real KRaft
 * broker (Kafka's own test kit for tests, {@code KafkaRaftServer} with a persistent directory for dev mode);
 * {@link io.alertbridge.devkit.EmbeddedSqs} is ElasticMQ; {@link io.alertbridge.testkit.junit.DevkitExtension}
 * shares one of each per test JVM; {@link io.alertbridge.testkit.samples.AwsSamples} reads the real AWS payloads every
 * module's tests use. Nothing here is a mock: clients speak the real protocols over localhost.
 */
package io.alertbridge.devkit;
