package io.alertbridge.connectors.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One bot token's standing with Slack, from {@code auth.test} answers decided by {@link TokenVerdict#decide}. A part
 * that talks to Slack starts with {@link #startChecked} (one call: the start is refused only for a token that is
 * definitely bad, never because Slack is down), then reads {@link #current()} for its health and calls
 * {@link #check()} again when it needs to know (the sink, while paused) or lets {@link #keepChecking} do it in the
 * background (interactivity).
 *
 * <p>The token is read from its {@link Supplier} on every check, so a supplier that re-reads a secret store turns
 * a fixed secret into a resumed part without a restart; {@link #token()} is the value last read, for the part's own
 * calls. A {@link RotatingSecret} (a token kept in AWS) is served from memory and read again from its store only
 * after Slack refused it as a credential ({@link #REREAD_ON}): a rotated secret is picked up at the next check.
 * Logs a change of standing once, never the token.
 *
 * <p>Thread-safe: checks are serialised; {@link #current()} and {@link #token()} may be read from any thread.
 */
public final class TokenWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenWatch.class);

    /** One {@code auth.test} call with a token: null when Slack answered {@code ok: true}, else why not. */
    @FunctionalInterface
    public interface AuthTest {
        Decision run(String token);
    }

    /** Thrown at start for a token that Slack definitely rejects and that never worked; the message names it. */
    public static final class RefusedToStart extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient TokenVerdict verdict;

        RefusedToStart(TokenVerdict verdict) {
            super(verdict.reason());
            this.verdict = verdict;
        }

        /** The verdict that refused the start. */
        public TokenVerdict verdict() {
            return verdict;
        }
    }

    /** Slack's answers that say the token itself is no longer (or not) a credential: a rotated secret is re-read. */
    public static final Set<String> REREAD_ON = Set.of("invalid_auth", "token_revoked", "token_expired", "not_authed");

    private final String tokenName;
    private final Supplier<String> token;
    private final AuthTest authTest;
    private final AutoCloseable resources;
    private volatile TokenVerdict current;
    private volatile String lastToken;
    private volatile boolean everWorked;
    private ScheduledExecutorService rechecks;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A watch that has not checked yet ({@link #current()} says so, as unreachable).
     *
     * @param tokenName where the token comes from ({@code SLACK_BOT_TOKEN}, {@code slack.token}), for messages
     * @param token read on every check
     * @param authTest the call
     * @param resources closed with the watch (the Slack client behind {@code authTest}); may be null
     */
    public TokenWatch(String tokenName, Supplier<String> token, AuthTest authTest, AutoCloseable resources) {
        this.tokenName = Objects.requireNonNull(tokenName, "tokenName");
        this.token = Objects.requireNonNull(token, "token");
        this.authTest = Objects.requireNonNull(authTest, "authTest");
        this.resources = resources;
        this.lastToken = token.get();
        this.current = new TokenVerdict(TokenVerdict.Standing.UNREACHABLE, "unchecked", "slack token not checked yet");
    }

    /**
     * Opens a watch over the Web API at {@code apiUrl} and checks the token once.
     *
     * @param callTimeout the HTTP timeout of one {@code auth.test}
     * @throws RefusedToStart when Slack rejects the token definitely ({@link TokenVerdict.Standing#INVALID})
     */
    public static TokenWatch startChecked(
            String tokenName, Supplier<String> token, String apiUrl, Duration callTimeout) {
        Slack slack = Slack.getInstance(slackConfig(apiUrl, callTimeout));
        TokenWatch watch = new TokenWatch(tokenName, token, authTest(slack), slack);
        TokenVerdict verdict = watch.check();
        if (verdict.refusesStart()) {
            watch.close();
            throw new RefusedToStart(verdict);
        }
        if (!verdict.usable()) {
            LOG.warn("Starting anyway: Slack parts stay degraded until Slack accepts the token in {}", tokenName);
        }
        return watch;
    }

    /** {@code auth.test} through {@code slack}, its failure classified by {@link SlackErrorClassifier}. */
    public static AuthTest authTest(Slack slack) {
        SlackErrorClassifier classifier = new SlackErrorClassifier();
        return value -> {
            try {
                AuthTestResponse response = slack.methods(value).authTest(r -> r);
                return response.isOk()
                        ? null
                        : classifier.classifyError(SlackErrorClassifier.AUTH_TEST, response.getError());
            } catch (IOException | SlackApiException | RuntimeException e) {
                return classifier.classify(SlackErrorClassifier.AUTH_TEST, e);
            }
        };
    }

    /** The SDK settings of every Slack client here: the Web API at {@code apiUrl}, one timeout, no statistics. */
    public static SlackConfig slackConfig(String apiUrl, Duration callTimeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        // The SDK's statistics call auth.test behind our back and keep per-team metrics we do not read.
        config.setStatsEnabled(false);
        int timeout = (int) callTimeout.toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        return config;
    }

    /** Reads the token and calls {@code auth.test} once; returns and remembers the verdict. */
    public synchronized TokenVerdict check() {
        String value = token.get();
        lastToken = value;
        return settle(authTest.run(value));
    }

    /** A call of the part was refused for a reason of the token's or the app's: remember it until the next check. */
    public synchronized TokenVerdict refused(Decision failure) {
        return settle(failure);
    }

    private TokenVerdict settle(Decision failure) {
        TokenVerdict verdict = TokenVerdict.decide(failure, everWorked, tokenName);
        if (failure != null && REREAD_ON.contains(failure.error()) && token instanceof RotatingSecret secret) {
            secret.stale();
        }
        if (verdict.usable()) {
            everWorked = true;
        }
        TokenVerdict previous = current;
        current = verdict;
        if (previous.standing() != verdict.standing()) {
            if (verdict.usable()) {
                LOG.info("Slack accepts the token in {}", tokenName);
            } else {
                LOG.warn("{}", verdict.reason());
            }
        }
        return verdict;
    }

    /** The last verdict; any thread. */
    public TokenVerdict current() {
        return current;
    }

    /** Where the token comes from, as messages name it. */
    public String tokenName() {
        return tokenName;
    }

    /** The token as last read, for the part's own calls. Never log it. */
    public String token() {
        return lastToken;
    }

    /**
     * Checks in the background from now on: with {@link Backoff} from {@code initial} to {@code max} while the token
     * is not usable, every {@code whileUsable} while it is (so a revocation shows within that time). Once.
     */
    public synchronized void keepChecking(Duration initial, Duration max, Duration whileUsable) {
        keepChecking(initial, max, whileUsable, verdict -> {});
    }

    /**
     * As {@link #keepChecking(Duration, Duration, Duration)}, telling {@code afterCheck} every verdict on the
     * watch's thread (to retry what else Slack's outage held up, such as a Socket Mode connection).
     */
    public synchronized void keepChecking(
            Duration initial, Duration max, Duration whileUsable, Consumer<TokenVerdict> afterCheck) {
        if (rechecks != null) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "slack-token-watch");
            thread.setDaemon(true);
            return thread;
        });
        rechecks = executor;
        Backoff backoff = new Backoff(initial, max);
        schedule(
                executor,
                new Recheck(executor, backoff, whileUsable, afterCheck),
                current.usable() ? whileUsable : initial);
    }

    private static void schedule(ScheduledExecutorService executor, Runnable task, Duration wait) {
        try {
            executor.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Slack token checks stopped");
        }
    }

    /** One background check, which schedules the next. Runs on the watch's own thread. */
    private final class Recheck implements Runnable {
        private final ScheduledExecutorService executor;
        private final Backoff backoff;
        private final Duration whileUsable;
        private final Consumer<TokenVerdict> afterCheck;
        private int failures;

        Recheck(
                ScheduledExecutorService executor,
                Backoff backoff,
                Duration whileUsable,
                Consumer<TokenVerdict> afterCheck) {
            this.executor = executor;
            this.backoff = backoff;
            this.whileUsable = whileUsable;
            this.afterCheck = afterCheck;
        }

        @Override
        public void run() {
            Duration wait;
            try {
                TokenVerdict verdict = check();
                if (verdict.usable()) {
                    failures = 0;
                    wait = whileUsable;
                } else {
                    wait = backoff.delay(failures++);
                }
                afterCheck.accept(verdict);
            } catch (RuntimeException e) {
                LOG.warn("Checking the Slack token in {} failed: {}", tokenName, e.toString());
                wait = backoff.delay(failures++);
            }
            schedule(executor, this, wait);
        }
    }

    /** Stops background checks and releases the client. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (rechecks != null) {
                rechecks.shutdownNow();
            }
        }
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.debug("Ignoring a failure while closing the Slack token watch: {}", e.toString());
            }
        }
    }
}
