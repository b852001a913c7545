/**
 * Local stand-ins for the receivers beside Slack, for dev mode and tests, over real HTTP on localhost:
 * {@link io.alertbridge.devkit.receivers.LocalWebhookReceiver} (verifies {@code Alertbridge-Signature} on its own,
 * as a third party would, and records every delivery) and {@link io.alertbridge.devkit.receivers.LocalPagerDuty}
 * (the Events API v2 {@code /v2/enqueue}, validating requests as PagerDuty documents them). Both can be told to
 * answer with faults ({@link io.alertbridge.devkit.receivers.Faults}): an outage, a status, a slow answer.
 */
package io.alertbridge.devkit.receivers;
