/**
 * Receivers beside Slack: each destination a route names ({@code webhook:<name>}, {@code pagerduty:<name>}) is a
 * sink of its own over the incidents topic, with its own consumer group and thread, so one slow destination never
 * delays another.
 *
 * <p>{@link io.alertbridge.connectors.receivers.ReceiverSink} runs one receiver: {@link
 * io.alertbridge.connectors.receivers.ReceiverLoop} consumes {@code alertbridge.incidents}, keeps the changes of the
 * incidents whose route lists the receiver ({@link io.alertbridge.connectors.receivers.Routing}), coalesces a
 * backlog to the newest version per incident, and hands each change to its {@link
 * io.alertbridge.connectors.receivers.Destination}; the answer is classified by {@link
 * io.alertbridge.connectors.receivers.DeliveryClassifier} (retry with {@link io.alertbridge.connectors.retry.Backoff}
 * and {@code Retry-After}, refuse, or give up into the dead-letter topic after the receiver's give-up time). While
 * it waits for an answer or a retry, the loop keeps polling with its partitions paused ({@link
 * io.alertbridge.connectors.receivers.ReceiverWait}), as the Slack sink does, so a slow destination never holds the
 * consumer past its poll interval. Offsets are committed after every delivery.
 *
 * <p>Destinations live in sub-packages: {@code webhook} (signed JSON per incident change) and {@code pagerduty}
 * (Events API v2 out, v3 webhooks back into {@code alertbridge.actions}).
 */
package io.alertbridge.connectors.receivers;
