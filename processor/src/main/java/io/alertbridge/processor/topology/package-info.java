/**
 * The Kafka Streams topology: one class per stage ({@link io.alertbridge.processor.topology.NormalizeStage},
 * {@link io.alertbridge.processor.topology.DetectStage}, {@link io.alertbridge.processor.topology.DedupeStage}),
 * each with a {@code build(StreamsBuilder, KStream)} that registers its own stores and returns its output, and the
 * composer {@link io.alertbridge.processor.topology.AlertbridgeTopology} that wires them in one place. Processors
 * here only do store I/O and forwarding around the pure decisions of {@code aws}, {@code anomaly} and
 * {@code dedupe}.
 */
package io.alertbridge.processor.topology;
