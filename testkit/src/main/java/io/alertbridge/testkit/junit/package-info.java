/**
 * JUnit 5 support: {@link io.alertbridge.testkit.junit.DevkitExtension} gives every test class one shared Kafka broker
 * and one shared SQS server per test JVM.
 */
package io.alertbridge.testkit.junit;
