/**
 * Slack interactivity with Bolt for Java: the buttons of incident messages and the {@code /alerts} command.
 *
 * <p>{@link io.alertbridge.connectors.slack.interactivity.Interactivity} is the entry point
 * ({@code start(config, kafkaProps, registry)}, {@code httpHandler()}, {@code isReady()}, {@code close()}),
 * configured by {@link io.alertbridge.connectors.slack.interactivity.InteractivityConfig}. Requests arrive over HTTP
 * ({@link io.alertbridge.connectors.slack.interactivity.SlackEventsHttpHandler}, mounted at {@code /slack/events} on
 * the process's HTTP server; Bolt verifies signatures) or over Socket Mode ({@code SocketModeState} tracks the
 * connection). The roles, one class each:
 *
 * <ul>
 *   <li>{@code ButtonHandler}, {@code ButtonValue}: block actions (Acknowledge, Unacknowledge, Resolve, Snooze) with
 *       the action ids and values the Slack sink's renderer puts on the buttons.
 *   <li>{@code AlertsCommandHandler}, {@code AlertsCommandParser}, {@code AlertsRequest}, {@code ListFilter},
 *       {@code AlertsFormatter}: {@code /alerts} from text to answer.
 *   <li>{@code IncidentActions}: the checks and the {@code UserAction} shared by buttons and commands;
 *       {@code SnoozeTimes}: snooze choices to instants; {@code Silences}: validated silence rules;
 *       {@code Authorizer}: who may resolve and silence.
 *   <li>{@code IncidentView}, {@code IncidentIndex}: the local view of {@code alertbridge.incidents} that answers
 *       questions without scanning the topic.
 *   <li>{@code ActionPublisher}: writes to {@code alertbridge.actions} and {@code alertbridge.rules};
 *       {@code AfterAck}, {@code ResponseUrlSender}: the work that follows Slack's acknowledgement.
 *   <li>{@code InteractivityMetrics}: the meters.
 * </ul>
 *
 * <p>Snooze choices: the message's Snooze menu (a static select with action id {@code alertbridge_snooze}) has
 * options whose values carry {@code "snooze":"PT1H"}, {@code "PT4H"} or {@code "tomorrow-morning"}; Slack sends
 * the chosen one as the action's {@code selected_option.value}, read like a button's value. The Snooze 1h button
 * of messages posted before the menu existed still works.
 */
package io.alertbridge.connectors.slack.interactivity;
