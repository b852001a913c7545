/**
 * Replay: run the same topology over a time range of the raw history ({@code alertbridge.aws.raw} and
 * {@code alertbridge.anomaly.scores}) under given rules, isolated from production, and report what would have
 * happened next to what did. {@link io.alertbridge.processor.replay.HistoryReader} reads the range in time order,
 * {@link io.alertbridge.processor.replay.ReplayEngine} runs the topology in memory,
 * {@link io.alertbridge.processor.replay.ReplayReport} counts the outcome. With {@code --post-to},
 * {@link io.alertbridge.processor.replay.ReplayReview} sets up the posting of the replay's Slack commands into one
 * review channel (through {@code connectors.slack.ReplayPoster}, fed by {@link
 * io.alertbridge.processor.replay.Replay.NotificationListener}). {@link io.alertbridge.processor.replay.RulePreview}
 * ({@code rules apply --preview}) replays a range twice, under the rules in force and the proposed ones, and
 * {@link io.alertbridge.processor.replay.PreviewDiff} says what the change would change.
 *
 * <p><b>Why Kafka's {@code TopologyTestDriver}, in main code.</b> A replay must run the production topology
 * ({@code AlertbridgeTopology.forReplay}, the same {@code compose} as the processor, not a simulator that could drift
 * from it) and must never touch production. The driver gives that by construction: its producer and consumers are
 * in-memory mocks, so nothing can reach a cluster (the engine also sets a bootstrap address that cannot resolve); the
 * calling thread processes each record as it is piped, in the order piped, so the same history under the same rules
 * gives the same report; and its wall clock is the engine's to move, so the wall-clock punctuators (group waits,
 * coalescing, escalations, digests) fire at the history's time, which a real {@code KafkaStreams} replaying a week in
 * minutes could not do. It is a published Kafka API, versioned with {@code kafka-streams}; the replay is a command the
 * runnable jar ships, so this dependency is part of what production runs, not a test kit on its classpath. What it does
 * not show (partitions, exactly-once, restarts) is not what a replay is for; {@code replay --rebuild}, whose state must
 * outlive the run, uses the real runtime ({@link io.alertbridge.processor.replay.Rebuild}).
 */
package io.alertbridge.processor.replay;
