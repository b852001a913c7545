package io.alertbridge.connectors.sqs;

import java.util.Map;

/**
 * The bridge's readiness, for the process's {@code /health} endpoint: ready when it runs, Kafka is connected and
 * every queue answered its last call. An idle bridge (no queues) is ready.
 *
 * @param ready whether the bridge does its job right now
 * @param running false once {@code close()} began
 * @param kafkaConnected whether the producer holds a connection to the cluster
 * @param queues per queue URL: its state
 */
public record BridgeHealth(boolean ready, boolean running, boolean kafkaConnected, Map<String, Queue> queues) {

    public BridgeHealth {
        queues = Map.copyOf(queues);
    }

    /**
     * One queue's state.
     *
     * @param connected whether SQS answered the last call for this queue
     * @param lastError the last SQS error while not connected, else null
     * @param inFlight messages received and not yet deleted or given back
     */
    public record Queue(boolean connected, String lastError, int inFlight) {}
}
