/**
 * The Slack sink (Slack's client layer): {@link io.alertbridge.connectors.slack.sink.SlackSink} consumes
 * {@code alertbridge.notifications} and keeps one Slack message per incident, edited in place, with its timeline in
 * the thread. Built by {@code SlackSinkAssembler}. The roles, one class each:
 *
 * <ul>
 *   <li>{@code NotificationLoop}: the thread's loop: prepare, await the token, subscribe, poll, commit.
 *   <li>{@code Subscription} (with {@code RefsTopic}): group membership, refs moved with their partitions;
 *       {@code Assignment}: the partitions owned and the one in flight.
 *   <li>{@code Batches}: one partition's records carried out in order; {@code CatchUpPlanner} coalesces a backlog.
 *   <li>{@code OffsetCommits}: offsets committed only after effects are recorded; {@code DeadLetters}: the
 *       dead-letter topic.
 *   <li>{@link io.alertbridge.connectors.slack.sink.SlackPause}: the wait, partitions paused, while Slack is
 *       unavailable, pacing the sink or refusing its token; {@code StopSignal}: stopping.
 *   <li>{@code SinkStatus}, {@link io.alertbridge.connectors.slack.sink.SinkHealth}: readiness;
 *       {@code SinkMetrics}: the meters; {@code SinkProbe}: crash points for tests.
 *   <li>{@link io.alertbridge.connectors.slack.sink.CommandExecutor}: carries out one command (post once,
 *       {@code chat.update} after, thread replies, digests) with the intent protocol that prevents duplicates;
 *       {@link io.alertbridge.connectors.slack.sink.FallbackLadder}: what to try when Slack refuses a write.
 *   <li>{@link io.alertbridge.connectors.slack.sink.SlackCalls}: Slack Web API calls, retried as the classifier
 *       decides, waiting in a {@code SlackCalls.Pauser}; {@code ChannelDirectory}: channel names to ids.
 *   <li>{@code SlackRefStore} / {@code SlackRef}: incident → (channel, ts) and intents, backed by the compacted
 *       {@code <prefix>slack.refs} topic; {@code MessageReconciler}: finds a message in Slack after a crash.
 *   <li>{@code IncidentChannels}: what the executor asks of incident channels (implemented in {@code channels}).
 * </ul>
 */
package io.alertbridge.connectors.slack.sink;
