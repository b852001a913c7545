/**
 * The Kafka Streams topology: one class per stage, each with a {@code build(StreamsBuilder, KStream)} that registers
 * its own named stores, repartition topics and processors and returns its output, and the composer
 * {@link io.alertbridge.processor.topology.AlertbridgeTopology} that wires them in one place: normalize
 * ({@link io.alertbridge.processor.topology.NormalizeStage}), detect ({@link io.alertbridge.processor.topology.DetectStage}),
 * dedupe ({@link io.alertbridge.processor.topology.DedupeStage}), silence
 * ({@link io.alertbridge.processor.topology.SilenceStage}), inhibit ({@link io.alertbridge.processor.topology.InhibitStage}),
 * correlate
 * ({@link io.alertbridge.processor.topology.CorrelateStage}), lifecycle
 * ({@link io.alertbridge.processor.topology.LifecycleStage}), throttle
 * ({@link io.alertbridge.processor.topology.ThrottleStage}) and outbox
 * ({@link io.alertbridge.processor.topology.OutboxStage}), with the rules topic as a global store
 * ({@link io.alertbridge.processor.topology.RulesStage}). Processors here only do store I/O and forwarding around the
 * pure decisions of {@code aws}, {@code anomaly}, {@code dedupe}, {@code inhibit} and {@code incident}.
 */
package io.alertbridge.processor.topology;
