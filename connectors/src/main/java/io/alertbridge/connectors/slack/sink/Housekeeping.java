package io.alertbridge.connectors.slack.sink;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the sink does between polls: the incident channels' sweep (archives due, old refs forgotten) at most once a
 * second, the graphs the worker finished (shown in their messages) and the refreshes put off until now, and the lag
 * gauge.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class Housekeeping {

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private final IncidentChannels incidentChannels;
    private final Consumer<byte[], byte[]> consumer;
    private final Assignment assignment;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final IncidentGraphs graphs;
    private final CommandExecutor executor;
    private Instant lastSweep = Instant.EPOCH;

    public Housekeeping(
            IncidentChannels incidentChannels,
            Consumer<byte[], byte[]> consumer,
            Assignment assignment,
            SinkMetrics metrics,
            Clock clock,
            IncidentGraphs graphs,
            CommandExecutor executor) {
        this.incidentChannels = incidentChannels;
        this.consumer = consumer;
        this.assignment = assignment;
        this.metrics = metrics;
        this.clock = clock;
        this.graphs = graphs;
        this.executor = executor;
    }

    /** Stops the graph worker: the loop is over. */
    void close() {
        graphs.close();
    }

    /** Sweeps when due and updates the lag. */
    void run() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) >= 0) {
            lastSweep = now;
            incidentChannels.sweep();
        }
        graphs.completed().forEach(executor::showGraph);
        graphs.due();
        long lag = 0;
        for (TopicPartition tp : assignment.owned()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.lag(lag);
    }
}
