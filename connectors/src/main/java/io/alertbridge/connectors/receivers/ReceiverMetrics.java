package io.alertbridge.connectors.receivers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One receiver's meters, tagged {@code receiver} ({@code webhook:tickets}):
 *
 * <ul>
 *   <li>{@code alertbridge.receiver.changes} (tag {@code outcome}: planned, coalesced, stale, not_routed,
 *       unreadable): incident changes read
 *   <li>{@code alertbridge.receiver.deliveries} (tag {@code outcome}: delivered, refused, gave_up): messages
 *   <li>{@code alertbridge.receiver.retries} (tag {@code reason}: no_answer, or the HTTP status)
 *   <li>{@code alertbridge.receiver.deadletters} (tag {@code reason}: refused, gave_up, unreadable)
 *   <li>gauge {@code alertbridge.receiver.waiting}: 1 while the destination is unavailable and the receiver waits
 * </ul>
 *
 * <p>Thread-safe (Micrometer meters are).
 */
public final class ReceiverMetrics {

    private final MeterRegistry registry;
    private final String receiver;
    private final AtomicLong waiting = new AtomicLong();

    public ReceiverMetrics(MeterRegistry registry, ReceiverId id) {
        this.registry = registry;
        this.receiver = id.toString();
        Gauge.builder("alertbridge.receiver.waiting", waiting, AtomicLong::get)
                .description("1 while the destination is unavailable and the receiver waits")
                .tag("receiver", receiver)
                .register(registry);
    }

    void change(String outcome) {
        count("alertbridge.receiver.changes", "outcome", outcome);
    }

    void delivery(String outcome) {
        count("alertbridge.receiver.deliveries", "outcome", outcome);
    }

    void retry(String reason) {
        count("alertbridge.receiver.retries", "reason", reason);
    }

    void deadLettered(String reason) {
        count("alertbridge.receiver.deadletters", "reason", reason);
    }

    void waiting(boolean value) {
        waiting.set(value ? 1 : 0);
    }

    private void count(String name, String tag, String value) {
        Counter.builder(name)
                .tag("receiver", receiver)
                .tag(tag, value)
                .register(registry)
                .increment();
    }
}
