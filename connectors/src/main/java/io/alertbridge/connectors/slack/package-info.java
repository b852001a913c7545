/**
 * The Slack edge, layered like Slack's own SDK (model, client, app). This package holds what every layer shares:
 * the sink's configuration ({@link io.alertbridge.connectors.slack.SlackSinkConfig}, with its per-route
 * {@link io.alertbridge.connectors.slack.MessageTemplate}s under {@code slack.templates}), what a Slack failure
 * means ({@link io.alertbridge.connectors.slack.SlackErrorClassifier}) and a bot token's standing
 * ({@link io.alertbridge.connectors.slack.TokenWatch}, {@link io.alertbridge.connectors.slack.TokenVerdict}).
 *
 * <p>The layers, each in its own package:
 *
 * <ul>
 *   <li>{@code rendering}: Block Kit messages of incidents, digests and replies, mrkdwn escaping of outside text,
 *       and the composer that applies a route's template and mentions.
 *   <li>{@code sink}: the consuming loop and what it is made of (subscription, batches, offsets, dead letters, the
 *       pause while Slack is unavailable), the command executor with its fallback ladder, the Slack calls and their
 *       retries, refs and crash recovery.
 *   <li>{@code channels}: incident channels (create, invite, kick, archive).
 *   <li>{@code replay}: {@code alertbridge replay --post-to}: a replay's commands posted into one review channel.
 *   <li>{@code interactivity}: buttons and {@code /alerts} with Bolt.
 *   <li>{@code assembly}: {@link io.alertbridge.connectors.slack.assembly.SlackSinkAssembler}, the one place the
 *       sink's object graph is built, for the live sink and for replay posting.
 * </ul>
 */
package io.alertbridge.connectors.slack;
