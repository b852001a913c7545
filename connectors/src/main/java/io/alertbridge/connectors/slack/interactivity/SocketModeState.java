package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.socket_mode.SocketModeClient;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Socket Mode WebSocket is up, as its listeners tell: connected after Slack's {@code hello} message,
 * disconnected on close (the SDK reconnects by itself, and the next {@code hello} marks it connected again).
 * Readiness reads it; asking the client directly ({@code verifyConnection}) sends a ping and waits up to 3 seconds,
 * which a health probe's thread must not do.
 *
 * <p>Bolt creates the client while it connects, so the first {@code hello} may arrive before the listeners are
 * added; one {@code verifyConnection} on a background thread right after covers that. Thread-safe.
 */
final class SocketModeState {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeState.class);

    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile boolean started;
    private volatile String failure;

    /** Opening the connection failed (Slack down, app token refused); it is tried again later. */
    void failed(String reason) {
        failure = reason;
    }

    /** True once a client exists and is watched. */
    boolean started() {
        return started;
    }

    /** For {@code /health}: connected, connecting, or why it could not open. */
    String describe() {
        if (connected) {
            return "connected";
        }
        String why = failure;
        return why == null ? "connecting" : "not connected (" + why + "), retrying";
    }

    void watch(SocketModeClient client) {
        started = true;
        client.addWebSocketMessageListener(message -> {
            if (!connected && message != null && message.contains("\"hello\"")) {
                connected = true;
                failure = null;
                LOG.info("Slack Socket Mode connected");
            }
        });
        client.addWebSocketCloseListener((code, reason) -> {
            if (connected && !stopping) {
                LOG.warn("Slack Socket Mode disconnected ({} {}); reconnecting", code, LogText.safe(reason));
            }
            connected = false;
        });
        client.addWebSocketErrorListener(
                error -> LOG.warn("Slack Socket Mode error: {}", LogText.safe(error.toString())));
        Thread first = new Thread(
                () -> {
                    if (client.verifyConnection() && !connected) {
                        connected = true;
                        failure = null;
                        LOG.info("Slack Socket Mode connected");
                    }
                },
                "socket-mode-first-check");
        first.setDaemon(true);
        first.start();
    }

    /** Called before the app disconnects on purpose, so that the close is not reported as a loss. */
    void stopping() {
        stopping = true;
    }

    boolean connected() {
        return connected;
    }
}
