/**
 * Replay: run the same topology over a time range of the raw history ({@code alertbridge.aws.raw} and
 * {@code alertbridge.anomaly.scores}) under given rules, isolated from production, and report what would have
 * happened next to what did. {@link io.alertbridge.processor.replay.HistoryReader} reads the range in time order,
 * {@link io.alertbridge.processor.replay.ReplayEngine} runs the topology in memory,
 * {@link io.alertbridge.processor.replay.ReplayReport} counts the outcome. With {@code --post-to},
 * {@link io.alertbridge.processor.replay.ReplayReview} sets up the posting of the replay's Slack commands into one
 * review channel (through {@code connectors.slack.ReplayPoster}, fed by {@link
 * io.alertbridge.processor.replay.Replay.NotificationListener}).
 */
package io.alertbridge.processor.replay;
