package io.alertbridge.connectors.slack.sink;

import java.time.Clock;
import java.util.Objects;

/**
 * What every part of the sink reports to and reads time from: its meters, its clock and its probe (a test's crash
 * points; {@link SinkProbe#NONE} in production), and the graphs told of every main message shown. One per sink, or
 * per replay poster.
 *
 * @param metrics the sink's meters
 * @param clock the time of refs, intents and pauses
 * @param probe told when a notification reaches each {@link SinkProbe.Point}
 * @param graphs told when an incident's main message shows a snapshot; {@link IncidentGraphs#off} for none
 */
public record SinkContext(SinkMetrics metrics, Clock clock, SinkProbe probe, IncidentGraphs graphs) {
    public SinkContext {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(graphs, "graphs");
    }
}
