/**
 * The Slack edge: {@link io.alertbridge.connectors.slack.SlackSink} consumes {@code alertbridge.notifications} and
 * keeps one Slack message per incident, edited in place, with its timeline in the thread and, when the route asks,
 * a private incident channel.
 *
 * <p>The roles, one class each:
 *
 * <ul>
 *   <li>{@code SlackSink}: the entry point ({@code start(config, consumerProps, producerProps, registry)}),
 *       lifecycle and readiness ({@link io.alertbridge.connectors.slack.SinkHealth}).
 *   <li>{@code NotificationLoop}: the consumer loop: read committed, offsets committed only after effects are
 *       recorded, partitions paused while Slack is unavailable.
 *   <li>{@code CatchUpPlanner}: coalesces a backlog (newest snapshot per incident, in order).
 *   <li>{@code CommandExecutor}: carries out one command: post once, {@code chat.update} after, thread replies,
 *       digests, with the intent protocol that prevents duplicates.
 *   <li>{@code SlackRefStore} / {@code SlackRef}: incident → (channel, ts) and intents, in memory per partition,
 *       backed by the compacted {@code <prefix>slack.refs} topic.
 *   <li>{@code MessageReconciler}: finds a message (or reply) in Slack by its metadata after a crash.
 *   <li>{@link io.alertbridge.connectors.slack.IncidentMessageRenderer}, {@link
 *       io.alertbridge.connectors.slack.MessageTemplate}, {@link io.alertbridge.connectors.slack.MrkdwnEscaper}:
 *       Block Kit, per-route templates, escaping of outside text.
 *   <li>{@link io.alertbridge.connectors.slack.SlackErrorClassifier}, {@code SlackCalls}, {@code Backoff}: what a
 *       Slack failure means and the retries that follow.
 *   <li>{@code IncidentChannelManager}, {@code ChannelDirectory}: incident channels, channel names to ids.
 *   <li>{@code SinkMetrics}: the meters.
 *   <li>{@link io.alertbridge.connectors.slack.ReplayPoster}, {@link io.alertbridge.connectors.slack.ReplayRewrite},
 *       {@code ReplayMarker}: {@code alertbridge replay --post-to}: a replay's commands carried out by the same
 *       {@code CommandExecutor} into one review channel, ids in a replay namespace, messages marked, refs in memory.
 * </ul>
 *
 * <p>Message templates per route are configured under {@code slack.templates}; see
 * {@link io.alertbridge.connectors.slack.MessageTemplate} for the placeholders and an example.
 */
package io.alertbridge.connectors.slack;
