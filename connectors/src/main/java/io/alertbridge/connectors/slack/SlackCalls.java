package io.alertbridge.connectors.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * Calls Slack's Web API through the SDK's synchronous client and retries what a retry can fix, as
 * {@link SlackErrorClassifier} decides: after {@code Retry-After} on 429, with {@link Backoff} on 5xx and network
 * errors, for as long as it takes. While it waits the sink is paused (see {@link Pauser}), so a Slack outage stops
 * consumption instead of losing or reordering anything. Any other failure is returned to the caller as a
 * {@link Decision} to act on; a token Slack refuses throws {@link Halt}.
 *
 * <p>Used by the sink's loop thread only.
 */
final class SlackCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SlackCalls.class);

    /** One SDK call. */
    @FunctionalInterface
    interface Call<T> {
        T call(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** Where the sink waits while Slack is unavailable or pacing it, still a member of its consumer group. */
    interface Pauser {
        /**
         * Waits {@code wait} with consumption paused; may throw if the sink is stopping or loses the partition.
         *
         * @param unavailable true for an outage (5xx, network), false for Slack's pacing (429), which is routine
         *     and does not make the sink unready
         */
        void pause(Duration wait, String reason, boolean unavailable);

        /** Slack answered again. */
        void resumed();
    }

    /** Slack refused the token or the app: nothing will work until someone fixes the configuration. */
    static final class Halt extends RuntimeException {
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
    record Outcome<T>(T response, Decision failure) {
        boolean ok() {
            return failure == null;
        }

        Action action() {
            return failure == null ? null : failure.action();
        }
    }

    private final MethodsClient methods;
    private final SlackErrorClassifier classifier;
    private final Backoff backoff;
    private final Pauser pauser;
    private final SinkMetrics metrics;

    SlackCalls(
            MethodsClient methods,
            SlackErrorClassifier classifier,
            Backoff backoff,
            Pauser pauser,
            SinkMetrics metrics) {
        this.methods = methods;
        this.classifier = classifier;
        this.backoff = backoff;
        this.pauser = pauser;
        this.metrics = metrics;
    }

    /** Calls until Slack answers {@code ok: true} or with a failure that a retry cannot fix. */
    <T extends SlackApiTextResponse> Outcome<T> call(String method, Call<T> call) {
        int attempt = 0;
        boolean outage = false;
        while (true) {
            Decision decision;
            try {
                T response = call.call(methods);
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
                throw new Halt(decision);
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
