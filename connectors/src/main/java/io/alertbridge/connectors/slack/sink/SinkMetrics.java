package io.alertbridge.connectors.slack.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The Slack sink's meters, registered on the registry the process passes in:
 *
 * <ul>
 *   <li>{@code alertbridge.slack.messages.posted}, {@code .messages.updated}, {@code .replies.posted}
 *   <li>{@code alertbridge.slack.channels.created}, {@code .channels.archived}, {@code .channels.invited}
 *   <li>{@code alertbridge.slack.ratelimited} (HTTP 429s, tag {@code method}), {@code .retries} (tags
 *       {@code method}, {@code error}), {@code .failures} (tags {@code method}, {@code error}: every non-retried
 *       {@code ok:false}, including those a fallback then fixed), {@code .deadletters} (tag {@code error})
 *   <li>{@code alertbridge.slack.commands} (tag {@code outcome}: done, coalesced, duplicate, stale, dead_letter),
 *       {@code .reconciliations} (tag {@code outcome}: found, not_found)
 *   <li>{@code alertbridge.slack.graphs} (tag {@code outcome}: uploaded, note, skipped, upload_failed, upload_deferred, deferred)
 *   <li>gauges {@code alertbridge.slack.lag} (records behind on the assigned partitions) and
 *       {@code alertbridge.slack.paused} (1 while Slack is unavailable)
 * </ul>
 *
 * <p>Thread-safe (Micrometer meters are).
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("alertbridge.slack.lag", lag, AtomicLong::get)
                .description("notifications not yet carried out on the assigned partitions")
                .register(registry);
        Gauge.builder("alertbridge.slack.paused", paused, AtomicLong::get)
                .description("1 while Slack is unavailable and the sink waits")
                .register(registry);
    }

    void posted() {
        count("alertbridge.slack.messages.posted");
    }

    void updated() {
        count("alertbridge.slack.messages.updated");
    }

    void replied() {
        count("alertbridge.slack.replies.posted");
    }

    public void channelCreated() {
        count("alertbridge.slack.channels.created");
    }

    public void channelArchived() {
        count("alertbridge.slack.channels.archived");
    }

    public void invited() {
        count("alertbridge.slack.channels.invited");
    }

    void graph(String outcome) {
        registry.counter("alertbridge.slack.graphs", "outcome", outcome).increment();
    }

    void rateLimited(String method) {
        registry.counter("alertbridge.slack.ratelimited", "method", method).increment();
    }

    void retried(String method, String error) {
        registry.counter("alertbridge.slack.retries", "method", method, "error", error)
                .increment();
    }

    void failed(String method, String error) {
        registry.counter("alertbridge.slack.failures", "method", method, "error", error)
                .increment();
    }

    void deadLettered(String error) {
        registry.counter("alertbridge.slack.deadletters", "error", error).increment();
    }

    void command(String outcome) {
        registry.counter("alertbridge.slack.commands", "outcome", outcome).increment();
    }

    void reconciled(boolean found) {
        registry.counter("alertbridge.slack.reconciliations", "outcome", found ? "found" : "not_found")
                .increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    void paused(boolean isPaused) {
        paused.set(isPaused ? 1 : 0);
    }

    private void count(String name) {
        Counter.builder(name).register(registry).increment();
    }
}
