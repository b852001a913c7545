/**
 * The webhook receiver: one signed JSON body per incident change ({@link
 * io.alertbridge.connectors.receivers.webhook.WebhookBody}), HMAC-SHA256 over {@code timestamp + "." + body} in
 * {@code Alertbridge-Signature} ({@link io.alertbridge.connectors.receivers.webhook.WebhookSignature}), an
 * {@code Idempotency-Key} that is the same for every attempt of one change.
 */
package io.alertbridge.connectors.receivers.webhook;
