/**
 * Replay posting ({@code alertbridge replay --post-to}): {@link io.alertbridge.connectors.slack.replay.ReplayPoster}
 * carries a replay's commands out through the sink's own executor into one review channel; {@link
 * io.alertbridge.connectors.slack.replay.ReplayRewrite} moves ids into the run's namespace and the review channel;
 * {@code ReplayMarker} marks every main message as a replay; {@code ReplayPause} gives up when Slack stalls. Refs stay
 * in memory: production's sink state is never touched.
 */
package io.alertbridge.connectors.slack.replay;
