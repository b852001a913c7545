package io.alertbridge.connectors.slack.interactivity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The meters of interactivity: {@code alertbridge.interactivity.requests} counted by {@code kind} (button,
 * command) and {@code outcome} (accepted, answered, refused, invalid, failed), and
 * {@code alertbridge.interactivity.answer} timing how long Slack waited for its acknowledgement. Thread-safe.
 */
final class InteractivityMetrics {

    /** What became of a request. */
    enum Outcome {
        /** An action or silence was accepted and handed to Kafka. */
        ACCEPTED,
        /** A question was answered (list, show, help). */
        ANSWERED,
        /** The person may not do that, or the incident's state does not allow it. */
        REFUSED,
        /** The request could not be understood (unknown action, malformed value, bad command). */
        INVALID,
        /** Something failed on our side; the person was told. */
        FAILED
    }

    private final MeterRegistry registry;

    InteractivityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String kind, Outcome outcome) {
        Counter.builder("alertbridge.interactivity.requests")
                .description("button clicks and slash commands, by outcome")
                .tag("kind", kind)
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }

    void answered(String kind, long nanos) {
        Timer.builder("alertbridge.interactivity.answer")
                .description("time from a request's arrival to its acknowledgement")
                .tag("kind", kind)
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
