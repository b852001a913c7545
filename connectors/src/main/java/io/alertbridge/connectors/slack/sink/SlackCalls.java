package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.TokenVerdict;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls Slack's Web API through the SDK's synchronous client and retries what a retry can fix, as
 * {@link SlackErrorClassifier} decides: after {@code Retry-After} on 429, with {@link Backoff} on 5xx and network
 * errors, for as long as it takes. While it waits the sink is paused (see {@link Pauser}), so a Slack outage stops
 * consumption instead of losing or reordering anything. Any other failure is returned to the caller as a
 * {@link Decision} to act on. A token or app that Slack refuses either throws {@link Halt} (replays: a person is
 * waiting) or, with a {@link TokenWatch} (the sink), pauses like an outage: the token is checked again with backoff
 * and the call is made again once Slack accepts it, so a fixed token resumes the sink where it stopped.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class SlackCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SlackCalls.class);

    /** One SDK call. */
    @FunctionalInterface
    public interface Call<T> {
        T call(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** Where the sink waits while Slack is unavailable or pacing it, still a member of its consumer group. */
    public interface Pauser {
        /**
         * Waits {@code wait} with consumption paused; may throw if the sink is stopping or loses the partition.
         *
         * @param unavailable true for an outage (5xx, network), false for Slack's pacing (429), which is routine
         *     and does not make the sink unready
         */
        void pause(Duration wait, String reason, boolean unavailable);

        /**
         * Waits {@code wait} with consumption paused because Slack refuses the token or the app (revoked, missing
         * scope); the part is degraded, not broken.
         */
        default void refused(Duration wait, String reason) {
            pause(wait, reason, true);
        }

        /** Slack answered again. */
        void resumed();
    }

    /** Slack refused the token or the app: nothing will work until someone fixes the configuration. */
    public static final class Halt extends RuntimeException {
        private final transient Decision decision;

        Halt(Decision decision) {
            super(decision.reason());
            this.decision = decision;
        }

        Decision decision() {
            return decision;
        }
    }

    /**
     * The answer of a call: a response with {@code ok: true}, or the decision about a failure that was not retried.
     *
     * @param response the successful response, or null
     * @param failure the failure's decision, or null
     * @param <T> the response type
     */
    public record Outcome<T>(T response, Decision failure) {
        public boolean ok() {
            return failure == null;
        }

        public Action action() {
            return failure == null ? null : failure.action();
        }
    }

    private final Supplier<MethodsClient> methods;
    private final SlackErrorClassifier classifier;
    private final Backoff backoff;
    private final Pauser pauser;
    private final SinkMetrics metrics;
    private final TokenWatch token;

    /** Calls whose refused token throws {@link Halt}. */
    public SlackCalls(
            MethodsClient methods,
            SlackErrorClassifier classifier,
            Backoff backoff,
            Pauser pauser,
            SinkMetrics metrics) {
        this(() -> methods, classifier, backoff, pauser, metrics, null);
    }

    /**
     * Calls that wait out a refused token.
     *
     * @param methods the client for the token currently in use (read on every call)
     * @param token the token's watch; null to throw {@link Halt} instead
     */
    public SlackCalls(
            Supplier<MethodsClient> methods,
            SlackErrorClassifier classifier,
            Backoff backoff,
            Pauser pauser,
            SinkMetrics metrics,
            TokenWatch token) {
        this.methods = methods;
        this.classifier = classifier;
        this.backoff = backoff;
        this.pauser = pauser;
        this.metrics = metrics;
        this.token = token;
    }

    /**
     * Returns once Slack accepts the token, waiting paused meanwhile and checking it again with backoff. Returns at
     * once when the last check found it usable. Needs a {@link TokenWatch}.
     */
    public void awaitToken() {
        awaitToken(0);
    }

    private void awaitToken(int firstAttempt) {
        TokenVerdict verdict = token.current();
        int attempt = firstAttempt;
        while (!verdict.usable()) {
            Duration wait = backoff.delay(attempt++);
            LOG.debug("{}; checking the token again in {} ms", verdict.reason(), wait.toMillis());
            if (verdict.standing() == TokenVerdict.Standing.UNREACHABLE) {
                pauser.pause(wait, verdict.reason(), true);
            } else {
                pauser.refused(wait, verdict.reason());
            }
            verdict = token.check();
        }
        if (attempt > firstAttempt) {
            pauser.resumed();
        }
    }

    /** Calls until Slack answers {@code ok: true} or with a failure that a retry cannot fix. */
    public <T extends SlackApiTextResponse> Outcome<T> call(String method, Call<T> call) {
        int attempt = 0;
        boolean outage = false;
        while (true) {
            Decision decision;
            try {
                T response = call.call(methods.get());
                if (response.isOk()) {
                    recovered(method, attempt, outage);
                    return new Outcome<>(response, null);
                }
                decision = classifier.classifyError(method, response.getError());
            } catch (IOException | SlackApiException | RuntimeException e) {
                decision = classifier.classify(method, e);
            }
            if (decision.action() == Action.HALT) {
                metrics.failed(method, decision.error());
                if (token == null) {
                    throw new Halt(decision);
                }
                token.refused(decision);
                awaitToken(attempt);
                attempt++;
                continue;
            }
            if (!decision.action().isRetry()) {
                metrics.failed(method, decision.error());
                recovered(method, attempt, outage);
                return new Outcome<>(null, decision);
            }
            Duration wait;
            if (decision.action() == Action.RETRY_AFTER) {
                metrics.rateLimited(method);
                wait = decision.retryAfter();
                // Slack pacing us is routine; the processor's throttle keeps it rare.
                LOG.info("{}; pausing the sink", LogText.safe(decision.reason()));
            } else {
                wait = backoff.delay(attempt);
                if (!outage) {
                    LOG.warn("{}; pausing the sink until Slack answers", LogText.safe(decision.reason()));
                }
                outage = true;
                LOG.debug(
                        "{} (retry {}); waiting {} ms", LogText.safe(decision.reason()), attempt + 1, wait.toMillis());
            }
            metrics.retried(method, decision.error());
            pauser.pause(wait, decision.reason(), outage);
            attempt++;
        }
    }

    private void recovered(String method, int attempts, boolean outage) {
        if (attempts == 0) {
            return;
        }
        if (outage) {
            LOG.info("Slack answers {} again after {} retries; resuming", method, attempts);
        }
        pauser.resumed();
    }
}
