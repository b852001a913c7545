package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.sink.SinkHealth.State;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Slack sink: consumes {@code alertbridge.notifications} and carries out every command in Slack — one message
 * per incident, posted once and edited in place, its timeline in the thread, incident channels — never twice and
 * never lost, whatever Slack or the process does. Built and started by {@code SlackSinkAssembler}; runs on its own
 * thread until {@link #close()}.
 *
 * <p>How (see {@link CommandExecutor}, {@link SlackRefStore}, {@link NotificationLoop}): incident → (channel, ts)
 * lives in the compacted {@code <prefix>slack.refs} topic, co-partitioned with the notifications and restored on
 * assignment; the intent to create a message is recorded there before Slack is called and settled from Slack's
 * history (message metadata) after a crash; consumer offsets are committed only after the effects are recorded.
 * A Slack outage or rate limit pauses consumption ({@link SlackPause}); the backlog is then caught up in order,
 * stale snapshots coalesced ({@link CatchUpPlanner}).
 *
 * <p>Slack never stops the sink: a token Slack refuses (revoked, deactivated) pauses it like an outage, with the
 * token checked again with backoff by its {@link TokenWatch}, and {@link #health()} says
 * {@link SinkHealth#degraded() degraded} and why. Only a token that Slack definitely rejects at start and that never
 * worked refuses the start ({@link TokenWatch.RefusedToStart}), naming where it came from.
 *
 * <p>Thread-safe: {@link #health()} and {@link #close()} may be called from any thread.
 */
public final class SlackSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** How messages name the sink's token when the caller does not say which of the two applied. */
    public static final String TOKEN_NAME = "SLACK_BOT_TOKEN (or slack.token)";

    private final SinkClients clients;
    private final NotificationLoop loop;
    private final SinkStatus status;
    private final Assignment assignment;
    private final StopSignal stop;
    private final Thread thread;
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * A sink over its parts, not started yet.
     *
     * @param clients closed when the sink ends
     * @param loop the consuming loop, run on the sink's thread
     * @param status the health the loop publishes
     * @param assignment the partitions the loop owns (given up without a commit after a crash)
     * @param stop the loop's stop signal
     */
    public SlackSink(
            SinkClients clients, NotificationLoop loop, SinkStatus status, Assignment assignment, StopSignal stop) {
        this.clients = clients;
        this.loop = loop;
        this.status = status;
        this.assignment = assignment;
        this.stop = stop;
        this.thread = new Thread(this::run, "slack-sink");
        this.thread.setDaemon(true);
    }

    /**
     * Checks the sink's token once, before anything else starts.
     *
     * @param tokenName where the token comes from, for messages
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects it
     */
    public static TokenWatch watch(SlackSinkConfig config, String tokenName) {
        return watch(config, tokenName, config::token);
    }

    /**
     * Checks the sink's token, read from {@code token} (a secret kept in AWS, read again after Slack refuses it),
     * once, before anything else starts.
     *
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects it
     */
    public static TokenWatch watch(SlackSinkConfig config, String tokenName, Supplier<String> token) {
        return TokenWatch.startChecked(tokenName, token, config.apiUrl(), config.callTimeout());
    }

    /** Starts the sink's thread. Once. */
    public void start() {
        thread.start();
    }

    /** Ready when consuming with Slack answering; otherwise what is wrong. Any thread. */
    public SinkHealth health() {
        return status.health();
    }

    /** Shorthand for {@code health().ready()}. */
    public boolean isReady() {
        return health().ready();
    }

    /**
     * Stops consuming, commits what was carried out, and releases Kafka and Slack clients. Waits up to 30 s for a
     * Slack call in flight. Idempotent.
     */
    @Override
    public void close() {
        loop.stop();
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The Slack sink did not stop within {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the sink's thread has ended (after a close, a halt or a simulated crash). */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        boolean graceful = true;
        try {
            loop.run();
            status.set(State.CLOSED, Map.of());
        } catch (SinkProbe.Crash e) {
            graceful = false;
            assignment.abandon();
            stop.stopQuietly();
            LOG.warn(
                    "Slack sink crashed on purpose ({}): abandoning without flush or commit",
                    LogText.safe(e.getMessage()));
            status.set(State.FAILED, Map.of("crash", String.valueOf(e.getMessage())));
        } catch (SlackCalls.Halt e) {
            LOG.error("Slack sink stopped: {}", LogText.safe(e.getMessage()));
            status.set(State.FAILED, Map.of("slack", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Slack sink stopped by an unexpected failure; offsets not committed", LogText.failure(e));
            status.set(State.FAILED, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            clients.release(graceful);
            LOG.info("Slack sink {}", graceful ? "closed" : "abandoned");
            finished.countDown();
        }
    }
}
