package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Socket Mode WebSocket is up, as its listeners tell: connected after Slack's {@code hello} message,
 * disconnected on close (the SDK reconnects by itself). Readiness reads it; asking the client directly
 * ({@code verifyConnection}) would send a ping and wait up to 3 seconds on a health probe's thread. Thread-safe.
 */
final class SocketModeState {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeState.class);

    private volatile boolean connected;

    void watch(SocketModeClient client) {
        client.addWebSocketMessageListener(message -> {
            if (!connected && message != null && message.contains("\"hello\"")) {
                connected = true;
                LOG.info("Slack Socket Mode connected");
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            if (connected) {
                LOG.warn("Slack Socket Mode disconnected ({} {}); the client reconnects", code, reason);
            }
            connected = false;
        });
        client.addWebSocketErrorListener(error -> LOG.warn("Slack Socket Mode error: {}", error.toString()));
    }

    boolean connected() {
        return connected;
    }
}
