package io.alertbridge.connectors.sqs;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The bridge's readiness, for the process's {@code /health} endpoint: ready when it runs, Kafka is connected and
 * every queue answered its last call. An idle bridge (no queues) is ready. {@link #queueSummary()} is what a health
 * endpoint shows: queues by name, never by URL, since a queue URL carries the AWS account id.
 *
 * @param ready whether the bridge does its job right now
 * @param running false once {@code close()} began
 * @param kafkaConnected whether the producer holds a connection to the cluster
 * @param queues per queue URL: its state
 */
public record BridgeHealth(boolean ready, boolean running, boolean kafkaConnected, Map<String, Queue> queues) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<=[:/])\\d{12}(?=[:/])");

    public BridgeHealth {
        queues = Map.copyOf(queues);
    }

    /**
     * The queues for a health endpoint, by queue name (the last segment of the URL), sorted, e.g.
     * {@code alertbridge-alarms: connected, 0 in flight; other: not connected (QueueDoesNotExist ...)}; an account id
     * inside an error message is masked as well. "no queues" when there are none.
     */
    public String queueSummary() {
        if (queues.isEmpty()) {
            return "no queues";
        }
        Map<String, Queue> byName = new TreeMap<>();
        queues.forEach((url, queue) -> byName.put(queueName(url), queue));
        StringBuilder out = new StringBuilder();
        byName.forEach((name, queue) -> {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(name).append(": ").append(queue.connected() ? "connected" : "not connected");
            if (queue.lastError() != null) {
                out.append(" (")
                        .append(ACCOUNT_ID.matcher(queue.lastError()).replaceAll("***"))
                        .append(')');
            }
            out.append(", ").append(queue.inFlight()).append(" in flight");
        });
        return out.toString();
    }

    /** The queue's name: the last path segment of its URL ({@code https://sqs.../123456789012/name}). */
    static String queueName(String queueUrl) {
        String trimmed = queueUrl.endsWith("/") ? queueUrl.substring(0, queueUrl.length() - 1) : queueUrl;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
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
