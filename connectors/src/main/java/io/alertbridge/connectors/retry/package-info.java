/**
 * Waiting before trying again: {@link io.alertbridge.connectors.retry.Backoff}, the one exponential backoff with
 * jitter shared by the Slack sink and the SQS bridge, so the two cannot drift apart.
 */
package io.alertbridge.connectors.retry;
