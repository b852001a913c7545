package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Socket Mode connection, kept open: opened at start, and opened again whenever it is not connected, as
 * {@link SocketModeRetry} decides. The app token is read from its supplier for every attempt; when Slack refuses it
 * as invalid or revoked, a token kept in AWS ({@link RotatingSecret}) is marked stale first, so a rotated token is
 * read again (at most once per {@code minReread}) and the connection comes back without a restart.
 *
 * <p>Why this class reconnects rather than the SDK: the SDK's session monitor reconnects with the token it was built
 * with, and when {@code apps.connections.open} answers {@code ok: false} it throws an {@code IllegalStateException}
 * that ends the monitor's scheduled task for good (slack-api-client 1.49.0), so a revoked token left the app
 * disconnected until a restart. The SDK's automatic reconnection is therefore turned off once a client exists; its
 * handling of Slack's {@code disconnect} message (a planned refresh) still reconnects by itself.
 *
 * <p>One thread ({@code socket-mode-link}) checks every {@code tick}; attempts run on it, one at a time.
 * Thread-safe; {@link #close()} stops the checks (the caller closes the app).
 */
final class SocketModeLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeLink.class);
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private final App app;
    private final Supplier<String> appToken;
    private final SocketModeState state;
    private final Clock clock;
    private final Duration minReread;
    private final ScheduledExecutorService checks;
    private volatile SocketModeApp socketMode;
    private SocketModeRetry.Step next;
    private Instant lastReread;
    private int failures;
    private volatile boolean closed;

    SocketModeLink(App app, Supplier<String> appToken, SocketModeState state, Clock clock, Duration minReread) {
        this.app = app;
        this.appToken = appToken;
        this.state = state;
        this.clock = clock;
        this.minReread = minReread;
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "socket-mode-link");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Makes the first attempt now (on the caller's thread), then keeps the connection open in the background. */
    void start() {
        synchronized (this) {
            attempt(false);
        }
        checks.scheduleWithFixedDelay(this::check, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Bolt Socket Mode app of the current connection, or null before one was opened. */
    SocketModeApp socketMode() {
        return socketMode;
    }

    private synchronized void check() {
        try {
            if (closed) {
                return;
            }
            if (state.connected()) {
                failures = 0;
                return;
            }
            if (!clock.instant().isBefore(next.due())) {
                attempt(next.reread());
            }
        } catch (RuntimeException e) {
            LOG.warn("Keeping Slack Socket Mode open failed: {}", LogText.safe(e.toString()));
        }
    }

    private void attempt(boolean reread) {
        Instant now = clock.instant();
        if (reread) {
            lastReread = now;
            if (appToken instanceof RotatingSecret secret) {
                secret.stale();
            }
        }
        String error;
        try {
            open(appToken.get());
            error = null;
            LOG.info("Slack Socket Mode connecting");
        } catch (Exception e) {
            error = SocketModeRetry.errorOf(e);
            failures++;
            state.failed(error.isEmpty() ? e.getClass().getSimpleName() : error);
            LOG.warn("Cannot open Slack Socket Mode ({}); trying again", LogText.safe(e.getMessage()));
        }
        next = SocketModeRetry.after(error, now, lastReread, minReread, BACKOFF.delay(failures - 1), GRACE);
        if (reread || error != null) {
            LOG.debug("Next Socket Mode attempt at {}: {}", next.due(), next.why());
        }
    }

    /**
     * A first client is built by Bolt from the token (its factory registers the listener that runs the app); once a
     * client exists it is given the current token and told to open a new connection.
     */
    private void open(String token) throws Exception {
        SocketModeApp current = socketMode;
        if (current == null || current.getClient() == null) {
            SocketModeApp fresh = new SocketModeApp(token, app, SocketModeClient.Backend.JavaWebSocket);
            fresh.startAsync();
            SocketModeClient client = fresh.getClient();
            if (client == null) {
                throw new IllegalStateException("Bolt could not create the Socket Mode client");
            }
            client.setAutoReconnectEnabled(false);
            socketMode = fresh;
            state.watch(client);
            return;
        }
        SocketModeClient client = current.getClient();
        client.setAppToken(token);
        client.connectToNewEndpoint();
    }

    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
    }
}
