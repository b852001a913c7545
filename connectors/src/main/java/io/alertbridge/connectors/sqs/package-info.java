/**
 * The SQS to Kafka bridge: drains SQS queues (to which SNS delivers CloudWatch alarms and EventBridge events) into
 * {@code alertbridge.aws.raw}, at least once, deleting a message only after Kafka acknowledged its record.
 *
 * <p>Entry points: {@link io.alertbridge.connectors.sqs.SqsBridge#start} with a
 * {@link io.alertbridge.connectors.sqs.SqsBridgeConfig} and a client from
 * {@link io.alertbridge.connectors.sqs.SqsClients}; {@link io.alertbridge.connectors.sqs.BridgeHealth} for
 * readiness. Inside, one class per role, as Debezium separates reading, position and conversion: {@code SqsPoller}
 * reads, {@code RawMessageConverter} converts, {@code SqsAcknowledger} deletes and releases (the position),
 * {@code VisibilityExtender} keeps in-flight messages hidden, {@code InFlightTracker} bounds what is held,
 * {@code SqsErrorClassifier} and {@code ProduceErrorClassifier} decide what is retried, dead-lettered or left for
 * redelivery, and {@code QueueWorker} wires them for one queue.
 */
package io.alertbridge.connectors.sqs;
