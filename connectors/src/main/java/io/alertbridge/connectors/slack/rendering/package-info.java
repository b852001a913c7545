/**
 * What the Slack sink's messages look like (Slack's model layer): {@link
 * io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer} renders an incident's main message (Block Kit,
 * at three levels of detail), a storm's digest and thread replies into a {@link
 * io.alertbridge.connectors.slack.rendering.RenderedMessage}; {@link
 * io.alertbridge.connectors.slack.rendering.MrkdwnEscaper} escapes and bounds every text from outside;
 * {@code ConsoleLinks} links AWS resources to their console pages; {@link
 * io.alertbridge.connectors.slack.rendering.MessageComposer} applies a route's template and mentions and a last
 * touch on main messages (the replay mark). Pure functions of their input and clock; no Slack calls.
 */
package io.alertbridge.connectors.slack.rendering;
